// The argument arrays of the export's ffmpeg passes; the export plan decides which run, on what, in what order.
// PURE: each returns the exact arguments (and, for a long filter graph, the script file to write first).
import type { ExportPreset } from '../../../../shared/domain/export'
import { ffSec } from '../time'
import { EBUR128_MEASURE_FILTER } from './exportLoudness'

/** Graphs longer than this go through -filter_complex_script. */
export const INLINE_GRAPH_MAX_CHARS = 1000
export const VIDEO_ENCODE = ['-c:v', 'libx264', '-preset', 'medium', '-crf', '18', '-pix_fmt', 'yuv420p'] as const
const MP4_CONTAINER = ['-movflags', '+faststart', '-f', 'mp4'] as const
const STEM_WAV = ['-c:a', 'pcm_s24le', '-ar', '48000', '-rf64', 'auto', '-f', 'wav'] as const

/** A file a pass reads its filter graph from. */
export interface GraphScript {
  path: string
  text: string
}

/** A filter graph as arguments: inline when short, else from a script file written beside the work. */
export interface GraphArgs {
  args: string[]
  files: GraphScript[]
}

export function aacArgs(preset: Pick<ExportPreset, 'audioBitrateKbps'>): string[] {
  return ['-c:a', 'aac', '-b:a', `${preset.audioBitrateKbps}k`, '-ar', '48000', '-ac', '2']
}

/** Collects -i inputs, each cut to what is used; `add` returns the input's index. */
export function inputList(): { args: string[]; add(path: string, inSec: number, durationSec: number | null): number } {
  const args: string[] = []
  let count = 0
  return {
    args,
    add(path, inSec, durationSec) {
      if (inSec > 0) args.push('-ss', ffSec(inSec))
      if (durationSec !== null) args.push('-t', ffSec(durationSec))
      args.push('-i', path)
      return count++
    },
  }
}

export function graphArgs(chains: readonly string[], scriptPath: string): GraphArgs {
  const text = chains.join(';\n')
  if (text.length <= INLINE_GRAPH_MAX_CHARS) return { args: ['-filter_complex', text.replace(/;\n/g, ';')], files: [] }
  return { args: ['-filter_complex_script', scriptPath], files: [{ path: scriptPath, text }] }
}

/** Pass 1 of an MP4: the graph's [mixwav] written once as float WAV, its [measured] branch only measured. */
export function mixAndMeasureArgs(inputs: readonly string[], graph: GraphArgs, mixWavPath: string): string[] {
  return ['-y', ...inputs, ...graph.args,
    '-map', '[mixwav]', '-c:a', 'pcm_f32le', '-rf64', 'auto', '-f', 'wav', mixWavPath,
    '-map', '[measured]', '-f', 'null', '-']
}

/** Pass 1 of an MP4 at its original levels: the graph's [mix] straight to AAC in an M4A, nothing measured. */
export function mixEncodeArgs(inputs: readonly string[], graph: GraphArgs, preset: Pick<ExportPreset, 'audioBitrateKbps'>, m4aPath: string): string[] {
  return ['-y', ...inputs, ...graph.args, '-map', '[mix]', ...aacArgs(preset), '-f', 'mp4', m4aPath]
}

/** Pass 2: the mix through `filters` (loudness, resampling) to AAC in an M4A. */
export function audioEncodeArgs(mixWavPath: string, filters: readonly string[], preset: Pick<ExportPreset, 'audioBitrateKbps'>, m4aPath: string): string[] {
  return ['-y', '-i', mixWavPath, '-af', filters.join(','), ...aacArgs(preset), '-f', 'mp4', m4aPath]
}

/** Pass 3 when the picture is copied: input 0's video and input 1's audio, both untouched, into the MP4. */
export function copyPictureArgs(inputs: readonly string[], outputPath: string): string[] {
  return ['-y', ...inputs, '-map', '0:v:0', '-map', '1:a:0', '-c', 'copy', '-map_metadata', '0', ...MP4_CONTAINER, outputPath]
}

/** Pass 3 when the picture is re-encoded: the graph's [video] in one libx264 encode, the audio input copied. */
export function encodePictureArgs(inputs: readonly string[], graph: GraphArgs, audioInput: number, outputPath: string): string[] {
  return ['-y', ...inputs, ...graph.args, '-map', '[video]', '-map', `${audioInput}:a:0`, ...VIDEO_ENCODE, '-c:a', 'copy',
    ...MP4_CONTAINER, outputPath]
}

/** The check: the written audio stream through the EBU R128 meter; the summary lands on stderr. */
export function loudnessCheckArgs(audioPath: string): string[] {
  return ['-i', audioPath, '-map', '0:a:0', '-af', EBUR128_MEASURE_FILTER, '-f', 'null', '-']
}

/** Stems: one pass writing each labelled graph output as WAV 48 kHz 24-bit to its path. */
export function stemsArgs(inputs: readonly string[], graph: GraphArgs, outputs: ReadonlyArray<{ label: string; path: string }>): string[] {
  return ['-y', ...inputs, ...graph.args, ...outputs.flatMap((o) => ['-map', `[${o.label}]`, ...STEM_WAV, o.path])]
}
