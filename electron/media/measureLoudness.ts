// A file's integrated loudness through the EBU R128 meter (the same measurement the export's check makes),
// run through the one ffmpeg runner.
import { loudnessCheckArgs } from './ffmpeg/args/exportPasses'
import { parseEbur128Summary } from './ffmpeg/loudnessReport'
import type { FfmpegRunner } from './ffmpeg/run'

/** Integrated loudness of the file's first audio stream in LUFS (0.1 LU, as the meter reports it); null for silence. */
export async function integratedLufs(runner: FfmpegRunner, path: string, signal?: AbortSignal): Promise<number | null> {
  const { stderr } = await runner.ffmpeg(loudnessCheckArgs(path), signal ? { signal } : {})
  const measured = parseEbur128Summary(stderr).integratedLufs
  return Number.isFinite(measured) ? measured : null
}

/**
 * The integrated loudness a run with the take meter (TAKE_LOUDNESS_METER) printed in its summary; null for
 * silence, or when there is no summary to read (the take is still a take: it is left out of matching).
 */
export function meterReading(stderr: string): number | null {
  try {
    const lufs = parseEbur128Summary(stderr).integratedLufs
    return Number.isFinite(lufs) ? lufs : null
  } catch {
    return null
  }
}
