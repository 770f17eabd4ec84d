// The hand-off pack: the timeline for the person's own editor (FCPXML, Premiere XML, OTIO, MLT) with every sound
// as a Broadcast WAV at its timecode, and full-length stems. What crosses IPC about it.
import { z } from 'zod'
import { FilePath } from './filePath'

export const HandoffRequest = z.object({
  /** The folder chosen in the folder dialog; the pack is written into "<project name> hand-off" inside it. */
  folder: FilePath,
})
export type HandoffRequest = z.infer<typeof HandoffRequest>

export const HandoffResult = z.object({
  /** The pack's own folder. */
  folder: z.string(),
  /** Every file written, the timelines and README first. */
  files: z.array(z.string()).min(1),
  soundFiles: z.number().int().nonnegative(),
  stems: z.number().int().nonnegative(),
  /** The timeline's length. */
  durationSec: z.number().nonnegative(),
})
export type HandoffResult = z.infer<typeof HandoffResult>
