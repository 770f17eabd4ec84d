import { z } from 'zod'
import { FilePath } from './filePath'

export const EXPORT_PRESET_IDS = ['web', 'youtube', 'podcast', 'broadcast', 'original', 'stems'] as const
export const ExportPresetId = z.enum(EXPORT_PRESET_IDS)
export type ExportPresetId = z.infer<typeof ExportPresetId>

export interface ExportPreset {
  readonly id: ExportPresetId
  readonly label: string
  /** Integrated loudness target, or null for no normalisation and no limiter (original levels, stems). */
  readonly targetLufs: number | null
  readonly truePeakDbtp: number
  readonly lra: number
  readonly audioBitrateKbps: number
  readonly container: 'mp4' | 'wav'
}

/** One table for the export dialog and the export plan. */
export const EXPORT_PRESETS: Readonly<Record<ExportPresetId, ExportPreset>> = {
  web: { id: 'web', label: 'Web / Social (−14 LUFS)', targetLufs: -14, truePeakDbtp: -1, lra: 11, audioBitrateKbps: 192, container: 'mp4' },
  youtube: { id: 'youtube', label: 'YouTube (−14 LUFS, 384 kbps)', targetLufs: -14, truePeakDbtp: -1, lra: 11, audioBitrateKbps: 384, container: 'mp4' },
  podcast: { id: 'podcast', label: 'Podcast (−16 LUFS)', targetLufs: -16, truePeakDbtp: -1, lra: 11, audioBitrateKbps: 192, container: 'mp4' },
  broadcast: { id: 'broadcast', label: 'Broadcast EBU R128 (−23 LUFS)', targetLufs: -23, truePeakDbtp: -1, lra: 15, audioBitrateKbps: 256, container: 'mp4' },
  /** The mix as it is, for someone who masters later: no loudness normalisation, no limiter. */
  original: { id: 'original', label: 'Original levels (not normalised)', targetLufs: null, truePeakDbtp: 0, lra: 0, audioBitrateKbps: 320, container: 'mp4' },
  stems: { id: 'stems', label: 'Stems (WAV 48 kHz 24-bit)', targetLufs: null, truePeakDbtp: 0, lra: 0, audioBitrateKbps: 0, container: 'wav' },
}

export const ExportRequest = z.object({
  /** The MP4 to write (for stems: the folder-and-base-name; files get _mix/_generated/_original suffixes). */
  destinationPath: FilePath,
  preset: ExportPresetId,
})
export type ExportRequest = z.infer<typeof ExportRequest>

export const ExportResult = z.object({
  paths: z.array(z.string()).min(1),
  durationSec: z.number().nonnegative(),
  /** Whether the picture was stream-copied (no re-encode). */
  videoCopied: z.boolean(),
  /** Measured loudness of the written mix, when normalised. */
  integratedLufs: z.number().nullable(),
  truePeakDbtp: z.number().nullable(),
})
export type ExportResult = z.infer<typeof ExportResult>
