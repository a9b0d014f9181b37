/**
 * The explorer's view as a standalone SVG, written from node positions (Cytoscape draws on a
 * canvas and has no SVG output of its own). Names come from the cluster and are untrusted: every
 * text is XML-escaped.
 */
export interface SvgNode {
  readonly x: number;
  readonly y: number;
  readonly label: string;
  readonly color: string;
  readonly highlighted?: boolean;
}

export interface SvgEdge {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly color: string;
  readonly dashed: boolean;
  readonly label: string;
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c] as string);
}

const RADIUS = 9;
const PAD = 60;

export function graphSvg(nodes: readonly SvgNode[], edges: readonly SvgEdge[], title: string): string {
  const xs = [...nodes.map((n) => n.x), ...edges.flatMap((e) => [e.x1, e.x2])];
  const ys = [...nodes.map((n) => n.y), ...edges.flatMap((e) => [e.y1, e.y2])];
  const minX = Math.min(0, ...xs) - PAD;
  const minY = Math.min(0, ...ys) - PAD;
  const width = Math.max(1, ...xs) - minX + PAD;
  const height = Math.max(1, ...ys) - minY + PAD;
  const r = (v: number) => Math.round(v * 10) / 10;
  const lines = edges.map((e) => {
    const dash = e.dashed ? ' stroke-dasharray="5 3"' : "";
    const label = e.label
      ? `<text x="${r((e.x1 + e.x2) / 2)}" y="${r((e.y1 + e.y2) / 2 - 3)}" font-size="8" fill="#475569" text-anchor="middle">${escapeXml(e.label)}</text>`
      : "";
    return `<line x1="${r(e.x1)}" y1="${r(e.y1)}" x2="${r(e.x2)}" y2="${r(e.y2)}" stroke="${escapeXml(e.color)}" stroke-width="1.5"${dash} marker-end="url(#arrow)"/>${label}`;
  });
  const circles = nodes.map((n) => {
    const ring = n.highlighted ? ' stroke="#f59e0b" stroke-width="4"' : "";
    return `<circle cx="${r(n.x)}" cy="${r(n.y)}" r="${RADIUS}" fill="${escapeXml(n.color)}"${ring}/><text x="${r(n.x)}" y="${r(n.y + RADIUS + 11)}" font-size="10" fill="#0f172a" text-anchor="middle">${escapeXml(n.label)}</text>`;
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${r(minX)} ${r(minY)} ${r(width)} ${r(height)}" width="${r(width)}" height="${r(height)}" font-family="sans-serif">`,
    `<title>${escapeXml(title)}</title>`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="19" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#94a3b8"/></marker></defs>`,
    `<rect x="${r(minX)}" y="${r(minY)}" width="${r(width)}" height="${r(height)}" fill="#ffffff"/>`,
    ...lines,
    ...circles,
    `</svg>`,
  ].join("\n");
}
