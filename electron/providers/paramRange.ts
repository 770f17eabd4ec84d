// Our request in a provider's own names and ranges (one mapper, driven by each provider's profile), and the
// reverse for errors: which of our fields a provider's message names.
import type { ProviderRequest, ParamRange, ProviderCapabilities, ProviderProfile, RequestField } from './types'

/** `value` limited to [min, max]; a non-finite value becomes `fallback` (itself limited). */
export function clampToRange(value: number, range: ParamRange, fallback = range.min): number {
  const v = Number.isFinite(value) ? value : fallback
  return Math.min(range.max, Math.max(range.min, v))
}

/**
 * A whole number within the range. 'round' for counts (steps, seed); 'ceil' for durations, so the audio
 * covers the whole request (a tiny epsilon keeps 8.0000001 from becoming 9).
 */
export function clampIntToRange(
  value: number,
  range: ParamRange,
  mode: 'round' | 'ceil' = 'round',
  fallback = range.min,
): number {
  const v = Number.isFinite(value) ? value : fallback
  const whole = mode === 'ceil' ? Math.ceil(v - 1e-6) : Math.round(v)
  return Math.min(Math.floor(range.max), Math.max(Math.ceil(range.min), whole))
}

/**
 * The seconds a provider is asked for (and bills) for a request of this length: within its range (a short one
 * is asked for its minimum), whole where it takes only whole seconds, else to the millisecond.
 */
export function askedDurationSec(
  lengthSec: number,
  caps: Pick<ProviderCapabilities, 'durationSec' | 'params'>,
): number {
  return caps.params.integerDuration
    ? clampIntToRange(lengthSec, caps.durationSec, 'ceil', 8)
    : Math.round(clampToRange(lengthSec, caps.durationSec, 8) * 1000) / 1000
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

/** A provider's request parameters, in its own names. */
export type ProviderParams = Readonly<Record<string, string | number | boolean>>

/**
 * Our request in a provider's own names, in the order its profile's field map lists them, fitted to what it
 * accepts: whole seconds rounded up where it takes only those (the app trims later), else millisecond
 * precision; whole steps and seed; the video as the URL its upload got (left out when there is none).
 * Defaults for numbers that are not finite are MMAudio's (25 steps, CFG 4.5, 8 s, seed 0).
 */
export function toProviderParams(
  req: ProviderRequest,
  profile: Pick<ProviderProfile, 'fields' | 'capabilities'>,
  videoUrl?: string,
): ProviderParams {
  const params: Record<string, string | number | boolean> = {}
  for (const [name, field] of Object.entries(profile.fields)) {
    const value = field === 'videoPath' ? videoUrl : fittedValue(field, req, profile.capabilities)
    if (value !== undefined) params[name] = value
  }
  return params
}

function fittedValue(
  field: Exclude<RequestField, 'videoPath'>,
  req: ProviderRequest,
  caps: ProviderCapabilities,
): string | number | boolean {
  const p = caps.params
  switch (field) {
    case 'prompt':
      return req.prompt
    case 'negativePrompt':
      return req.negativePrompt
    case 'durationSec':
      return askedDurationSec(req.durationSec, caps)
    case 'steps':
      return p.steps ? clampIntToRange(req.steps, p.steps, 'round', 25) : Math.round(req.steps)
    case 'cfg':
      return p.cfg ? clampToRange(req.cfg, p.cfg, 4.5) : req.cfg
    case 'seed':
      return p.seed ? clampIntToRange(req.seed, p.seed, 'round', 0) : Math.round(req.seed)
    case 'maskAwayClip':
      return req.maskAwayClip
  }
}
