import { z } from 'zod'
import { ProviderId } from './ids'

export const MIN_CHUNK_CACHE_MB = 100
export const DEFAULT_CHUNK_CACHE_MB = 2000

export const ProviderSettings = z.object({
  /** Empty = the provider's public API. */
  baseUrl: z.string(),
  concurrency: z.number().int().min(1).max(32),
})
export type ProviderSettings = z.infer<typeof ProviderSettings>

export const Settings = z.object({
  version: z.literal(1),
  providers: z.record(ProviderId, ProviderSettings),
  defaultProvider: ProviderId,
  fallbackOrder: z.array(ProviderId),
  recentProjects: z.array(z.string()).max(10),
  /** How much the chunk cache (paid-for chunks, so a repeat costs nothing) may hold; least recently used go first. */
  chunkCacheLimitMb: z.number().int().min(MIN_CHUNK_CACHE_MB).max(1_000_000),
  /** Takes are auditioned at one loudness and a chosen take starts at its segment's level; absent = on. */
  matchLoudness: z.boolean().optional(),
})
export type Settings = z.infer<typeof Settings>

/** Match loudness is on unless turned off. */
export const DEFAULT_MATCH_LOUDNESS = true
export const matchLoudnessOn = (settings: Pick<Settings, 'matchLoudness'>): boolean =>
  settings.matchLoudness ?? DEFAULT_MATCH_LOUDNESS

export const SecretStatus = z.object({
  provider: ProviderId,
  isSet: z.boolean(),
  last4: z.string().max(4).nullable(),
})
export type SecretStatus = z.infer<typeof SecretStatus>
