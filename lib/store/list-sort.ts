/**
 * Server-side sorting for paged lists: a sort names a column from a fixed list per page (never SQL
 * from the URL) and a direction. Unknown columns fall back to the page's default order.
 */

export type SortDirection = "asc" | "desc";

export interface ListSort {
  readonly column: string;
  readonly direction: SortDirection;
}

/** Column name → SQL expression it sorts by. */
export type SortColumns = Readonly<Record<string, string>>;

/**
 * `ORDER BY` text: the chosen column (when the page knows it) then the default order, which keeps
 * the order total so pages never repeat or skip a row.
 */
export function orderBy(columns: SortColumns, defaultOrder: string, sort: ListSort | undefined): string {
  const expression = sort && Object.hasOwn(columns, sort.column) ? columns[sort.column] : undefined;
  if (expression === undefined) return defaultOrder;
  return `${expression} ${sort?.direction === "desc" ? "DESC" : "ASC"}, ${defaultOrder}`;
}
