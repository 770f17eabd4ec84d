import type { AppServices } from '../../app/services'
import type { Handlers } from '../handle'

export function projectHandlers(s: AppServices) {
  return {
    'project:open': ({ path }) => s.projects.open(path),
    'project:save': ({ path, project }) => s.projects.save(path, project),
  } satisfies Partial<Handlers>
}
