// The picture half of a re-encoded export: clips scaled and padded to one frame size and rate, gaps as black,
// joined by concat. PURE: returns filterchains. Times are counted in whole frames so lengths cannot drift.
import { AppError } from '../../../../shared/domain/errors'
import { ffSec } from '../time'
import { ffFps } from './exportFormat'

export interface VideoFrame {
  width: number
  height: number
  fps: number
}

export type VideoPiece = { kind: 'clip'; inputIndex: number; frames: number } | { kind: 'gap'; frames: number }

/** Even sizes (yuv420p needs them), at least 2 px. */
export function evenFrame(width: number, height: number, fps: number): VideoFrame {
  const even = (n: number): number => Math.max(2, Math.ceil(n / 2) * 2)
  return { width: even(width), height: even(height), fps }
}

/**
 * The picture over [0, timelineSec): clip pieces and black gaps, each a whole number of frames. Clips are given
 * in timeline order; one overlapping its predecessor by more than a frame is refused.
 */
export function videoPieces(
  clips: ReadonlyArray<{ inputIndex: number; startSec: number; durationSec: number }>,
  timelineSec: number,
  fps: number,
): VideoPiece[] {
  const pieces: VideoPiece[] = []
  let cursor = 0
  for (const clip of clips) {
    const start = Math.round(clip.startSec * fps)
    const end = Math.round((clip.startSec + clip.durationSec) * fps)
    if (start < cursor - 1)
      throw new AppError('BAD_INPUT', 'Two clips overlap on the timeline; move one before exporting.')
    if (start > cursor) pieces.push({ kind: 'gap', frames: start - cursor })
    const frames = end - Math.max(start, cursor)
    if (frames > 0) pieces.push({ kind: 'clip', inputIndex: clip.inputIndex, frames })
    cursor = Math.max(cursor, end)
  }
  const total = Math.round(timelineSec * fps)
  if (total > cursor) pieces.push({ kind: 'gap', frames: total - cursor })
  return pieces
}

/** Filterchains that end in `[out]`: every piece conformed to the frame, then concatenated. */
export function videoGraph(pieces: readonly VideoPiece[], frame: VideoFrame, out: string): string[] {
  const { width: w, height: h } = frame
  const rate = ffFps(frame.fps)
  const conform = ['setsar=1', 'format=yuv420p']
  const chains = pieces.map((piece, i) => {
    const label = `[v${i}]`
    if (piece.kind === 'gap') {
      const d = ffSec((piece.frames + 1) / frame.fps)
      return `color=c=black:s=${w}x${h}:r=${rate}:d=${d},trim=end_frame=${piece.frames},${conform.join(',')}${label}`
    }
    return (
      `[${piece.inputIndex}:v:0]` +
      [
        'setpts=PTS-STARTPTS',
        `fps=${rate}`,
        `scale=${w}:${h}:force_original_aspect_ratio=decrease`,
        `pad=${w}:${h}:(ow-iw)/2:(oh-ih)/2:color=black`,
        ...conform,
        // A source a frame short is held on its last frame rather than shortening the film.
        `tpad=stop_mode=clone:stop_duration=${ffSec(2 / frame.fps)}`,
        `trim=end_frame=${piece.frames}`,
      ].join(',') +
      label
    )
  })
  const labels = pieces.map((_, i) => `[v${i}]`).join('')
  chains.push(`${labels}concat=n=${pieces.length}:v=1:a=0[${out}]`)
  return chains
}
