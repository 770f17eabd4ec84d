// The audio half of the export graph: takes and the clips' own audio placed on the timeline, summed without
// normalising levels (amix normalize=0), the original under its gain envelope. PURE: returns filterchains.
import { dbToGain, type Fade, type FadeCurve, type GainPoint, type PlacedTake } from '../../../../shared/domain/mix'
import { ffSec } from '../time'
import { ffNum } from './exportFormat'

/** An input whose first audio stream is the clip's audio, already cut to the clip's range. */
export interface OriginalInput {
  inputIndex: number
  startSec: number
}

/** An input holding a take from its start (take time 0) to the end of what plays. */
export interface TakeInput {
  inputIndex: number
  take: PlacedTake
}

export interface AudioGraphInputs {
  timelineSec: number
  originals: readonly OriginalInput[]
  envelope: readonly GainPoint[]
  takes: readonly TakeInput[]
}

/** Output labels wanted from the graph. */
export interface AudioGraphOutputs {
  mix?: string
  generated?: string
  original?: string
}

/** Every sound becomes 48 kHz float stereo; mono is centred by ffmpeg's equal-power upmix. */
const BUS_RATE = 48000
const BUS_FORMAT = `aformat=sample_fmts=fltp:sample_rates=${BUS_RATE}:channel_layouts=stereo`
/** Envelope resolution: volume evaluates its expression once per frame; 256 samples is 5.3 ms at 48 kHz. */
const ENVELOPE_FRAME_SAMPLES = 256

/** Delays a stream on the 48 kHz bus to start at `startSec`, to the sample (not the millisecond). */
function placeAt(startSec: number): string[] {
  const samples = Math.round(startSec * BUS_RATE)
  return samples === 0 ? [] : [`adelay=${samples}S:all=1`]
}

/** afade's names for our fade curves (tri is linear; qsin is sin of a quarter turn: equal power). */
const AFADE_CURVE: Record<FadeCurve, string> = { linear: 'tri', equalPower: 'qsin' }

function afade(fade: Fade): string {
  const curve = fade.curve === 'linear' ? '' : `:curve=${AFADE_CURVE[fade.curve]}`
  return `afade=t=${fade.direction}:st=${ffSec(fade.startSec)}:d=${ffSec(fade.durationSec)}${curve}`
}

/** Linear fades at both ends of a stream of `durationSec` (none where a length is 0). */
function edgeFades(inSec: number, outSec: number, durationSec: number): string[] {
  return [
    ...(inSec > 0 ? [afade({ startSec: 0, durationSec: inSec, direction: 'in', curve: 'linear' })] : []),
    ...(outSec > 0
      ? [afade({ startSec: durationSec - outSec, durationSec: outSec, direction: 'out', curve: 'linear' })]
      : []),
  ]
}

/**
 * A piece of a take: its fades applied in take time (so a piece cut from the middle of a fade starts part-way up
 * it), then cut to the piece, then the short fades where an edit cuts it, then put in place.
 */
function takeChain({ inputIndex, take }: TakeInput, label: string): string {
  const filters = [
    'asetpts=PTS-STARTPTS',
    'aresample=48000',
    BUS_FORMAT,
    ...(take.gainDb === 0 ? [] : [`volume=${ffNum(take.gainDb)}dB`]),
    ...take.fades.map(afade),
    ...(take.offsetSec > 0 ? [`atrim=start=${ffSec(take.offsetSec)}`, 'asetpts=PTS-STARTPTS'] : []),
    ...edgeFades(take.edgeInSec, take.edgeOutSec, take.durationSec),
    ...placeAt(take.startSec),
  ]
  return `[${inputIndex}:a:0]${filters.join(',')}[${label}]`
}

/**
 * A clip's own audio keeps its place against the picture: first_pts=0 pads with silence when the audio starts
 * after the clip's first frame (common in phone recordings) instead of pulling it early.
 */
function originalChain({ inputIndex, startSec }: OriginalInput, label: string): string {
  return `[${inputIndex}:a:0]${['aresample=48000:first_pts=0', BUS_FORMAT, ...placeAt(startSec)].join(',')}[${label}]`
}

function outLabels(labels: readonly string[]): string {
  if (labels.length === 0) throw new Error('a bus needs at least one consumer')
  const tags = labels.map((l) => `[${l}]`).join('')
  return labels.length === 1 ? tags : `,asplit=${labels.length}${tags}`
}

/** Silence of exactly the timeline's length. */
export function silenceChain(timelineSec: number, labels: readonly string[]): string {
  return `anullsrc=r=48000:cl=stereo:d=${ffSec(timelineSec)}${outLabels(labels)}`
}

/** Inputs summed at unity and made exactly timeline-long (padded with silence, cut at the end). */
function busChain(
  inputs: readonly string[],
  timelineSec: number,
  after: readonly string[],
  outs: readonly string[],
): string {
  const sum =
    inputs.length > 1 ? [`amix=inputs=${inputs.length}:duration=longest:dropout_transition=0:normalize=0`] : []
  const filters = [...sum, `apad=whole_dur=${ffSec(timelineSec)}`, `atrim=end=${ffSec(timelineSec)}`, ...after]
  return `${inputs.map((l) => `[${l}]`).join('')}${filters.join(',')}${outLabels(outs)}`
}

/** The piecewise-linear (in amplitude) envelope as a volume expression of t: a flat sum, so no nesting limit. */
export function envelopeExpression(envelope: readonly GainPoint[]): string {
  const terms: string[] = []
  for (let i = 0; i + 1 < envelope.length; i++) {
    const a = envelope[i]!
    const b = envelope[i + 1]!
    if (!(b.timeSec > a.timeSec)) continue
    const ga = dbToGain(a.gainDb)
    const gb = dbToGain(b.gainDb)
    if (ga === 0 && gb === 0) continue
    const ta = ffSec(a.timeSec)
    const tb = ffSec(b.timeSec)
    const value =
      ga === gb ? ffNum(ga) : `(${ffNum(ga)}*(${tb}-t)+${ffNum(gb)}*(t-${ta}))/${ffSec(b.timeSec - a.timeSec)}`
    terms.push(`gte(t,${ta})*lt(t,${tb})*${value}`)
  }
  const last = envelope[envelope.length - 1]
  if (last && dbToGain(last.gainDb) > 0) terms.push(`gte(t,${ffSec(last.timeSec)})*${ffNum(dbToGain(last.gainDb))}`)
  return terms.length ? terms.join('+') : '0'
}

/** Filters that apply an envelope to a timeline-long stream ([] when it is 0 dB throughout). */
export function envelopeFilters(envelope: readonly GainPoint[]): string[] {
  const first = envelope[0]
  if (!first) return []
  if (envelope.every((p) => p.gainDb === first.gainDb)) {
    if (first.gainDb === 0) return []
    return [dbToGain(first.gainDb) === 0 ? 'volume=0' : `volume=${ffNum(first.gainDb)}dB`]
  }
  return [`asetnsamples=n=${ENVELOPE_FRAME_SAMPLES}:p=0`, `volume=volume='${envelopeExpression(envelope)}':eval=frame`]
}

/** Whether the envelope silences the original everywhere. */
export function isSilent(envelope: readonly GainPoint[]): boolean {
  return envelope.every((p) => dbToGain(p.gainDb) === 0)
}

/**
 * Filterchains that produce the wanted outputs: `generated` (takes only), `original` (clips' audio under its
 * envelope) and `mix` (their sum). All are 48 kHz float stereo and exactly timeline-long; stems sum to the mix.
 */
export function audioGraph(inputs: AudioGraphInputs, want: AudioGraphOutputs): string[] {
  const { timelineSec } = inputs
  const chains: string[] = []
  const takeLabels = inputs.takes.map((_, i) => `take${i}`)
  const origLabels = inputs.originals.map((_, i) => `orig${i}`)
  const hasGenerated = takeLabels.length > 0
  const hasOriginal = origLabels.length > 0 && !isSilent(inputs.envelope)

  const genOuts: string[] = want.generated ? [want.generated] : []
  const origOuts: string[] = want.original ? [want.original] : []
  let mixChain: string | null = null
  if (want.mix) {
    const parts = (hasGenerated ? 1 : 0) + (hasOriginal ? 1 : 0)
    if (parts === 0) mixChain = silenceChain(timelineSec, [want.mix])
    else if (parts === 1) (hasGenerated ? genOuts : origOuts).push(want.mix)
    else {
      genOuts.push('mixgen')
      origOuts.push('mixorig')
      mixChain = `[mixorig][mixgen]amix=inputs=2:duration=first:dropout_transition=0:normalize=0[${want.mix}]`
    }
  }

  if (genOuts.length && hasGenerated) {
    inputs.takes.forEach((t, i) => {
      chains.push(takeChain(t, takeLabels[i]!))
    })
    chains.push(busChain(takeLabels, timelineSec, [], genOuts))
  } else if (genOuts.length) chains.push(silenceChain(timelineSec, genOuts))

  if (origOuts.length && hasOriginal) {
    inputs.originals.forEach((o, i) => {
      chains.push(originalChain(o, origLabels[i]!))
    })
    chains.push(busChain(origLabels, timelineSec, envelopeFilters(inputs.envelope), origOuts))
  } else if (origOuts.length) chains.push(silenceChain(timelineSec, origOuts))

  if (mixChain) chains.push(mixChain)
  return chains
}
