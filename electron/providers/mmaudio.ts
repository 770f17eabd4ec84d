// MMAudio V2's own parameter names, and the upstream model's limits (cog-mmaudio predict.py), for the
// providers that pass them through unchanged.
import type { ParamRange, RequestField } from './types'

/** MMAudio's names for the parameters every provider takes, in the order its own schema lists them. */
export const MMAUDIO_FIELDS = {
  prompt: 'prompt',
  negative_prompt: 'negativePrompt',
  duration: 'durationSec',
  num_steps: 'steps',
  cfg_strength: 'cfg',
} as const satisfies Readonly<Record<string, RequestField>>

/**
 * For providers that document no ranges: the upstream model's minimums (steps ≥ 1, cfg ≥ 1), with upper
 * bounds as our guard [inferred].
 */
export const MMAUDIO_UPSTREAM_RANGES: Readonly<{ steps: ParamRange; cfg: ParamRange }> = {
  steps: { min: 1, max: 100 },
  cfg: { min: 1, max: 20 },
}
