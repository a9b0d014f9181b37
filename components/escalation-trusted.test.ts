import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { VertexRef } from "@/lib/analysis/refs";
import { MAX_TRUSTED_SHOWN, TrustedStarts } from "./escalation-trusted";

const kubelets = (n: number): VertexRef[] => Array.from({ length: n }, (_, i) => ({ kind: "User", name: `system:node:node-${String(i).padStart(3, "0")}`, namespace: null }));
const items = (html: string) => html.match(/<li /g)?.length ?? 0;

describe("trusted principals on the escalation page", () => {
  it("names every one when there are few", () => {
    const html = renderToStaticMarkup(createElement(TrustedStarts, { snapshot: 3, starts: kubelets(5) }));
    expect(items(html)).toBe(5);
    expect(html).toContain("User/system:node:node-004");
    expect(html).not.toContain("more (every one in");
  });

  it("names the first few of hundreds and points to the API for the rest", () => {
    const html = renderToStaticMarkup(createElement(TrustedStarts, { snapshot: 3, starts: kubelets(600) }));
    expect(items(html)).toBe(MAX_TRUSTED_SHOWN);
    expect(html).toContain(`… and ${600 - MAX_TRUSTED_SHOWN} more`);
    expect(html).toContain('href="/api/snapshots/3/fixes"');
    expect(html).not.toContain(`node-${String(MAX_TRUSTED_SHOWN).padStart(3, "0")}<`);
  });

  it("says so when none reaches a sink", () => {
    expect(renderToStaticMarkup(createElement(TrustedStarts, { snapshot: 3, starts: [] }))).toContain("No trusted principal reaches the chosen sinks.");
  });
});
