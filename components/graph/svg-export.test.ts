import { describe, expect, it } from "vitest";
import { escapeXml, graphSvg } from "./svg-export";

describe("graph SVG export", () => {
  it("writes names from the cluster as escaped text, never as markup", () => {
    const svg = graphSvg([{ x: 0, y: 0, label: "<img src=x onerror=alert(1)>", color: "#000" }], [], "a & b");
    expect(svg).not.toContain("<img");
    expect(svg).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(svg).toContain("<title>a &amp; b</title>");
  });

  it("draws one line per edge and one circle per node, dashed for technique edges", () => {
    const svg = graphSvg(
      [
        { x: 0, y: 0, label: "a", color: "#111" },
        { x: 100, y: 50, label: "b", color: "#222" },
      ],
      [{ x1: 0, y1: 0, x2: 100, y2: 50, color: "#e11d48", dashed: true, label: "POD_CREATE" }],
      "t",
    );
    expect(svg.match(/<circle /g)?.length).toBe(2);
    expect(svg.match(/<line /g)?.length).toBe(1);
    expect(svg).toContain('stroke-dasharray="5 3"');
    expect(svg).toContain(">POD_CREATE</text>");
  });

  it("escapes quotes so a colour or label cannot close an attribute", () => {
    expect(escapeXml(`"'`)).toBe("&quot;&apos;");
  });
});
