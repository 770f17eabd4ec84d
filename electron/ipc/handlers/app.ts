import type { AppServices } from '../../app/services'
import type { Handlers } from '../handle'

export function appHandlers(s: AppServices) {
  return {
    'app:info': () => s.appInfo(),
  } satisfies Partial<Handlers>
}
