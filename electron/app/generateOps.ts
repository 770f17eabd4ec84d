// What the renderer may ask of generation: the providers it can pick, an estimate, and generation as jobs
// whose finished takes arrive in the job's update. Thin over the generate service (plain Node).
import type { GenerationRequest, ProviderInfo } from '../../shared/domain/generation'
import type { Take } from '../../shared/domain/project'
import type { GenerateRunOptions, GenerateService } from '../jobs/generate'
import type { JobRegistry } from '../jobs/jobs'
import type { ProviderRegistry } from '../providers/registry'
import type { SecretStore } from '../store/secrets'

export function createGenerateOps(deps: {
  generate: GenerateService
  jobs: JobRegistry
  providers: ProviderRegistry
  secrets: Pick<SecretStore, 'status'>
  /** Throws unless the renderer may have this file read (and uploaded): see mediaAccess. */
  usable: (path: string) => unknown
}) {
  const { generate, jobs } = deps
  const statuses = () => new Map(deps.secrets.status().map((s) => [s.provider, s]))

  function startJob(
    segmentId: string | null,
    produce: (signal: AbortSignal, options: GenerateRunOptions) => Promise<Take[]>,
  ) {
    const jobId = jobs.start('generate', async ({ signal, report }) => {
      const takes = await produce(signal, {
        signal,
        jobId,
        onUpdate: (u) =>
          report({
            stage: u.stage,
            progress: u.progress,
            ...(u.message ? { message: u.message } : {}),
            ...(u.queuePosition !== undefined ? { queuePosition: u.queuePosition } : {}),
          }),
      })
      return { generateResult: { segmentId, takes } }
    })
    return { jobId }
  }

  return {
    providers(): ProviderInfo[] {
      const keys = statuses()
      return deps.providers.list().map((p) => ({
        id: p.id,
        label: p.label,
        capabilities: p.capabilities,
        key: keys.get(p.id) ?? { provider: p.id, isSet: false, last4: null },
      }))
    },
    estimate: (request: GenerationRequest) => generate.estimate(request),
    start(request: GenerationRequest) {
      if (request.source) deps.usable(request.source.path)
      generate.estimate(request) // a bad request is refused at once, not as a failed job
      return startJob(
        request.segmentId ?? null,
        async (_signal, options) => (await generate.run(request, options)).takes,
      )
    },
    /** Upload cuts made ahead of Generate, in the background; only from files the renderer may have read. */
    prepare(input: { segmentId: string; request: GenerationRequest | null }) {
      if (input.request?.source) deps.usable(input.request.source.path)
      return generate.prepare(input.segmentId, input.request)
    },
    regenerateChunk(input: { request: GenerationRequest; take: Take; chunkIndex: number }) {
      if (input.request.source) deps.usable(input.request.source.path)
      deps.usable(input.take.path)
      return startJob(input.request.segmentId ?? null, async (_signal, options) => [
        await generate.regenerateChunk(input, options),
      ])
    },
    interrupted: () => generate.interrupted(),
    /** After a crash or quit: finish every accepted request into the cache (same ids, nothing submitted). */
    resumePending: () => generate.resumePending(),
  }
}
