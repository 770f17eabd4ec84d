// PURE: the shortest time any scheduling could take for a batch whose requests become ready at given times (as
// their upload cuts land) on a provider running `slots` of them at once, each taking `providerSec`. With equal
// request times, starting a ready request whenever a slot is free (in order of readiness) is optimal, so this
// is the exact bound, not an estimate. bench/pipeline compares the cold batch with it.

/** When the last request ends if each starts as soon as it is ready and a slot is free. */
export function bestBatchSec(readySec: readonly number[], slots: number, providerSec: number): number {
  const freeAt: number[] = Array.from({ length: Math.max(1, slots) }, () => 0)
  let end = 0
  for (const ready of [...readySec].sort((a, b) => a - b)) {
    // The slot that frees first takes the next ready request.
    let i = 0
    for (let j = 1; j < freeAt.length; j++) if (freeAt[j]! < freeAt[i]!) i = j
    const done = Math.max(ready, freeAt[i]!) + providerSec
    freeAt[i] = done
    end = Math.max(end, done)
  }
  return end
}
