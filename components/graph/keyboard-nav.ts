/**
 * Keyboard access to the graph canvas: arrow keys move the keyboard cursor to the connected vertex
 * lying in that direction on screen (the chain layout reads left to right, so → follows a grant),
 * and the cursor's vertex is described in words for screen readers.
 */

export type Direction = "left" | "right" | "up" | "down";

export interface Placed {
  readonly id: string;
  readonly x: number;
  readonly y: number;
}

export const ARROW_DIRECTIONS: Readonly<Record<string, Direction>> = { ArrowLeft: "left", ArrowRight: "right", ArrowUp: "up", ArrowDown: "down" };

const UNIT: Readonly<Record<Direction, readonly [number, number]>> = { left: [-1, 0], right: [1, 0], up: [0, -1], down: [0, 1] };

/**
 * The neighbour best reached by moving in `direction`: only neighbours within 60° of it count, and
 * among those the one with the smallest distance, off-axis distance weighing double.
 */
export function neighbourInDirection(from: Placed, neighbours: readonly Placed[], direction: Direction): Placed | undefined {
  const [ux, uy] = UNIT[direction];
  let best: { readonly node: Placed; readonly cost: number } | undefined;
  for (const n of neighbours) {
    const dx = n.x - from.x;
    const dy = n.y - from.y;
    const along = dx * ux + dy * uy;
    const across = Math.abs(dx * uy - dy * ux);
    if (along <= 0 || across > along * Math.tan(Math.PI / 3)) continue;
    const cost = along + 2 * across;
    if (!best || cost < best.cost || (cost === best.cost && n.id < best.node.id)) best = { node: n, cost };
  }
  return best?.node;
}

export interface VertexWords {
  readonly kind: string;
  readonly label: string;
  readonly severity?: string | undefined;
}

/** "ServiceAccount ci/deployer, worst finding High, 3 connections: RoleBinding ci/deploy, …" */
export function describeVertex(vertex: VertexWords, neighbours: readonly VertexWords[]): string {
  const kind = vertex.kind === "Collapsed" ? "collapsed group" : vertex.kind;
  const shown = neighbours.slice(0, 5).map((n) => `${n.kind === "Collapsed" ? "group" : n.kind} ${n.label}`);
  const more = neighbours.length > shown.length ? `, and ${neighbours.length - shown.length} more` : "";
  const connections = neighbours.length === 0 ? "no connections" : `${neighbours.length} connection${neighbours.length === 1 ? "" : "s"}: ${shown.join(", ")}${more}`;
  return `${kind} ${vertex.label}${vertex.severity ? `, worst finding ${vertex.severity}` : ""}, ${connections}.`;
}
