import type { AppServices } from '../../app/services'
import type { Handlers } from '../handle'

export function jobHandlers(s: AppServices) {
  return {
    'export:start': ({ project, request }) => s.exports.start(project, request),
    'handoff:start': ({ project, request }) => s.handoff.start(project, request),
    'job:cancel': ({ jobId }) => ({ cancelled: s.jobs.cancel(jobId) }),
    'job:list': () => s.jobs.list(),
  } satisfies Partial<Handlers>
}
