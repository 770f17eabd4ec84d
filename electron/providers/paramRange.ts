// Fitting our parameters into a provider's accepted ranges (shared by the adapters' params mappings).
import type { ProviderRequest, ParamRange, ProviderCapabilities } from './types'

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

/** MMAudio's own parameter names, which fal, Eachlabs, inference.sh, Pixazo and Replicate pass through. */
export interface NativeParams {
  prompt: string
  negative_prompt: string
  duration: number
  num_steps: number
  cfg_strength: number
  /** Only where the provider takes a seed. */
  seed?: number
  /** Only where the provider offers it. */
  mask_away_clip?: boolean
}

/**
 * Our request in MMAudio's own names, fitted to what `caps` accepts: whole seconds rounded up where the
 * provider takes only those (the app trims later), else millisecond precision; seed and mask_away_clip only
 * where the provider has them. Defaults are MMAudio's (25 steps, CFG 4.5, 8 s).
 */
export function toNativeParams(req: ProviderRequest, caps: ProviderCapabilities): NativeParams {
  const p = caps.params
  return {
    prompt: req.prompt,
    negative_prompt: req.negativePrompt,
    duration: p.integerDuration
      ? clampIntToRange(req.durationSec, caps.durationSec, 'ceil', 8)
      : Math.round(clampToRange(req.durationSec, caps.durationSec, 8) * 1000) / 1000,
    num_steps: p.steps ? clampIntToRange(req.steps, p.steps, 'round', 25) : Math.round(req.steps),
    cfg_strength: p.cfg ? clampToRange(req.cfg, p.cfg, 4.5) : req.cfg,
    ...(p.seed ? { seed: clampIntToRange(req.seed, p.seed, 'round', 0) } : {}),
    ...(p.maskAwayClip ? { mask_away_clip: req.maskAwayClip } : {}),
  }
}
