/** The numbers behind a bar chart, kept out of JSX so they can be tested. */
export type BarTone = "critical" | "bad" | "warn" | "info" | "neutral";

export interface BarRow {
  readonly label: string;
  readonly value: number;
  readonly tone: BarTone;
  readonly href?: string | undefined;
}

/** Bar length in chart units: proportional to the largest value, and never invisible for a non-zero value. */
export function barWidth(value: number, max: number, full: number): number {
  if (value <= 0 || max <= 0) return 0;
  return Math.max(2, Math.round((value / max) * full));
}

/** Labels longer than the label column are cut with an ellipsis (the full text is in the bar's title and the table). */
export function shortLabel(label: string, max = 26): string {
  return label.length <= max ? label : `${label.slice(0, max - 1)}…`;
}
