import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LiveJob } from "@/lib/pipeline/import-live";
import { loadFixtureObjects, startFakeApiServer, type FakeApiServer } from "@/lib/ingest/live/test-support/fake-apiserver";
import { makeTestPki, writeKubeconfig } from "@/lib/ingest/live/test-support/tls";

const TOKEN = "route-token";
const ROOT = path.resolve(import.meta.dirname, "../../..");
let server: FakeApiServer;
let dir: string;
const saved = { KUBECONFIG: process.env.KUBECONFIG, RBAC_ATLAS_DB: process.env.RBAC_ATLAS_DB };

beforeAll(async () => {
  const pki = makeTestPki();
  server = await startFakeApiServer({
    cert: pki.serverCert,
    key: pki.serverKey,
    token: TOKEN,
    objects: loadFixtureObjects([path.join(ROOT, "fixtures", "k8s-bootstrap-policy")]),
    forbidden: ["secrets"],
  });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "rbac-atlas-live-routes-"));
  const kubeconfig = path.join(dir, "kubeconfig");
  writeKubeconfig(
    kubeconfig,
    [
      { name: "staging", server: server.url, caCert: pki.caCert, token: TOKEN },
      { name: "expired", server: server.url, caCert: pki.caCert, token: "old" },
    ],
    "staging",
  );
  process.env.KUBECONFIG = kubeconfig;
  process.env.RBAC_ATLAS_DB = path.join(dir, "web.db");
});

afterAll(async () => {
  await server.close();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

const post = async (body: unknown) => {
  const { POST } = await import("./jobs/route");
  return POST(new Request("http://localhost/api/live/jobs", { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } }));
};

async function waitFor(id: string): Promise<LiveJob[]> {
  const { GET } = await import("./jobs/[id]/route");
  const seen: LiveJob[] = [];
  for (let i = 0; i < 200; i++) {
    const response = await GET(new Request(`http://localhost/api/live/jobs/${id}`), { params: Promise.resolve({ id }) });
    const { job } = (await response.json()) as { job: LiveJob };
    seen.push(job);
    if (job.state !== "running") return seen;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("job did not finish");
}

describe("/api/live: contexts of the server's kubeconfig, ingest jobs with progress", () => {
  it("lists the contexts with names and server URLs only", async () => {
    const { GET } = await import("./contexts/route");
    const body = (await (await GET()).json()) as { ok: boolean; contexts: { name: string; server: string; current: boolean }[] };
    expect(body.contexts.map((c) => [c.name, c.server, c.current])).toEqual([
      ["staging", server.url, true],
      ["expired", server.url, false],
    ]);
    expect(JSON.stringify(body)).not.toContain(TOKEN);
    expect(JSON.stringify(body)).not.toContain("BEGIN CERTIFICATE");
  });

  it("ingests a context: progress per kind while running, then the snapshot id", async () => {
    const response = await post({ context: "staging" });
    expect(response.status).toBe(202);
    const { job } = (await response.json()) as { job: LiveJob };
    const seen = await waitFor(job.id);
    const last = seen.at(-1);
    expect(last?.state).toBe("done");
    expect(last?.snapshotId).toBeGreaterThan(0);
    expect(last?.kinds.find((k) => k.resource === "clusterroles")).toMatchObject({ state: "done" });
    expect(last?.kinds.find((k) => k.resource === "secrets")).toMatchObject({ state: "unreadable", reason: "403" });
    expect(last?.kinds).toHaveLength(19);
  });

  it("a rejected token ends the job with the one-sentence failure", async () => {
    const { job } = (await (await post({ context: "expired" })).json()) as { job: LiveJob };
    const last = (await waitFor(job.id)).at(-1);
    expect(last).toMatchObject({ state: "failed", error: `cannot ingest from context "expired" (${server.url}): the server rejected the credentials (401 Unauthorized): the token or client certificate is invalid or expired.` });
    expect(last?.snapshotId).toBeUndefined();
  });

  it.each([
    [{ context: "not-there" }, /no context "not-there"/],
    [{ context: "staging", server: "https://attacker.example" }, /nothing else/],
    [{ kubeconfig: "/etc/passwd" }, /nothing else/],
    [{}, /nothing else/],
  ])("refuses %j: the browser can only name a known context", async (body, message) => {
    const response = await post(body);
    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: string }).error).toMatch(message);
  });

  it("refuses a body that is not declared as JSON (no cross-site simple POST)", async () => {
    const { POST } = await import("./jobs/route");
    const response = await POST(new Request("http://localhost/api/live/jobs", { method: "POST", body: JSON.stringify({ context: "staging" }), headers: { "content-type": "text/plain" } }));
    expect(response.status).toBe(415);
  });

  it("an unknown job is a 404", async () => {
    const { GET } = await import("./jobs/[id]/route");
    expect((await GET(new Request("http://localhost/x"), { params: Promise.resolve({ id: "nope" }) })).status).toBe(404);
  });
});
