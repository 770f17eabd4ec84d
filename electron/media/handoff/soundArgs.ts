// The ffmpeg pass that renders one sound file of a hand-off pack as a Broadcast WAV (48 kHz, 24-bit, bext with
// its TimeReference), through the export's own audio graph: a take with its gain, fades and edge fades, placed
// after the silence that takes it to its frame; or a stem of the whole timeline. PURE: returns arguments.
import type { Asset } from '../../../shared/domain/asset'
import type { MixDescription } from '../../../shared/domain/mix'
import type { Project } from '../../../shared/domain/project'
import { mixInputs, type ExportPass } from '../exportPlan'
import { graphArgs, inputList } from '../ffmpeg/args/exportPasses'
import { audioGraph } from '../ffmpeg/args/exportAudioGraph'
import { HANDOFF_SAMPLE_RATE, type HandoffPlan, type SoundFile } from './plan'

/** Text as the ASCII bext fields hold it: accents dropped, other characters left out. */
function bextText(text: string, max: number): string {
  const ascii = text
    .replaceAll('·', '-')
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
  return ascii.slice(0, max)
}

/** The bext fields a file carries (EBU Tech 3285, ASCII): description up to 256 characters, originator up to 32. */
export function bextArgs(file: SoundFile, projectName: string): string[] {
  const description = bextText(`${projectName} - ${file.name}`, 256)
  return [
    '-write_bext',
    '1',
    '-metadata',
    `time_reference=${file.timeReference}`,
    '-metadata',
    `description=${description}`,
    '-metadata',
    'originator=MMAudio Studio',
  ]
}

/** The mix that sounds in one file: its takes or the clips' own sound, nothing else. */
function fileMix(plan: HandoffPlan, file: SoundFile): MixDescription {
  const timelineSec = file.samples / HANDOFF_SAMPLE_RATE
  const muted = { mode: 'mute' as const, envelope: [{ timeSec: 0, gainDb: -Infinity }] }
  switch (file.content.kind) {
    case 'take':
      return { timelineSec, takes: [file.content.take], original: muted }
    case 'generated':
      return { timelineSec, takes: file.content.takes, original: muted }
    case 'original':
      return { timelineSec, takes: [], original: plan.mix.original }
  }
}

export function soundFilePass(
  project: Pick<Project, 'clips' | 'assets'>,
  plan: HandoffPlan,
  file: SoundFile,
  out: { tempPath: string; scriptPath: string },
): Pick<ExportPass, 'args' | 'files' | 'durationSec'> {
  const mix = fileMix(plan, file)
  const assets = new Map<string, Asset>(project.assets.map((a) => [a.id, a]))
  const inputs = inputList()
  const { originals, takes } = mixInputs(mix, project.clips, assets, inputs)
  const label = file.content.kind === 'original' ? { original: 'out' } : { generated: 'out' }
  const chains = audioGraph({ timelineSec: mix.timelineSec, envelope: mix.original.envelope, originals, takes }, label)
  const g = graphArgs(chains, out.scriptPath)
  return {
    args: [
      '-y',
      ...inputs.args,
      ...g.args,
      '-map',
      '[out]',
      '-c:a',
      'pcm_s24le',
      '-ar',
      String(HANDOFF_SAMPLE_RATE),
      '-rf64',
      'auto',
      ...bextArgs(file, plan.projectName),
      '-f',
      'wav',
      out.tempPath,
    ],
    files: g.files,
    durationSec: mix.timelineSec,
  }
}
