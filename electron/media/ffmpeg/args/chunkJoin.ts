import { TAKE_LOUDNESS_METER, TAKE_SAMPLE_RATE, takeWavOutputArgs } from './takeAudio'

export interface ChunkJoinPart {
  path: string
  /** The kept span of this chunk's own file, in samples at TAKE_SAMPLE_RATE from its start. */
  keepStartSample: number
  keepEndSample: number
}

export interface ChunkJoinOptions {
  parts: readonly ChunkJoinPart[]
  /** Crossfade length in samples; each part's kept span overlaps the next by exactly this much. */
  crossfadeSamples: number
  /** Exact output length in samples. */
  totalSamples: number
  /** A .wav path. */
  outputPath: string
}

/**
 * Overlapping chunk takes → one WAV: each trimmed to its contact edges, then chained equal-power crossfades
 * (acrossfade c1=qsin:c2=qsin, sin/cos gains), then padded/cut to exactly totalSamples, metered on the way (the
 * take's loudness: its summary in stderr).
 */
export function chunkJoinArgs(o: ChunkJoinOptions): readonly string[] {
  const sr = TAKE_SAMPLE_RATE
  const trims = o.parts.map(
    (p, i) =>
      `[${i}:a:0]aresample=${sr},asetpts=N/SR/TB,apad,` +
      `atrim=start_sample=${p.keepStartSample}:end_sample=${p.keepEndSample},asetpts=N/SR/TB[k${i}]`,
  )
  const fades: string[] = []
  let last = 'k0'
  for (let i = 1; i < o.parts.length; i++) {
    fades.push(`[${last}][k${i}]acrossfade=ns=${o.crossfadeSamples}:c1=qsin:c2=qsin[x${i}]`)
    last = `x${i}`
  }
  const n = o.totalSamples
  const graph = [
    ...trims,
    ...fades,
    `[${last}]apad=whole_len=${n},atrim=end_sample=${n},${TAKE_LOUDNESS_METER}[out]`,
  ].join(';')
  return [
    '-v',
    'info',
    '-hide_banner',
    ...o.parts.flatMap((p) => ['-i', p.path]),
    '-filter_complex',
    graph,
    '-map',
    '[out]',
    '-map_metadata',
    '-1',
    ...takeWavOutputArgs(o.outputPath),
  ]
}
