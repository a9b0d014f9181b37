import type { SqlHandle, SqlStatement } from "./sql-handle";
import { packJsonText, unpackJson } from "./packed-json";
import type { RawDatabase } from "./raw-client";

/**
 * Display manifests are stored a few hundred to a row (ManifestChunk), deflated together: at 150k
 * pods they are the largest thing in the database, and deflate compresses a chunk of similar
 * objects ~8× where one object alone compresses ~2× at a hundred times the cost per byte.
 * A page shows one object, so reading one means inflating one chunk (a few ms).
 */
export const MANIFESTS_PER_CHUNK = 256;

/** Where a manifest went: chunk number and its index in the chunk. */
export interface ManifestPlace {
  readonly chunk: number;
  readonly slot: number;
}

/** Collects manifests (as JSON text) of one snapshot and writes each full chunk as it fills. */
export class ManifestChunkWriter {
  private readonly insert: SqlStatement;
  private pending: string[] = [];
  private chunk = 0;

  constructor(
    raw: SqlHandle,
    private readonly snapshotId: number,
  ) {
    this.insert = raw.prepare(`INSERT INTO ManifestChunk (snapshotId, chunk, manifests) VALUES (?, ?, ?)`);
  }

  add(manifestJson: string): ManifestPlace {
    const place = { chunk: this.chunk, slot: this.pending.length };
    this.pending.push(manifestJson);
    if (this.pending.length >= MANIFESTS_PER_CHUNK) this.flush();
    return place;
  }

  /** Writes the chunk being filled (call once more after the last add). */
  flush(): void {
    if (this.pending.length === 0) return;
    this.insert.run(this.snapshotId, this.chunk, packJsonText(`[${this.pending.join(",")}]`));
    this.pending = [];
    this.chunk++;
  }
}

/**
 * The most recently inflated chunk: a page that shows an object and then its role or binding often
 * reads neighbours. Keyed by database, snapshot and chunk.
 */
let lastChunk: { key: string; manifests: readonly unknown[] } | undefined;

/** One stored manifest, or undefined when the chunk or slot is missing. */
export function readChunkedManifest(db: RawDatabase, snapshotId: number, place: ManifestPlace): Record<string, unknown> | undefined {
  const key = `${db.cacheKey}#${snapshotId}#${place.chunk}`;
  if (lastChunk?.key !== key) {
    const row = db.raw.prepare(`SELECT manifests FROM ManifestChunk WHERE snapshotId = ? AND chunk = ?`).get(snapshotId, place.chunk) as
      | { manifests: Uint8Array }
      | undefined;
    if (!row) return undefined;
    lastChunk = { key, manifests: unpackJson<unknown[]>(row.manifests) };
  }
  return lastChunk.manifests[place.slot] as Record<string, unknown> | undefined;
}
