/**
 * Strict Content-Type parsing: the media type is the part before the first ";", trimmed and
 * lower-cased, and must be one token/token — so "text/plain; application/json" is text/plain, not
 * JSON (a substring test would accept it, and a cross-site form can send text/plain freely).
 */
export function mediaType(header: string | null | undefined): string | undefined {
  if (header === null || header === undefined) return undefined;
  const type = (header.split(";", 1)[0] ?? "").trim().toLowerCase();
  return /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(type) ? type : undefined;
}

export function isMediaType(header: string | null | undefined, expected: string): boolean {
  return mediaType(header) === expected;
}
