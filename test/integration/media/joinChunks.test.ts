import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createFfmpegRunner } from '../../../electron/media/ffmpeg/run'
import { joinChunks } from '../../../electron/media/joinChunks'
import { integratedLufs } from '../../../electron/media/measureLoudness'
import { planChunks } from '../../../shared/domain/chunks'
import { isAppError } from '../../../shared/domain/errors'
import { decodeAudio, lavfiFixture, probeJson, testBinaries } from '../../fixtures/media'

const runner = createFfmpegRunner(testBinaries())
const outDir = mkdtempSync(join(tmpdir(), 'mmaudio-join-'))
const SR = 48000
const CLICK_ABS_SEC = 10

/** An 8 s take as the model returns it (44.1 kHz mono): independent white noise per chunk, optional click. */
function chunkTake(index: number, clickAtSec?: number): Promise<string> {
  const click =
    clickAtSec === undefined ? '' : `,aeval='val(0)+if(eq(n\\,${Math.round(clickAtSec * 44100)})\\,0.9\\,0)'`
  return lavfiFixture(`chunk ${index}.wav`, [
    '-f',
    'lavfi',
    '-i',
    `anoisesrc=d=8:c=white:r=44100:a=0.1:seed=${index + 11}${click}`,
    '-c:a',
    'pcm_f32le',
  ])
}

const rmsDb = (x: Float32Array, fromSec: number, toSec: number): number => {
  let sum = 0
  const from = Math.round(fromSec * SR)
  const to = Math.round(toSec * SR)
  for (let i = from; i < to; i++) sum += (x[i] as number) ** 2
  return 10 * Math.log10(sum / (to - from))
}

describe('joinChunks: a 20 s segment from three 8 s takes', () => {
  const plan = planChunks(20, { windowSec: 8, crossfadeSec: 1 })
  let joined: Float32Array
  let outputPath: string

  beforeAll(async () => {
    // The click sits in chunk 1 (window [6,14]) at 10 s of the segment, i.e. 4 s into its own file.
    const takes = await Promise.all([chunkTake(0), chunkTake(1, CLICK_ABS_SEC - 6), chunkTake(2)])
    const result = await joinChunks(runner, { takePaths: takes, plan, outputPath: join(outDir, 'joined.wav') })
    expect(result.durationSec).toBe(20)
    // Metered as it was written: the number the loudness meter reads from the finished take.
    expect(result.integratedLufs).toBe(await integratedLufs(runner, result.path))
    outputPath = result.path
    joined = await decodeAudio(outputPath, SR)
  })

  it('is exactly the segment length at 48 kHz', async () => {
    expect(joined.length).toBe(20 * SR)
    expect((await probeJson(outputPath)).streams[0]).toMatchObject({ sample_rate: '48000', codec_name: 'pcm_f32le' })
  })

  it('a click in chunk 2 lands at its absolute time within 5 ms', () => {
    let peakAt = 0
    for (let i = 0; i < joined.length; i++) if (Math.abs(joined[i]!) > Math.abs(joined[peakAt]!)) peakAt = i
    expect(Math.abs(joined[peakAt]!)).toBeGreaterThan(0.5)
    expect(Math.abs(peakAt / SR - CLICK_ABS_SEC)).toBeLessThan(0.005)
  })

  it('has no level bump or dip in the overlaps (equal power on uncorrelated noise)', () => {
    const outside = [rmsDb(joined, 1, 6), rmsDb(joined, 8, 9.8), rmsDb(joined, 10.2, 12), rmsDb(joined, 14, 19)]
    const reference = outside.reduce((a, b) => a + b) / outside.length
    // the middle of each 1 s crossfade, centred on the contact edges at 7 s and 13 s
    for (const centre of [7, 13]) {
      const inOverlap = rmsDb(joined, centre - 0.25, centre + 0.25)
      expect(Math.abs(inOverlap - reference)).toBeLessThan(1.5)
    }
    // and no silence or gap anywhere
    for (let t = 0; t < 20; t += 0.5) expect(rmsDb(joined, t, t + 0.5)).toBeGreaterThan(reference - 3)
  })

  it('refuses a take count that does not match the plan', async () => {
    const e = await joinChunks(runner, {
      takePaths: [await chunkTake(0)],
      plan,
      outputPath: join(outDir, 'x.wav'),
    }).catch((x: unknown) => x)
    expect(isAppError(e) && e.code).toBe('BAD_INPUT')
  })

  it('a single-chunk plan is just cut to length', async () => {
    const one = planChunks(5)
    const result = await joinChunks(runner, {
      takePaths: [await chunkTake(0)],
      plan: one,
      outputPath: join(outDir, 'one.wav'),
    })
    expect((await decodeAudio(result.path, SR)).length).toBe(5 * SR)
  })
})
