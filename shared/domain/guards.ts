// Guard presets beside the negative prompt ("No voices", "No music") and "Timing only" (mask_away_clip). PURE.

/**
 * Presets beside the negative prompt: each adds its words to what the model avoids (once), and takes them out
 * again. MMAudio tends to add voices to pictures of people, and music to anything cinematic; a negative prompt is
 * the documented way to keep them out (MMAudio's issue #24).
 */
export const GUARDS = {
  voices: {
    label: 'No voices',
    words: ['speech', 'talking', 'voice'],
    hint: 'Keeps speech out: the model tends to add voices to pictures of people',
  },
  music: { label: 'No music', words: ['music'], hint: 'Keeps music out: only effects and ambience' },
} as const
export type Guard = keyof typeof GUARDS

const wordsOf = (negativePrompt: string) =>
  negativePrompt
    .split(',')
    .map((w) => w.trim())
    .filter(Boolean)

export function hasGuard(negativePrompt: string, guard: Guard): boolean {
  const words = new Set(wordsOf(negativePrompt).map((w) => w.toLowerCase()))
  return GUARDS[guard].words.every((w) => words.has(w))
}

/** The negative prompt with the guard's words added once (or, when all are there, taken out). */
export function toggleGuard(negativePrompt: string, guard: Guard): string {
  const own = new Set<string>(GUARDS[guard].words)
  const words = wordsOf(negativePrompt)
  if (hasGuard(negativePrompt, guard)) return words.filter((w) => !own.has(w.toLowerCase())).join(', ')
  const have = new Set(words.map((w) => w.toLowerCase()))
  return [...words, ...GUARDS[guard].words.filter((w) => !have.has(w))].join(', ')
}

/** "Timing only": the picture decides only when sounds happen, the prompt what they are (mask_away_clip). */
export const TIMING_ONLY_HINT =
  'Timing only: the picture says when, the prompt says what (the model does not look at what is in the picture)'

/** What a guard named on the command line (`--guard voices|music|timing`) does to a segment's settings. */
export const GUARD_NAMES = ['voices', 'music', 'timing'] as const
export type GuardName = (typeof GUARD_NAMES)[number]

export function withGuards<P extends { negativePrompt: string; maskAwayClip: boolean }>(
  params: P,
  guards: readonly GuardName[],
): P {
  let { negativePrompt, maskAwayClip } = params
  for (const g of new Set(guards)) {
    if (g === 'timing') maskAwayClip = true
    else if (!hasGuard(negativePrompt, g)) negativePrompt = toggleGuard(negativePrompt, g)
  }
  return { ...params, negativePrompt, maskAwayClip }
}
