import { z } from 'zod'
import { PROVIDER_IDS, ProviderId } from './ids'

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

/** Documented per-key concurrency where a provider publishes one (Eachlabs: 10), a gentle 2 elsewhere. */
export const DEFAULT_CONCURRENCY: Readonly<Record<ProviderId, number>> = {
  fal: 4,
  wavespeed: 4,
  eachlabs: 10,
  inferencesh: 2,
  pixazo: 2,
  replicate: 4,
}

export function defaultSettings(): Settings {
  const providers = Object.fromEntries(
    PROVIDER_IDS.map((id) => [id, { baseUrl: '', concurrency: DEFAULT_CONCURRENCY[id] }]),
  ) as Record<ProviderId, ProviderSettings>
  return { version: 1, providers, defaultProvider: 'fal', fallbackOrder: [], recentProjects: [], chunkCacheLimitMb: DEFAULT_CHUNK_CACHE_MB }
}

export const SecretStatus = z.object({
  provider: ProviderId,
  isSet: z.boolean(),
  last4: z.string().max(4).nullable(),
})
export type SecretStatus = z.infer<typeof SecretStatus>
