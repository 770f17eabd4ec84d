// Providers as main lists them, for renderer tests: the real profiles' labels and capabilities.
import { PROVIDER_PROFILES } from '../../../electron/providers/profiles'
import type { ProviderCapabilities, ProviderInfo } from '../../../shared/domain/generation'

type FixtureId = 'fal' | 'wavespeed' | 'pixazo' | 'eachlabs'

export const CAPS: Record<FixtureId, ProviderCapabilities> = {
  fal: PROVIDER_PROFILES.fal.capabilities,
  wavespeed: PROVIDER_PROFILES.wavespeed.capabilities,
  pixazo: PROVIDER_PROFILES.pixazo.capabilities,
  eachlabs: PROVIDER_PROFILES.eachlabs.capabilities,
}
export const info = (id: FixtureId, isSet = true): ProviderInfo => ({
  id,
  label: PROVIDER_PROFILES[id].label,
  capabilities: CAPS[id],
  key: { provider: id, isSet, last4: isSet ? 'abcd' : null },
})
