// Which seed each take gets. PURE. A locked seed s gives s, s+1, s+2 … (wrapping inside the range fal and
// Replicate accept); no seed gives a different random seed per take, except that a take of an interrupted run
// (the journal still has its requests) keeps its seed, so a restarted run resumes it instead of paying again.
export const SEED_MAX = 65535

export function takeSeeds(
  lockedSeed: number | null,
  takes: number,
  options: { random?: () => number; reuse?: (takeIndex: number) => number | undefined } = {},
): number[] {
  if (lockedSeed !== null) return Array.from({ length: takes }, (_, i) => (lockedSeed + i) % (SEED_MAX + 1))
  const random = options.random ?? Math.random
  const seeds: Array<number | undefined> = Array.from({ length: takes }, (_, i) => options.reuse?.(i))
  const taken = (seed: number): boolean => seeds.includes(seed)
  for (let i = 0; i < takes; i++) {
    if (seeds[i] !== undefined) continue
    let seed = Math.floor(random() * (SEED_MAX + 1))
    // Distinct seeds: the takes are meant to differ.
    for (let tries = 0; taken(seed) && tries < 100; tries++) seed = Math.floor(random() * (SEED_MAX + 1))
    while (taken(seed)) seed = (seed + 1) % (SEED_MAX + 1)
    seeds[i] = seed
  }
  return seeds as number[]
}
