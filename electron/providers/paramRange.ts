// Fitting our parameters into a provider's accepted ranges (shared by the adapters' params mappings).
import type { ParamRange } from './types'

/** `value` limited to [min, max]; a non-finite value becomes `fallback` (itself limited). */
export function clampToRange(value: number, range: ParamRange, fallback = range.min): number {
  const v = Number.isFinite(value) ? value : fallback
  return Math.min(range.max, Math.max(range.min, v))
}

/**
 * A whole number within the range. 'round' for counts (steps, seed); 'ceil' for durations, so the audio
 * covers the whole request (a tiny epsilon keeps 8.0000001 from becoming 9).
 */
export function clampIntToRange(value: number, range: ParamRange, mode: 'round' | 'ceil' = 'round', fallback = range.min): number {
  const v = Number.isFinite(value) ? value : fallback
  const whole = mode === 'ceil' ? Math.ceil(v - 1e-6) : Math.round(v)
  return Math.min(Math.floor(range.max), Math.max(Math.ceil(range.min), whole))
}

/**
 * Which of a provider's parameter names an error message mentions, as our own field name (for
 * "invalid input: which field"). `fields` maps provider names to ours; longer names are tried first so
 * `negative_prompt` is not read as `prompt`.
 */
export function fieldMentioned(text: string, fields: Readonly<Record<string, string>>): string | undefined {
  const names = Object.keys(fields).sort((a, b) => b.length - a.length)
  for (const name of names) {
    if (new RegExp(`(^|[^A-Za-z0-9_])${name}([^A-Za-z0-9_]|$)`).test(text)) return fields[name]
  }
  return undefined
}
