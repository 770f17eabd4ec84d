// What an emulated MMAudio "generates": audio derived from the uploaded picture, so tests can check sync.
// A click (1 ms, full scale, two cycles of a 2 kHz square so it survives AAC) at every frame where the mean brightness
// jumps in the square MMAudio's timing model looks at (short side scaled, central square kept: what is outside it
// makes no sound), over a quiet noise bed whose level differs from take to take (±6 dB), as real takes do.
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { testBinaries } from '../fixtures/media'

const run = promisify(execFile)
export const SYNTH_RATE = 44100
export type SynthFormat = 'mp4' | 'flac' | 'wav' | 'mp3'

/** The central square of the frame, as MMAudio's timing model (Synchformer: resize short side, CenterCrop) keeps it. */
export const SYNC_SQUARE_FILTER = "crop='min(iw,ih)':'min(iw,ih)'"

/**
 * Times (s) of frames whose mean luma rises above the previous frame's by more than `threshold` (0..255): a flash.
 * `centralSquare` looks only at the frame's central square, as MMAudio's timing model does.
 */
export async function brightnessJumps(
  videoPath: string,
  threshold = 40,
  { centralSquare = false } = {},
): Promise<{ jumpsSec: number[]; durationSec: number }> {
  const measure = 'signalstats,metadata=print:key=lavfi.signalstats.YAVG'
  const { stderr } = await run(
    testBinaries().ffmpeg,
    [
      '-hide_banner',
      '-i',
      videoPath,
      '-vf',
      centralSquare ? `${SYNC_SQUARE_FILTER},${measure}` : measure,
      '-an',
      '-f',
      'null',
      '-',
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  )
  const jumpsSec: number[] = []
  let lastY: number | null = null
  let t = 0
  let lastT = 0
  for (const line of stderr.split('\n')) {
    const pts = /pts_time:([\d.]+)/.exec(line)
    if (pts) t = Number(pts[1])
    const y = /lavfi\.signalstats\.YAVG=([\d.]+)/.exec(line)
    if (y) {
      const v = Number(y[1])
      if (lastY !== null && v - lastY > threshold) jumpsSec.push(t)
      lastY = v
      lastT = t
    }
  }
  const { stdout } = await run(testBinaries().ffprobe, [
    '-v',
    'error',
    '-show_entries',
    'format=duration',
    '-of',
    'csv=p=0',
    videoPath,
  ])
  const durationSec = Number(stdout.trim()) || lastT
  return { jumpsSec, durationSec }
}

/** Deterministic quiet noise (about −40 dBFS, times `bedGain`) with clicks at the given times, as 16-bit mono WAV bytes. */
export function clickTrackWav(durationSec: number, clicksSec: readonly number[], seed = 1, bedGain = 1): Buffer {
  const n = Math.max(1, Math.round(durationSec * SYNTH_RATE))
  const pcm = new Int16Array(n)
  let s = seed >>> 0 || 1
  for (let i = 0; i < n; i++) {
    s ^= s << 13
    s ^= s >>> 17
    s ^= s << 5
    pcm[i] = ((s >>> 0) / 0xffffffff - 0.5) * 600 * bedGain // about −40 dBFS at bedGain 1
  }
  for (const c of clicksSec) {
    const start = Math.round(c * SYNTH_RATE)
    for (let i = 0; i < 44 && start + i < n; i++)
      if (start + i >= 0) pcm[start + i] = Math.floor(i / 11) % 2 ? -32000 : 32000
  }
  const header = Buffer.alloc(44)
  header.write('RIFF', 0)
  header.writeUInt32LE(36 + n * 2, 4)
  header.write('WAVEfmt ', 8)
  header.writeUInt32LE(16, 16)
  header.writeUInt16LE(1, 20)
  header.writeUInt16LE(1, 22)
  header.writeUInt32LE(SYNTH_RATE, 24)
  header.writeUInt32LE(SYNTH_RATE * 2, 28)
  header.writeUInt16LE(2, 32)
  header.writeUInt16LE(16, 34)
  header.write('data', 36)
  header.writeUInt32LE(n * 2, 40)
  return Buffer.concat([header, Buffer.from(pcm.buffer)])
}

/** How loud a take's bed is, from its prompt and seed: −6 … +6 dB around −40 dBFS, in 1 dB steps. */
export function bedGainFor(prompt: string, seed: number): number {
  const h = [...`${prompt}#${seed}`].reduce((a, ch) => (a * 33 + ch.charCodeAt(0)) >>> 0, 5381)
  return 10 ** (((h % 13) - 6) / 20)
}

/**
 * The provider's output for a request: from an uploaded video (clicks on brightness jumps, length capped at
 * the video's like MMAudio does) or from text only (noise seeded by the prompt), encoded as `format`.
 * 'mp4' muxes the audio (AAC) with the uploaded picture, as the hosted MMAudio demos do.
 */
export async function synthesize(opts: {
  video?: Buffer
  prompt: string
  seed: number
  durationSec: number
  format: SynthFormat
}): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'emu-'))
  try {
    let clicks: number[] = []
    let durationSec = opts.durationSec
    const videoPath = join(dir, 'in.mp4')
    if (opts.video) {
      await writeFile(videoPath, opts.video)
      const found = await brightnessJumps(videoPath, 40, { centralSquare: true })
      clicks = found.jumpsSec
      durationSec = Math.min(durationSec, found.durationSec)
    }
    const seed = [...`${opts.prompt}|${opts.seed}`].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, 7)
    const wavPath = join(dir, 'a.wav')
    await writeFile(wavPath, clickTrackWav(durationSec, clicks, seed, bedGainFor(opts.prompt, opts.seed)))
    if (opts.format === 'wav') return await readFile(wavPath)
    const out = join(dir, `out.${opts.format}`)
    const args =
      opts.format === 'mp4'
        ? opts.video
          ? [
              '-i',
              videoPath,
              '-i',
              wavPath,
              '-map',
              '0:v:0',
              '-map',
              '1:a:0',
              '-c:v',
              'copy',
              '-c:a',
              'aac',
              '-t',
              String(durationSec),
            ]
          : [
              '-f',
              'lavfi',
              '-i',
              `color=black:s=64x64:d=${durationSec}`,
              '-i',
              wavPath,
              '-c:v',
              'libx264',
              '-c:a',
              'aac',
              '-shortest',
            ]
        : ['-i', wavPath, ...(opts.format === 'mp3' ? ['-c:a', 'libmp3lame', '-b:a', '192k'] : ['-c:a', 'flac'])]
    await run(testBinaries().ffmpeg, ['-hide_banner', '-loglevel', 'error', '-y', ...args, out])
    return await readFile(out)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
