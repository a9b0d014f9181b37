/** Resolves once the server at `base` answers /api/health (up to two minutes): the benchmarks' server start. */
export async function waitUp(base: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the server on ${base} did not start`);
}
