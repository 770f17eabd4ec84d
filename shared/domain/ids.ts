import { z } from 'zod'

export const PROVIDER_IDS = ['fal', 'wavespeed', 'eachlabs', 'inferencesh', 'pixazo', 'replicate'] as const
export const ProviderId = z.enum(PROVIDER_IDS)
export type ProviderId = z.infer<typeof ProviderId>

export const Id = z.string().min(1).max(128)
