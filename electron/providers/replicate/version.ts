// Replicate `zsxkib/mmaudio` is a community model, reachable only by a version id: the one we run by default,
// and what a version id looks like (it is a setting: see createReplicateProvider({ version })).

/** The newest version id in the reference (has the `image` input, matches cog-mmaudio HEAD). */
export const DEFAULT_REPLICATE_VERSION = '0e759d66310ead26e0880bd9111db74ef7bccb3081b49653da706bc5a8db87f0'

export function isReplicateVersionId(v: string): boolean {
  return /^[0-9a-f]{64}$/.test(v)
}
