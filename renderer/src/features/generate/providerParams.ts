// Which generation controls a provider has, and the values it accepts (each provider publishes its own ranges;
// a control it lacks is not shown). PURE.
// A control the provider lacks is hidden, never shown disabled; a value outside its range is clamped.
import type { ProviderCapabilities, ProviderInfo } from '../../../../shared/domain/generation'
import type { GenerationParams } from '../../../../shared/domain/project'
import { MAX_WINDOW_SEC } from '../../../../shared/domain/chunks'
import { clamp } from '../../../../shared/domain/time'

export const QUALITY_STEPS = { draft: 12, standard: 25 } as const
export const MAX_TAKES = 4
export const SEED_RANGE = { min: 0, max: 65535 } as const
/** CFG slider of the reference UI; narrowed further to what the provider accepts. */
const CFG_SLIDER = { min: 1, max: 10 } as const

export interface Range {
  min: number
  max: number
}

export interface ProviderControls {
  negativePrompt: boolean
  seed: Range | null
  steps: Range | null
  cfg: Range | null
  maskAwayClip: boolean
  window: Range & { step: number }
  /** The text-only switch is offered: the provider does both video and text. */
  textOnlyToggle: boolean
  /** The provider only generates from text: every request is text-only. */
  textOnlyForced: boolean
}

const intersect = (a: Range, b: Range): Range => {
  const min = Math.max(a.min, b.min)
  return { min, max: Math.max(min, Math.min(a.max, b.max)) }
}

export function controlsFor(caps: ProviderCapabilities): ProviderControls {
  const p = caps.params
  const window = intersect({ min: 1, max: MAX_WINDOW_SEC }, caps.durationSec)
  return {
    negativePrompt: p.negativePrompt,
    seed: p.seed ? intersect(p.seed, SEED_RANGE) : null,
    steps: p.steps,
    cfg: p.cfg ? intersect(p.cfg, CFG_SLIDER) : null,
    maskAwayClip: p.maskAwayClip,
    window: { ...window, step: p.integerDuration ? 1 : 0.5 },
    textOnlyToggle: caps.videoToAudio && caps.textToAudio,
    textOnlyForced: !caps.videoToAudio,
  }
}

/**
 * The parameters as this provider will be asked: each clamped to its range (whole seconds for a provider that
 * takes only whole seconds), what it lacks set to its neutral value, the provider id set to it.
 */
export function clampParams(
  params: GenerationParams,
  provider: Pick<ProviderInfo, 'id' | 'capabilities'>,
): GenerationParams {
  const c = controlsFor(provider.capabilities)
  const windowSec = clamp(
    c.window.step === 1 ? Math.round(params.windowSec) : params.windowSec,
    c.window.min,
    c.window.max,
  )
  return {
    ...params,
    provider: provider.id,
    negativePrompt: c.negativePrompt ? params.negativePrompt : '',
    seed: c.seed && params.seed !== null ? clamp(Math.round(params.seed), c.seed.min, c.seed.max) : null,
    steps: c.steps ? clamp(Math.round(params.steps), c.steps.min, c.steps.max) : params.steps,
    cfg: c.cfg ? clamp(params.cfg, c.cfg.min, c.cfg.max) : params.cfg,
    maskAwayClip: c.maskAwayClip ? params.maskAwayClip : false,
    windowSec,
    takes: clamp(Math.round(params.takes), 1, MAX_TAKES),
  }
}

/** Providers a person can use now: those with a key set. */
export const usableProviders = (providers: readonly ProviderInfo[]): ProviderInfo[] =>
  providers.filter((p) => p.key.isSet)

/** The segment's provider when it is usable, else the first usable one; null when no key is set at all. */
export function effectiveProvider(providers: readonly ProviderInfo[], wanted: string): ProviderInfo | null {
  const usable = usableProviders(providers)
  return usable.find((p) => p.id === wanted) ?? usable[0] ?? null
}

/** Draft (12 steps), Standard (25) or neither (a custom count from elsewhere). */
export function qualityOf(steps: number): keyof typeof QUALITY_STEPS | null {
  if (steps === QUALITY_STEPS.draft) return 'draft'
  if (steps === QUALITY_STEPS.standard) return 'standard'
  return null
}

/** Past about this many words CLIP's 77-token limit cuts the prompt off. */
export const PROMPT_SOFT_LIMIT_WORDS = 60
export const wordCount = (text: string): number => text.split(/\s+/).filter(Boolean).length
