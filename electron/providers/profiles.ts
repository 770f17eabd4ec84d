// The six providers' profiles by id, without their protocol code (so settings and the CLI's help can read
// them without loading any provider SDK).
import type { ProviderId } from '../../shared/domain/ids'
import { EACHLABS_PROFILE } from './eachlabs/profile'
import { FAL_PROFILE } from './fal/profile'
import { INFERENCESH_PROFILE } from './inferencesh/profile'
import { PIXAZO_PROFILE } from './pixazo/profile'
import { REPLICATE_PROFILE } from './replicate/profile'
import type { ProviderProfile } from './types'
import { WAVESPEED_PROFILE } from './wavespeed/profile'

export const PROVIDER_PROFILES: Readonly<Record<ProviderId, ProviderProfile>> = {
  fal: FAL_PROFILE,
  wavespeed: WAVESPEED_PROFILE,
  eachlabs: EACHLABS_PROFILE,
  inferencesh: INFERENCESH_PROFILE,
  pixazo: PIXAZO_PROFILE,
  replicate: REPLICATE_PROFILE,
}

/** What a provider's adapter says of itself: all from its profile. */
export function identityOf(profile: ProviderProfile): Pick<ProviderProfile, 'id' | 'label' | 'capabilities'> {
  return { id: profile.id, label: profile.label, capabilities: profile.capabilities }
}
