// The privileged media:// scheme: lets the sandboxed renderer play local files (with seeking) without
// turning off webSecurity, and only files on the allow-list.
import { protocol } from 'electron'
import { nodeRealpath, type MediaAllowList } from '../media/allowList'
import { respondToMediaRequest } from './mediaResponse'
import { MEDIA_SCHEME } from './mediaUrl'

export { mediaUrl } from './mediaUrl'

/** Must run before app 'ready'. */
export function registerMediaScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: MEDIA_SCHEME,
      // corsEnabled: the renderer page (file:// or the dev server) may fetch() and decode takes with Web Audio.
      privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true, corsEnabled: true },
    },
  ])
}

/** After 'ready': serve media:// from the allow-list. */
export function handleMediaProtocol(allowList: Pick<MediaAllowList, 'files' | 'folders'>): void {
  protocol.handle(MEDIA_SCHEME, (request) => respondToMediaRequest(request, allowList, nodeRealpath))
}
