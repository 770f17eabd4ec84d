import type { AppServices } from '../../app/services'
import type { Handlers } from '../handle'

export function mediaHandlers(s: AppServices) {
  return {
    'media:import': ({ paths }) => s.media.importFiles(paths),
    'media:url': ({ path }) => ({ url: s.mediaUrlFor(path) }),
    'media:thumbnails': ({ assetId, path }) => s.media.thumbnails({ assetId, path }),
    'media:waveform': ({ path }) => s.media.waveform(path),
    'media:shots': ({ assetId, path }) => s.media.shots({ assetId, path }),
  } satisfies Partial<Handlers>
}
