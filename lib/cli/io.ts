import { readBounded } from "@/lib/ingest/limits";

/** Where a command writes: JSON and answers to stdout, logs and progress to stderr. */
export interface CliIO {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Colour and progress lines only on a terminal. */
  readonly isTTY: boolean;
  /** stdin, decoded strictly, refused once it passes `maxBytes` (InputTooLargeError). */
  readonly readStdin: (maxBytes: number) => Promise<string>;
}

export function processIO(): CliIO {
  return {
    out: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
    isTTY: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    readStdin: (maxBytes) => readBounded(process.stdin, maxBytes),
  };
}

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, no: 1, usage: 2, failure: 3 } as const;

export function paint(io: CliIO, style: "green" | "red" | "yellow" | "bold" | "dim", text: string): string {
  if (!io.isTTY) return text;
  const codes = { green: 32, red: 31, yellow: 33, bold: 1, dim: 2 } as const;
  return `\u001b[${codes[style]}m${text}\u001b[0m`;
}

export function printJson(io: CliIO, value: unknown): void {
  io.out(JSON.stringify(value, null, 2));
}

/** A plain table: columns padded to the widest cell. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}
