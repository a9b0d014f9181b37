/**
 * The store's SQL is written once, in the SQLite dialect; this rewrites it for PostgreSQL:
 * - `?` placeholders become `$1, $2, …`;
 * - mixed-case identifiers (Prisma's model and field names: KubeObject, snapshotId) are quoted, since
 *   PostgreSQL folds unquoted names to lower case (keywords are upper case, aliases lower case);
 * - `instr(a, b)` becomes `strpos(a, b)` (same arguments, same 1-based result);
 * - `INSERT OR IGNORE` becomes `INSERT … ON CONFLICT DO NOTHING`;
 * - an empty `IN ()` list (SQLite: false) becomes `IN (NULL)`;
 * - a unary `+` (SQLite's way of keeping the planner off an index: `AND +b.roleName = ?`) is
 *   dropped: PostgreSQL has no unary plus on text.
 * String literals and quoted identifiers pass through untouched. What differs beyond this (JSON
 * paths, packed bytes, timestamps) is chosen by the caller from the handle's dialect.
 */
export interface TranslatedSql {
  readonly text: string;
  readonly parameters: number;
}

const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;
/** What precedes a `+` that is unary: an operator, an opening parenthesis, a comma or a keyword. */
const UNARY_POSITION = /(?:[=<>(,]|\b(?:AND|OR|NOT|WHERE|ON|SELECT|BY|WHEN|THEN|ELSE))\s*$/i;

export function toPostgres(sql: string): TranslatedSql {
  let out = "";
  let parameters = 0;
  let ignoreConflicts = false;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === "'" || c === '"') {
      const end = closingQuote(sql, i);
      out += sql.slice(i, end);
      i = end;
      continue;
    }
    if (c === "?") {
      out += `$${++parameters}`;
      i++;
      continue;
    }
    if (c === "+" && UNARY_POSITION.test(out)) {
      i++;
      continue;
    }
    WORD.lastIndex = i;
    const match = WORD.exec(sql);
    if (match && (i === 0 || !/[A-Za-z0-9_$]/.test(sql[i - 1]!))) {
      const word = match[0];
      i += word.length;
      const emptyList = word.toUpperCase() === "IN" ? /^\s*\(\s*\)/.exec(sql.slice(i)) : null;
      if (emptyList) {
        // SQLite takes `x IN ()` (false); PostgreSQL needs an element: NULL never matches.
        out += `${word} (NULL)`;
        i += emptyList[0].length;
      } else if (word === "instr" && sql[i] === "(") out += "strpos";
      else if (word.toUpperCase() === "OR" && /^\s+IGNORE\b/i.test(sql.slice(i)) && /INSERT\s*$/i.test(out)) {
        i += sql.slice(i).match(/^\s+IGNORE/i)![0].length;
        ignoreConflicts = true;
        out = out.replace(/\s*$/, "");
      } else if (/[a-z]/.test(word) && /[A-Z]/.test(word)) out += `"${word}"`;
      else out += word;
      continue;
    }
    out += c;
    i++;
  }
  if (ignoreConflicts) out = `${out.replace(/[\s;]*$/, "")} ON CONFLICT DO NOTHING`;
  return { text: out, parameters };
}

/** Index just past the literal or quoted identifier opening at `start` (a doubled quote escapes). */
function closingQuote(sql: string, start: number): number {
  const quote = sql[start];
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return sql.length;
}

/**
 * `INSERT INTO t (cols) VALUES (tuple)` as its head and tuple, or undefined for any other statement:
 * consecutive runs of one such statement are sent as a single multi-row INSERT.
 */
export function insertParts(sql: string): { head: string; tuple: string } | undefined {
  const match = /^\s*(INSERT\s+INTO\s+[A-Za-z_"]+\s*\([^)]*\)\s*VALUES\s*)(\([^()]*\))\s*$/i.exec(sql);
  return match ? { head: match[1]!, tuple: match[2]! } : undefined;
}
