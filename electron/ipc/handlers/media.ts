import type { AppServices } from '../../app/services'
import type { Handlers } from '../handle'

export function mediaHandlers(s: AppServices) {
  return {
    'media:import': ({ paths }) => s.media.importFiles(paths),
    'media:url': ({ path }) => ({ url: s.mediaUrlFor(path) }),
    'media:thumbnails': (input) => s.media.thumbnails(input),
    'media:waveform': ({ path, range }) => s.media.waveform(path, range),
    'media:shots': ({ assetId, path }) => s.media.shots({ assetId, path }),
  } satisfies Partial<Handlers>
}
