import type { AppServices } from '../../app/services'
import type { Handlers } from '../handle'

export function projectHandlers(s: AppServices) {
  return {
    'project:open': ({ path }) => s.projects.open(path),
    'project:save': ({ path, project }) => s.projects.save(path, project),
    'project:recent': () => ({ projects: s.projects.recent() }),
    'project:autosave': ({ project, path }) => s.projects.autosave(project, path),
    'project:status': (status) => {
      s.projects.status(status)
      return {}
    },
    'project:recovery': async () => ({ recovery: await s.projects.recovery() }),
    'project:discardRecovery': async ({ projectId }) => ({ discarded: await s.projects.discardRecovery(projectId) }),
    'dialog:openProject': async () => ({ path: await s.desktop.openProject() }),
  } satisfies Partial<Handlers>
}
