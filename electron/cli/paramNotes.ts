// What the CLI says when a provider cannot take an option as given: the provider is sent the nearest value it
// takes (the one params mapper decides it), and the person is told, instead of finding out from the sound.
import type { ProviderCapabilities } from '../../shared/domain/generation'
import type { GenerationParams } from '../../shared/domain/project'
import { clampIntToRange, clampToRange } from '../providers/paramRange'

/** PURE: one sentence per option the provider takes only within a narrower range, with the value it is sent. */
export function outOfRangeNotes(
  params: Pick<GenerationParams, 'steps' | 'cfg' | 'seed'>,
  caps: ProviderCapabilities,
  label: string,
): string[] {
  const { steps, cfg, seed } = caps.params
  const notes: string[] = []
  const note = (flag: string, given: number, sent: number, range: { min: number; max: number }) => {
    if (sent !== given)
      notes.push(`${label} takes ${flag} from ${range.min} to ${range.max}: ${flag} ${given} is sent as ${sent}.`)
  }
  if (steps) note('--steps', params.steps, clampIntToRange(params.steps, steps), steps)
  if (cfg) note('--cfg', params.cfg, clampToRange(params.cfg, cfg), cfg)
  if (seed && params.seed !== null) note('--seed', params.seed, clampIntToRange(params.seed, seed), seed)
  return notes
}
