import type { AppServices } from '../../app/services'
import type { Handlers } from '../handle'

export function settingsHandlers(s: AppServices) {
  return {
    'settings:get': () => s.settings.get(),
    // Main keeps the recent-projects list (it adds to it on open and save): a form's older copy never wins.
    'settings:set': (settings) => s.settings.set({ ...settings, recentProjects: s.settings.get().recentProjects }),
    'secrets:status': async () => ({
      providers: await s.secrets.status(),
      plainTextFallback: s.secrets.plainTextFallback,
    }),
    'secrets:set': ({ provider, key }) => s.secrets.set(provider, key),
    'secrets:clear': ({ provider }) => s.secrets.clear(provider),
  } satisfies Partial<Handlers>
}
