/**
 * The technique id list and §5 precedence, derived from the one technique list (`TECHNIQUES`):
 * each technique declares its §3 section and rank, so a technique added there is in the id list
 * and ordered without a second list to keep in step.
 */
import type { Technique, TechniqueId } from "./technique";
import { TECHNIQUES } from "./techniques";

/** One entry per id; entries sharing an id (one technique, several uses) must agree on section and rank. */
function byId(list: readonly Technique[]): Map<TechniqueId, { section: number; rank: number }> {
  const out = new Map<TechniqueId, { section: number; rank: number }>();
  for (const t of list) {
    const seen = out.get(t.id);
    if (seen && (seen.section !== t.section || seen.rank !== t.rank)) throw new Error(`technique ${t.id} is registered with two sections or ranks`);
    out.set(t.id, { section: t.section, rank: t.rank });
  }
  return out;
}

const INFO = byId(TECHNIQUES);

/** Every technique id, in §3 order (the index stored in graph edges). */
export const TECHNIQUE_IDS: readonly TechniqueId[] = [...INFO.keys()].sort((a, b) => (INFO.get(a)?.section ?? 0) - (INFO.get(b)?.section ?? 0));

/** §5: canonical first. */
export const CANONICAL_ORDER: readonly TechniqueId[] = [...INFO.keys()].sort((a, b) => (INFO.get(a)?.rank ?? 0) - (INFO.get(b)?.rank ?? 0));

export const CANONICAL_RANK: ReadonlyMap<string, number> = new Map(CANONICAL_ORDER.map((t, i) => [t, i]));

/** Index of an id in TECHNIQUE_IDS; throws for an id no registered technique has (its hops would be lost). */
const INDEX: ReadonlyMap<string, number> = new Map(TECHNIQUE_IDS.map((t, i) => [t, i]));
export function techniqueIndex(id: TechniqueId): number {
  const i = INDEX.get(id);
  if (i === undefined) throw new Error(`technique ${id} is not registered in techniques/index.ts`);
  return i;
}
