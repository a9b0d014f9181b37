/**
 * Dashboard speed on a stored snapshot: the graph neighbourhood (in process), every main page's
 * server time and HTML size (over HTTP against a running production server), and the first render
 * of a ~2,000-element graph view in headless Chromium.
 *
 *   npx tsx bench/dashboard.ts --db FILE --snapshot ID [--url http://127.0.0.1:PORT]
 *
 * Targets (issue 10): pages p50 < 300 ms and < 1 MB; neighbourhood p50 < 200 ms; 2,000-element
 * render < 2 s. Each figure is printed with its ratio to the target.
 */
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";
import { neighbourhood, parseExplorerRef } from "@/lib/query/neighbourhood";
import { openDatabase } from "@/lib/store";

const { values } = parseArgs({ options: { db: { type: "string" }, snapshot: { type: "string" }, url: { type: "string" }, runs: { type: "string" } } });
if (!values.db || !values.snapshot) {
  console.error("usage: npx tsx bench/dashboard.ts --db FILE --snapshot ID [--url http://127.0.0.1:PORT]");
  process.exit(2);
}
const snapshot = Number(values.snapshot);
const runs = Number(values.runs ?? 7);

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const ratio = (value: number, target: number) => `${(value / target).toFixed(2)}× target`;

async function time<T>(f: () => Promise<T> | T): Promise<[number, T]> {
  const t = performance.now();
  const r = await f();
  return [performance.now() - t, r];
}

async function main(): Promise<void> {
  const db = openDatabase(values.db);
  const foci: [string, number][] = [
    ["ClusterAdmin", 1],
    ["ClusterAdmin", 3],
    ["ClusterRole/admin", 2],
    ["ClusterRole/view", 2],
  ];
  const firstNs = (db.raw.prepare(`SELECT name FROM KubeObject WHERE snapshotId = ? AND kind = 'Namespace' ORDER BY name LIMIT 1 OFFSET 10`).get(snapshot) as { name: string } | undefined)?.name;
  const firstSa = db.raw.prepare(`SELECT namespace, name FROM KubeObject WHERE snapshotId = ? AND kind = 'ServiceAccount' ORDER BY namespace, name LIMIT 1 OFFSET 100`).get(snapshot) as { namespace: string; name: string } | undefined;
  if (firstNs) foci.push([`Namespace/${firstNs}`, 2]);
  if (firstSa) foci.push([`ServiceAccount/${firstSa.namespace}/${firstSa.name}`, 3]);
  const [coldMs] = await time(() => neighbourhood(db, snapshot, { focus: parseExplorerRef("ClusterAdmin") ?? { kind: "ClusterAdmin", namespace: "", name: "" }, depth: 1 }));
  console.log(`neighbourhood: first call (loads the stored escalation graph) ${coldMs.toFixed(0)} ms`);
  for (const [focusText, depth] of foci) {
    const focus = parseExplorerRef(focusText) ?? { kind: "ClusterAdmin" as const, namespace: "", name: "" };
    const times: number[] = [];
    let elements = 0;
    for (let i = 0; i < runs; i++) {
      const [ms, view] = await time(() => neighbourhood(db, snapshot, { focus, depth }));
      times.push(ms);
      elements = view.nodes.length + view.edges.length;
    }
    console.log(`neighbourhood ${focusText} depth ${depth}: p50 ${p50(times).toFixed(1)} ms (${ratio(p50(times), 200)}), ${elements} elements`);
  }
  if (!values.url) return;
  const base = values.url.replace(/\/$/, "");
  const s = `/snapshots/${snapshot}`;
  const pages = [
    s,
    `${s}/subjects`,
    `${s}/roles`,
    `${s}/bindings`,
    `${s}/pods`,
    `${s}/findings`,
    `${s}/findings?page=20`,
    `${s}/escalations`,
    `${s}/who-can?verb=get&type=secrets&all=on`,
    `${s}/can-i?user=system%3Aserviceaccount%3Aci%3Adeployer&verb=get&type=secrets&namespace=payments`,
    `${s}/roles/ClusterRole/admin`,
    `${s}/graph?focus=ClusterAdmin&depth=2`,
    `/drift`,
  ];
  for (const page of pages) {
    await fetch(base + page).then((r) => r.text());
    const times: number[] = [];
    let bytes = 0;
    let status = 0;
    for (let i = 0; i < Math.min(runs, 5); i++) {
      const [ms, body] = await time(async () => {
        const r = await fetch(base + page);
        status = r.status;
        return r.text();
      });
      times.push(ms);
      bytes = Buffer.byteLength(body);
    }
    console.log(`page ${page}: ${status} p50 ${p50(times).toFixed(0)} ms (${ratio(p50(times), 300)}), HTML ${(bytes / 1024).toFixed(0)} KB (${ratio(bytes, 1024 * 1024)})`);
  }
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const renders: number[] = [];
    let elements = 0;
    for (let i = 0; i < 3; i++) {
      await page.goto(`${base}${s}/graph?focus=ClusterAdmin&depth=3`, { waitUntil: "load" });
      const canvas = page.locator("[data-testid=graph-canvas][data-render-ms]");
      await canvas.waitFor({ timeout: 60_000 });
      renders.push(Number(await canvas.getAttribute("data-render-ms")));
      elements = Number(await canvas.getAttribute("data-elements"));
    }
    console.log(`graph first render (Cytoscape, chain layout) of ${elements} elements: p50 ${p50(renders).toFixed(0)} ms (${ratio(p50(renders), 2000)})`);
  } finally {
    await browser.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
