// The handler table: one thin function per contract channel. `satisfies Handlers` makes a missing channel
// (or a wrongly typed one) a compile error. Free of Electron, so the E2E harness serves the same table.
import type { AppServices } from '../../app/services'
import type { Handlers } from '../handle'
import { appHandlers } from './app'
import { desktopHandlers } from './desktop'
import { generateHandlers } from './generate'
import { jobHandlers } from './jobs'
import { mediaHandlers } from './media'
import { projectHandlers } from './project'
import { settingsHandlers } from './settings'

export function createHandlers(services: AppServices): Handlers {
  return {
    ...appHandlers(services),
    ...mediaHandlers(services),
    ...projectHandlers(services),
    ...jobHandlers(services),
    ...generateHandlers(services),
    ...settingsHandlers(services),
    ...desktopHandlers(services),
  } satisfies Handlers
}
