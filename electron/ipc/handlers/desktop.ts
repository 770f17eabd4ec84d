import type { AppServices } from '../../app/services'
import type { Handlers } from '../handle'

export function desktopHandlers(s: AppServices) {
  return {
    'dialog:openVideos': async () => ({ paths: await s.desktop.openVideos() }),
    'dialog:chooseFolder': async () => ({ path: await s.desktop.chooseFolder() }),
    'dialog:saveFile': async ({ defaultName, kind }) => ({ path: await s.desktop.saveFile(defaultName, kind) }),
    'shell:showInFolder': async ({ path }) => ({ shown: await s.desktop.showInFolder(path) }),
  } satisfies Partial<Handlers>
}
