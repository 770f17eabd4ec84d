// From a project snapshot and an export request to the exact ffmpeg passes. PURE: no I/O; the export service
// writes the listed script files, runs the passes in order, and renames temp outputs into place. What each
// pass is decided here; its arguments are built in ffmpeg/args/exportPasses.
//
// MP4 presets:  pass 1 (measuring) mixes to a temp WAV and measures it with loudnorm print_format=json;
//               pass 2 (encoding) applies the measured values (linear=true), aresample=48000, AAC to a temp M4A;
//               pass 3 (encoding) copies the video stream or joins the clips in one libx264 encode, copies that
//               AAC stream in, +faststart. Alongside pass 3, a check measures that same AAC stream with ebur128
//               (the EBU meter; loudnorm's own meter reads sparse mixes low).
// Original levels (no target): pass 1 (encoding) mixes straight to the AAC M4A, nothing measured or limited;
//               then pass 3 and the check as above (the check's true peak says whether the mix clips).
// Stems:        one pass writes mix / generated / original as WAV 48 kHz 24-bit, unnormalised.
import { join } from 'node:path'
import { AppError } from '../../shared/domain/errors'
import { EXPORT_PRESETS, type ExportRequest } from '../../shared/domain/export'
import { describeMix, type MixDescription, type PlacedTake } from '../../shared/domain/mix'
import { clipLengthSec } from '../../shared/domain/placement'
import type { Asset } from '../../shared/domain/asset'
import type { Clip, Project } from '../../shared/domain/project'
import { audioGraph, type OriginalInput, type TakeInput } from './ffmpeg/args/exportAudioGraph'
import { loudnormApplyFilter, loudnormMeasureFilter, type LoudnessTarget } from './ffmpeg/args/exportLoudness'
import {
  audioEncodeArgs,
  copyPictureArgs,
  encodePictureArgs,
  graphArgs,
  inputList,
  loudnessCheckArgs,
  mixAndMeasureArgs,
  mixEncodeArgs,
  stemsArgs,
  type GraphScript,
} from './ffmpeg/args/exportPasses'
import { evenFrame, videoGraph, videoPieces } from './ffmpeg/args/exportVideoGraph'
import { isMeasurable, type LoudnormReport } from './ffmpeg/loudnessReport'

export type ExportStage = 'measuring' | 'encoding' | 'finishing'

export interface ExportPass {
  stage: ExportStage
  args: readonly string[]
  /** Files to write before running (filter graph scripts). */
  files: readonly GraphScript[]
  /** Seconds of media the pass writes, for progress. */
  durationSec: number
  /** The part of its stage's 0..1 progress this pass covers, when a stage has several passes. */
  progressSpan?: readonly [number, number]
}

export interface ExportPlan {
  timelineSec: number
  videoCopied: boolean
  /** Every file the passes read from the project (must exist before starting). */
  sources: string[]
  /** What the passes write, renamed from temp to final only when all passes succeeded. */
  outputs: Array<{ tempPath: string; finalPath: string }>
  /** Pass 1: the mix (and, for MP4, its loudness measurement). */
  first: ExportPass
  /** Pass 2, from pass 1's loudness report: the normalised AAC audio (null for stems and original levels). */
  second: ((measured: LoudnormReport) => ExportPass) | null
  /** Pass 3: picture plus that audio into the MP4 (null for stems). */
  third: ExportPass | null
  /** Measures the written audio with ebur128, alongside pass 3 (null for stems). */
  check: ExportPass | null
}

export interface ExportTempPaths {
  /** A private folder for intermediate files (the mix WAV, graph scripts). */
  workDir: string
  /** The temp file an output is written to first: beside it, in the same folder, so the rename is atomic. */
  tempFor(finalPath: string): string
}

/** Picture codecs an MP4 carries and players read from one (ffprobe's codec names). */
const MP4_VIDEO_CODECS: ReadonlySet<string> = new Set(['h264', 'hevc', 'av1', 'vp9', 'mpeg4'])

/** Can this picture be stream-copied into an MP4? ProRes, GIF, DNxHD, FFV1… cannot: they are re-encoded. PURE. */
export function mp4CarriesVideo(codec: string): boolean {
  return MP4_VIDEO_CODECS.has(codec)
}

/** One clip that is its whole asset, starting at 0, in a codec MP4 carries: the picture can be copied untouched. */
export function canCopyVideo(clips: readonly Clip[], assets: ReadonlyMap<string, Asset>): boolean {
  if (clips.length !== 1) return false
  const clip = clips[0]!
  const asset = assets.get(clip.assetId)
  if (!asset || !mp4CarriesVideo(asset.video.codec)) return false
  const halfFrameSec = 0.5 / asset.video.fps
  return clip.startSec === 0 && clip.inSec === 0 && Math.abs(clip.outSec - asset.durationSec) <= halfFrameSec
}

/** The mix's inputs: clips with audio (unless the original is muted) and the sounding takes. */
export function mixInputs(
  mix: MixDescription,
  clips: readonly Clip[],
  assets: ReadonlyMap<string, Asset>,
  inputs: ReturnType<typeof inputList>,
): { originals: OriginalInput[]; takes: TakeInput[] } {
  const originals: OriginalInput[] = []
  if (mix.original.mode !== 'mute') {
    for (const clip of clips) {
      const asset = assets.get(clip.assetId)!
      if (!asset.audio) continue
      originals.push({ inputIndex: inputs.add(asset.path, clip.inSec, clipLengthSec(clip)), startSec: clip.startSec })
    }
  }
  return { originals, takes: takeInputs(mix.takes, inputs) }
}

/** Each placed take as an input read from its start (take time 0) to the end of what plays. */
function takeInputs(takes: readonly PlacedTake[], inputs: ReturnType<typeof inputList>): TakeInput[] {
  return takes.map((take) => ({ inputIndex: inputs.add(take.path, 0, take.offsetSec + take.durationSec), take }))
}

/** Stems go beside each other: "<base>_mix.wav", "<base>_generated.wav", "<base>_original.wav". */
export function stemPaths(destinationPath: string): { mix: string; generated: string; original: string } {
  const base = destinationPath.replace(/\.(wav|mp4|mov|m4a)$/i, '')
  return { mix: `${base}_mix.wav`, generated: `${base}_generated.wav`, original: `${base}_original.wav` }
}

export function planExport(project: Project, request: ExportRequest, temp: ExportTempPaths): ExportPlan {
  const preset = EXPORT_PRESETS[request.preset]
  const assets = new Map(project.assets.map((a) => [a.id, a]))
  const clips = [...project.clips].sort((a, b) => a.startSec - b.startSec)
  for (const clip of clips) {
    if (!assets.has(clip.assetId)) throw new AppError('BAD_INPUT', `Clip ${clip.id} refers to a missing asset.`)
  }
  const mix = describeMix(project)
  if (!(mix.timelineSec > 0)) throw new AppError('BAD_INPUT', 'The timeline is empty: add a clip before exporting.')
  const sources = [...new Set([...clips.map((c) => assets.get(c.assetId)!.path), ...mix.takes.map((t) => t.path)])]
  const base = { timelineSec: mix.timelineSec, sources }

  if (preset.container === 'wav') return { ...base, ...planStems(mix, clips, assets, request, temp) }

  const finalPath = request.destinationPath
  const tempPath = temp.tempFor(finalPath)
  const videoCopied = canCopyVideo(clips, assets)
  const audioM4a = join(temp.workDir, 'audio.m4a')
  // The audio's share of the encoding stage: most of it when the picture is only copied.
  const audioSpan: readonly [number, number] = videoCopied ? [0, 0.9] : [0, 0.25]

  // Pass 1: the mix. Normalised presets write it once as float WAV and measure it on the way; original levels
  // encode it to AAC as it is.
  const inputs1 = inputList()
  const graph1 = audioGraph(
    { timelineSec: mix.timelineSec, envelope: mix.original.envelope, ...mixInputs(mix, clips, assets, inputs1) },
    { mix: 'mix' },
  )
  const mixWav = join(temp.workDir, 'mix.wav')
  const target: LoudnessTarget | null =
    preset.targetLufs === null
      ? null
      : { integratedLufs: preset.targetLufs, truePeakDbtp: preset.truePeakDbtp, lra: preset.lra }
  if (target) graph1.push(`[mix]asplit=2[mixwav][mixmeasure]`, `[mixmeasure]${loudnormMeasureFilter(target)}[measured]`)
  const g1 = graphArgs(graph1, join(temp.workDir, 'mix-graph.txt'))
  const first: ExportPass = target
    ? {
        stage: 'measuring',
        args: mixAndMeasureArgs(inputs1.args, g1, mixWav),
        files: g1.files,
        durationSec: mix.timelineSec,
      }
    : {
        stage: 'encoding',
        args: mixEncodeArgs(inputs1.args, g1, preset, audioM4a),
        files: g1.files,
        durationSec: mix.timelineSec,
        progressSpan: audioSpan,
      }

  const firstVideo = assets.get(clips[0]!.assetId)!.video
  const frame = evenFrame(firstVideo.displayWidth, firstVideo.displayHeight, firstVideo.fps)
  // The picture pass opens the clips first, in timeline order, so clip i is input i. Checked now, before any work.
  const pieces = videoCopied
    ? []
    : videoPieces(
        clips.map((c, i) => ({ inputIndex: i, startSec: c.startSec, durationSec: clipLengthSec(c) })),
        mix.timelineSec,
        frame.fps,
      )

  // Pass 2: the measured loudness applied, back to 48 kHz, AAC.
  const second = target
    ? (measured: LoudnormReport): ExportPass => ({
        stage: 'encoding',
        args: audioEncodeArgs(
          mixWav,
          [...(isMeasurable(measured) ? [loudnormApplyFilter(target, measured)] : []), 'aresample=48000'],
          preset,
          audioM4a,
        ),
        files: [],
        durationSec: mix.timelineSec,
        progressSpan: audioSpan,
      })
    : null

  // Pass 3: the picture (copied, or the clips joined in one encode) with that AAC stream copied in.
  const inputs3 = inputList()
  let third: ExportPass
  if (videoCopied) {
    inputs3.add(assets.get(clips[0]!.assetId)!.path, 0, null)
    inputs3.add(audioM4a, 0, null)
    third = {
      stage: 'encoding',
      args: copyPictureArgs(inputs3.args, tempPath),
      files: [],
      durationSec: mix.timelineSec,
      progressSpan: [0.9, 1],
    }
  } else {
    for (const clip of clips) inputs3.add(assets.get(clip.assetId)!.path, clip.inSec, clipLengthSec(clip))
    const audioIndex = inputs3.add(audioM4a, 0, null)
    const g3 = graphArgs(videoGraph(pieces, frame, 'video'), join(temp.workDir, 'video-graph.txt'))
    third = {
      stage: 'encoding',
      args: encodePictureArgs(inputs3.args, g3, audioIndex, tempPath),
      files: g3.files,
      durationSec: mix.timelineSec,
      progressSpan: [0.25, 1],
    }
  }

  // The check reads the very AAC stream pass 3 copies into the MP4, so it can run alongside pass 3.
  const check: ExportPass = {
    stage: 'finishing',
    args: loudnessCheckArgs(audioM4a),
    files: [],
    durationSec: mix.timelineSec,
  }
  return { ...base, videoCopied, outputs: [{ tempPath, finalPath }], first, second, third, check }
}

function planStems(
  mix: MixDescription,
  clips: readonly Clip[],
  assets: ReadonlyMap<string, Asset>,
  request: ExportRequest,
  temp: ExportTempPaths,
): Pick<ExportPlan, 'videoCopied' | 'outputs' | 'first' | 'second' | 'third' | 'check'> {
  const finals = stemPaths(request.destinationPath)
  const kinds = ['mix', 'generated', 'original'] as const
  const outputs = kinds.map((k) => ({ tempPath: temp.tempFor(finals[k]), finalPath: finals[k] }))
  const inputs = inputList()
  const chains = audioGraph(
    { timelineSec: mix.timelineSec, envelope: mix.original.envelope, ...mixInputs(mix, clips, assets, inputs) },
    { mix: 'mix', generated: 'generated', original: 'original' },
  )
  const g = graphArgs(chains, join(temp.workDir, 'stems-graph.txt'))
  const first: ExportPass = {
    stage: 'encoding',
    args: stemsArgs(
      inputs.args,
      g,
      kinds.map((k, i) => ({ label: k, path: outputs[i]!.tempPath })),
    ),
    files: g.files,
    durationSec: mix.timelineSec,
  }
  return { videoCopied: false, outputs, first, second: null, third: null, check: null }
}

/**
 * The generated sound of a project without picture, from 0 to `lengthSec`, as one WAV 48 kHz 24-bit: what the
 * CLI's text command writes (a loop bed laid out over its whole length). PURE: the arguments of one ffmpeg pass.
 */
export function planGeneratedSound(
  project: Pick<Project, 'clips' | 'segments' | 'original'>,
  lengthSec: number,
  outputPath: string,
  temp: Pick<ExportTempPaths, 'workDir'>,
): ExportPass {
  const mix = describeMix(project, lengthSec)
  const inputs = inputList()
  const takes = takeInputs(mix.takes, inputs)
  const chains = audioGraph(
    { timelineSec: lengthSec, envelope: mix.original.envelope, originals: [], takes },
    { generated: 'generated' },
  )
  const g = graphArgs(chains, join(temp.workDir, 'sound-graph.txt'))
  return {
    stage: 'encoding',
    args: stemsArgs(inputs.args, g, [{ label: 'generated', path: outputPath }]),
    files: g.files,
    durationSec: lengthSec,
  }
}
