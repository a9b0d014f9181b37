/** Progress per kind, kept as data (the web job) and rendered as one line per kind (the CLI). */

import type { KindProgress } from "./collect";

/** "clusterroles      listed 68/68 (1 page, 0.4 s) done", "secrets  not readable (403)". */
export function formatProgressLine(p: KindProgress, width = 32): string {
  const name = p.resource.padEnd(width);
  const seconds = `${(p.elapsedMs / 1000).toFixed(1)} s`;
  switch (p.state) {
    case "waiting":
      return `${name} waiting`;
    case "unreadable":
      return `${name} not readable (${p.reason ?? "?"})`;
    case "listing":
    case "done": {
      const total = p.total !== undefined ? `/${p.total}` : "";
      const pages = `${p.pages} page${p.pages === 1 ? "" : "s"}`;
      const restarts = p.restarts > 0 ? `, restarted ${p.restarts}× (expired continue)` : "";
      return `${name} ${p.state === "done" ? "done   " : "listing"} ${p.listed}${total} (${pages}${restarts}, ${seconds})`;
    }
  }
}

/** The latest event per resource, in first-seen order. */
export class ProgressBoard {
  private readonly byResource = new Map<string, KindProgress>();

  update(event: KindProgress): void {
    this.byResource.set(event.resource, event);
  }

  get(resource: string): KindProgress | undefined {
    return this.byResource.get(resource);
  }

  all(): KindProgress[] {
    return [...this.byResource.values()];
  }
}

export interface ProgressPrinter {
  readonly onProgress: (event: KindProgress) => void;
  /** Draws the final state (TTY) — call once the collector returned. */
  readonly finish: () => void;
}

/**
 * On a terminal: one line per kind, redrawn in place (at most every 100 ms). Otherwise: one plain
 * line when a kind is finished or found unreadable, nothing that needs a terminal to read.
 */
export function progressPrinter(write: (text: string) => void, tty: boolean): ProgressPrinter {
  const board = new ProgressBoard();
  if (!tty) {
    return {
      onProgress: (event) => {
        board.update(event);
        if (event.state === "done" || event.state === "unreadable") write(`${formatProgressLine(event).replace(/ {2,}/g, " ")}\n`);
      },
      finish: () => undefined,
    };
  }
  let drawn = 0;
  let last = 0;
  const draw = () => {
    last = Date.now();
    const lines = board.all().map((p) => `\u001b[2K${formatProgressLine(p)}`);
    write(`${drawn > 0 ? `\u001b[${drawn}A` : ""}${lines.join("\n")}\n`);
    drawn = lines.length;
  };
  return {
    onProgress: (event) => {
      board.update(event);
      if (Date.now() - last >= 100) draw();
    },
    finish: draw,
  };
}
