// Where `batch` writes each video's MP4, decided before anything is generated (and paid for): never over one of
// the videos it reads, and never two videos to one file.
import { basename, extname, join } from 'node:path'
import { AppError } from '../../shared/domain/errors'

/**
 * PURE: each video's output in `outDir`: "<name>.mp4", or "<name>.<ext>.mp4" for videos that share a name
 * ("clip.mov" and "clip.mp4" → "clip.mov.mp4" and "clip.mp4.mp4"). Names are compared without case, as macOS
 * and Windows file systems do. Refused with a sentence when an output would be one of the videos themselves
 * (the output folder is the input folder).
 */
export function batchOutputs(folder: string, videos: readonly string[], outDir: string): Map<string, string> {
  const base = (name: string): string => basename(name, extname(name))
  const key = (name: string): string => name.toLowerCase()
  const counts = new Map<string, number>()
  for (const v of videos) counts.set(key(base(v)), (counts.get(key(base(v))) ?? 0) + 1)
  const outputs = new Map(
    videos.map((v) => [v, counts.get(key(base(v)))! > 1 ? `${base(v)}${extname(v)}.mp4` : `${base(v)}.mp4`]),
  )
  const sameFolder = key(join(folder, '.')) === key(join(outDir, '.'))
  const inputs = new Set(videos.map(key))
  const overwriting = sameFolder ? videos.filter((v) => inputs.has(key(outputs.get(v)!))) : []
  if (overwriting.length > 0)
    throw new AppError(
      'BAD_INPUT',
      `Writing into "${folder}" would replace ${overwriting.map((v) => `"${v}"`).join(', ')} with ${overwriting.length === 1 ? 'its' : 'their'} result. Choose another folder with -o.`,
      { field: 'output' },
    )
  return new Map([...outputs].map(([v, name]) => [v, join(outDir, name)]))
}
