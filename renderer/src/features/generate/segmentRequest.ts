// The request a segment's committed settings make with the providers at hand, in the mode it is in: the one
// place the Inspector (regenerate, one chunk) and "Generate all" build it. PURE.
import type { ProviderInfo } from '../../../../shared/domain/generation'
import type { GenerationParams, Project, Segment } from '../../../../shared/domain/project'
import { clampParams, controlsFor, effectiveProvider } from './providerParams'
import { type CutsOf, generationRequest, type RequestResult } from './segmentSource'

export function segmentRequest(
  project: Project,
  segment: Segment,
  providers: readonly ProviderInfo[],
  cutsOf: CutsOf,
  change: Partial<GenerationParams> = {},
): RequestResult {
  const provider = effectiveProvider(providers, segment.params.provider)
  if (!provider) return { ok: false, message: 'No provider has an API key yet: set one in Settings.' }
  const c = controlsFor(provider.capabilities)
  const textOnly = c.textOnlyForced || (c.textOnlyToggle && segment.params.textOnly)
  return generationRequest(project, segment, clampParams({ ...segment.params, ...change }, provider), textOnly, cutsOf)
}
