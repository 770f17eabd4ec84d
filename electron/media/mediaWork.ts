import type { MediaInfo } from '../../shared/domain/media'
import type { SourceRange } from '../../shared/ipc/contract'

/** What thumbnails and peaks are made from: a file, the cache they are kept in, and what to make first. */
export interface MediaWorkInput {
  path: string
  cacheDir: string
  signal?: AbortSignal
  /** The part on screen, made first when the whole is not there yet (see each maker). */
  range?: SourceRange
  /** What importing this version of the file read of it (no probe needed then). */
  known?: Pick<MediaInfo, 'durationSec' | 'video' | 'audio'>
}
