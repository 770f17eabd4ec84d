// The command line as data. PURE: argv → a checked command, or a BAD_INPUT sentence naming the option at fault.
import { parseArgs } from 'node:util'
import { AppError } from '../../shared/domain/errors'
import { EXPORT_PRESET_IDS, type ExportPresetId } from '../../shared/domain/export'
import { FocusBox, MIN_FOCUS_FRACTION } from '../../shared/domain/focus'
import { GUARD_NAMES, type GuardName, withGuards } from '../../shared/domain/guards'
import { PROVIDER_IDS, type ProviderId } from '../../shared/domain/ids'
import { DEFAULT_GENERATION, GenerationParams, type OriginalAudio } from '../../shared/domain/project'
import { DEFAULT_SHOT_THRESHOLD, SHOT_THRESHOLD_RANGE } from '../../shared/domain/shots'

export const LOUDNESS_CHOICES = ['web', 'podcast', 'broadcast', 'off'] as const
export type Loudness = (typeof LOUDNESS_CHOICES)[number]
export const ORIGINAL_CHOICES = ['keep', 'duck', 'mute'] as const satisfies ReadonlyArray<OriginalAudio['mode']>

export interface Common {
  json: boolean
}
/** generate --by-shots: one segment per shot of the range, cut where the picture cuts at `threshold`. */
export interface ByShots {
  byShots?: { threshold: number }
}
export type CliCommand =
  | ({ kind: 'help'; topic: string | null } & Common)
  | ({ kind: 'version' } & Common)
  | ({ kind: 'providers' } & Common)
  | ({
      kind: 'generate'
      video: string
      fromSec: number | null
      toSec: number | null
      params: GenerationParams
      original: (typeof ORIGINAL_CHOICES)[number]
      loudness: Loudness
      output: string
      handoff: string | null
    } & ByShots &
      Common)
  /** The cuts found in a video's picture. */
  | ({ kind: 'shots'; video: string; threshold: number } & Common)
  | ({ kind: 'text'; params: GenerationParams; durationSec: number; output: string } & Common)
  | ({
      kind: 'batch'
      folder: string
      params: GenerationParams
      original: (typeof ORIGINAL_CHOICES)[number]
      loudness: Loudness
      outDir: string
    } & Common)
  /** At least one of an MP4 (output) and a hand-off pack folder. */
  | ({
      kind: 'export'
      projectFile: string
      loudness: Loudness
      output: string | null
      handoff: string | null
    } & Common)

const GEN_OPTIONS = {
  prompt: { type: 'string' },
  negative: { type: 'string' },
  provider: { type: 'string' },
  takes: { type: 'string' },
  seed: { type: 'string' },
  steps: { type: 'string' },
  cfg: { type: 'string' },
  window: { type: 'string' },
  'mask-away-clip': { type: 'boolean' },
  guard: { type: 'string', multiple: true },
} as const
const OUTPUT_OPTIONS = {
  output: { type: 'string', short: 'o' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const
const RANGE_OPTIONS = { from: { type: 'string' }, to: { type: 'string' } } as const
const MIX_OPTIONS = { original: { type: 'string' }, loudness: { type: 'string' } } as const
const HANDOFF_OPTION = { handoff: { type: 'string' } } as const
const FOCUS_OPTION = { focus: { type: 'string' } } as const
const SHOTS_OPTIONS = { 'by-shots': { type: 'boolean' }, threshold: { type: 'string' } } as const
const { 'mask-away-clip': _mask, ...TEXT_GEN_OPTIONS } = GEN_OPTIONS

/** The options each command accepts; anything else is refused rather than silently ignored. */
const OPTIONS_BY_COMMAND = {
  generate: {
    ...GEN_OPTIONS,
    ...FOCUS_OPTION,
    ...RANGE_OPTIONS,
    ...MIX_OPTIONS,
    ...HANDOFF_OPTION,
    ...SHOTS_OPTIONS,
    ...OUTPUT_OPTIONS,
  },
  shots: { threshold: SHOTS_OPTIONS.threshold, json: OUTPUT_OPTIONS.json, help: OUTPUT_OPTIONS.help },
  text: { ...TEXT_GEN_OPTIONS, duration: { type: 'string' }, loop: { type: 'boolean' }, ...OUTPUT_OPTIONS },
  batch: { ...GEN_OPTIONS, ...MIX_OPTIONS, ...OUTPUT_OPTIONS },
  export: { loudness: MIX_OPTIONS.loudness, ...HANDOFF_OPTION, ...OUTPUT_OPTIONS },
  providers: { json: OUTPUT_OPTIONS.json, help: OUTPUT_OPTIONS.help },
} as const

const bad = (message: string, field?: string): AppError => new AppError('BAD_INPUT', message, field ? { field } : {})

function num(value: string | undefined, name: string, check: (n: number) => boolean, what: string): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isFinite(n) || !check(n)) throw bad(`--${name} must be ${what} (got "${value}").`, name)
  return n
}

/** A whole number in [min, max] given as --name, if given. */
function wholeNumber(value: unknown, name: string, min: number, max: number): number | undefined {
  const check = (n: number) => Number.isInteger(n) && n >= min && n <= max
  return num(value as string | undefined, name, check, `a whole number from ${min} to ${max}`)
}

function choice<T extends string>(value: string | undefined, name: string, choices: readonly T[], fallback: T): T {
  if (value === undefined) return fallback
  if (!(choices as readonly string[]).includes(value))
    throw bad(`--${name} must be one of ${choices.join(', ')} (got "${value}").`, name)
  return value as T
}

type Values = Record<string, string | boolean | undefined>

function generationParams(v: Values, requirePrompt: boolean): GenerationParams {
  const prompt = (v.prompt as string | undefined) ?? ''
  if (requirePrompt && !prompt.trim()) throw bad('--prompt is required: describe the sounds you want.', 'prompt')
  const seed = wholeNumber(v.seed, 'seed', 0, 65535)
  const params = {
    ...DEFAULT_GENERATION,
    prompt,
    negativePrompt: (v.negative as string | undefined) ?? DEFAULT_GENERATION.negativePrompt,
    provider: choice<ProviderId>(
      v.provider as string | undefined,
      'provider',
      PROVIDER_IDS,
      DEFAULT_GENERATION.provider,
    ),
    // One take unless asked: every take is a paid request.
    takes: wholeNumber(v.takes, 'takes', 1, 8) ?? 1,
    seed: seed ?? null,
    steps: wholeNumber(v.steps, 'steps', 1, 100) ?? DEFAULT_GENERATION.steps,
    cfg:
      num(v.cfg as string | undefined, 'cfg', (n) => n >= 0 && n <= 20, 'a number from 0 to 20') ??
      DEFAULT_GENERATION.cfg,
    windowSec:
      num(v.window as string | undefined, 'window', (n) => n >= 1 && n <= 10, 'seconds from 1 to 10') ??
      DEFAULT_GENERATION.windowSec,
    maskAwayClip: Boolean(v['mask-away-clip']),
  }
  return GenerationParams.parse(withGuards(params, guards(v)))
}

/** --guard voices|music|timing, as often as wanted: presets that keep voices or music out, or follow the prompt. */
function guards(v: Values): GuardName[] {
  const given = (v.guard as string[] | undefined) ?? []
  return given.map((g) => choice(g, 'guard', GUARD_NAMES, 'voices'))
}

/** --focus X,Y,W,H: the part of the displayed frame the model is shown (fractions 0–1); null when not given. */
function focusOption(v: Values): FocusBox | null {
  const text = v.focus as string | undefined
  if (text === undefined) return null
  const parts = text.split(',').map((p) => (p.trim() === '' ? NaN : Number(p)))
  const [x, y, w, h] = parts
  const box = parts.length === 4 ? FocusBox.safeParse({ x, y, w, h }) : null
  if (!box?.success) {
    throw bad(
      `--focus must be X,Y,W,H: fractions of the frame from 0 to 1 (left, top, width, height), the box inside the frame and at least ${MIN_FOCUS_FRACTION} wide and high (got "${text}").`,
      'focus',
    )
  }
  return box.data
}

/** --threshold: how sudden a change of picture counts as a cut (scdet's score, 3–60; default 10). */
function threshold(v: Values): number {
  const { min, max } = SHOT_THRESHOLD_RANGE
  return (
    num(
      v.threshold as string | undefined,
      'threshold',
      (n) => n >= min && n <= max,
      `a number from ${min} to ${max}`,
    ) ?? DEFAULT_SHOT_THRESHOLD
  )
}

function output(v: Values, command: string): string {
  const o = v.output as string | undefined
  if (!o) throw bad(`${command} needs -o <path>: where to write the result.`, 'output')
  return o
}

/** -o for an MP4: the path must say so (a "clip.wav" or "clip.mov" holding an MP4 would mislead every player). */
function mp4Output(o: string, command: string): string {
  if (!/\.mp4$/i.test(o))
    throw bad(`${command} writes an MP4 file: give -o a path ending in .mp4 (got "${o}").`, 'output')
  return o
}

/** --handoff DIR: the folder the hand-off pack is written into (null when not asked for). */
function folderOption(v: Values): string | null {
  const folder = v.handoff as string | undefined
  if (folder === undefined) return null
  if (!folder.trim()) throw bad('--handoff needs a folder: where to write the hand-off pack.', 'handoff')
  return folder
}

function one(positionals: string[], command: string, what: string): string {
  if (positionals.length !== 1) throw bad(`${command} takes exactly one ${what} (got ${positionals.length}).`)
  return positionals[0]!
}

export function parseCli(argv: readonly string[]): CliCommand {
  const [command, ...rest] = argv
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    const topic = command === 'help' ? (rest[0] ?? null) : null
    if (topic !== null && !Object.hasOwn(OPTIONS_BY_COMMAND, topic))
      throw bad(`No help for "${topic}": it is not a command. Run mmaudio-studio --help for the list.`)
    return { kind: 'help', topic, json: false }
  }
  if (command === '--version' || command === '-V' || command === 'version') return { kind: 'version', json: false }
  if (!Object.hasOwn(OPTIONS_BY_COMMAND, command)) {
    throw bad(`Unknown command "${command}". Run mmaudio-studio --help for the list.`)
  }
  const options = OPTIONS_BY_COMMAND[command as keyof typeof OPTIONS_BY_COMMAND]
  let parsed: { values: Values; positionals: string[] }
  try {
    parsed = parseArgs({ args: [...rest], options, allowPositionals: true, strict: true }) as never
  } catch (e) {
    // Node's own sentence, first line only; a value starting with a dash ("--from -1") gets a clearer one.
    const first = (e as Error).message.split('\n')[0]!.replace(/\.$/, '')
    const dashed = /'(--[\w-]+)' argument is ambiguous/.exec(first)?.[1]
    const said = dashed ? `${dashed} needs a value; one starting with a dash is written ${dashed}=-1` : first
    throw bad(`${said}. Run mmaudio-studio ${command} --help.`)
  }
  const v = parsed.values
  const json = Boolean(v.json)
  if (v.help) return { kind: 'help', topic: command, json }
  const loudness = choice<Loudness>(v.loudness as string | undefined, 'loudness', LOUDNESS_CHOICES, 'web')
  switch (command) {
    case 'providers':
      return { kind: 'providers', json }
    case 'shots':
      return { kind: 'shots', video: one(parsed.positionals, 'shots', 'video'), threshold: threshold(v), json }
    case 'export': {
      const handoff = folderOption(v)
      const given = (v.output as string | undefined) || null
      const mp4 = given === null ? null : mp4Output(given, 'export')
      if (!mp4 && !handoff) throw bad('export needs -o <file.mp4>, --handoff <folder>, or both.', 'output')
      return {
        kind: 'export',
        projectFile: one(parsed.positionals, 'export', 'project file'),
        loudness,
        output: mp4,
        handoff,
        json,
      }
    }
    case 'text': {
      const durationSec = num(
        v.duration as string | undefined,
        'duration',
        (n) => n > 0 && n <= 600,
        'seconds, more than 0 and at most 600',
      )
      if (durationSec === undefined) throw bad('text needs --duration <seconds>.', 'duration')
      const prompt = parsed.positionals.join(' ')
      if (!prompt.trim())
        throw bad('text needs a prompt: mmaudio-studio text "rain on a tin roof" --duration 10 -o rain.wav')
      const wav = output(v, 'text')
      if (!/\.wav$/i.test(wav)) throw bad('text writes a WAV file: give -o a path ending in .wav.', 'output')
      if (guards(v).includes('timing'))
        throw bad(
          '--guard timing needs a picture to take the timing from: text has none (use voices or music).',
          'guard',
        )
      const params = { ...generationParams({ ...v, prompt }, true), loop: v.loop === true }
      return { kind: 'text', params, durationSec, output: wav, json }
    }
    case 'batch':
      return {
        kind: 'batch',
        folder: one(parsed.positionals, 'batch', 'folder'),
        params: generationParams(v, true),
        original: choice(v.original as string | undefined, 'original', ORIGINAL_CHOICES, 'keep'),
        loudness,
        outDir: output(v, 'batch'),
        json,
      }
    default: {
      const fromSec = num(v.from as string | undefined, 'from', (n) => n >= 0, 'seconds, 0 or more') ?? null
      const toSec = num(v.to as string | undefined, 'to', (n) => n > 0, 'seconds, more than 0') ?? null
      if (fromSec !== null && toSec !== null && toSec <= fromSec) throw bad('--to must be after --from.', 'to')
      if (v.threshold !== undefined && !v['by-shots'])
        throw bad('--threshold goes with --by-shots (or the shots command).', 'threshold')
      return {
        kind: 'generate',
        video: one(parsed.positionals, 'generate', 'video'),
        fromSec,
        toSec,
        params: { ...generationParams(v, true), focus: focusOption(v) },
        original: choice(v.original as string | undefined, 'original', ORIGINAL_CHOICES, 'keep'),
        loudness,
        output: mp4Output(output(v, 'generate'), 'generate'),
        handoff: folderOption(v),
        json,
        ...(v['by-shots'] ? { byShots: { threshold: threshold(v) } } : {}),
      }
    }
  }
}

/** --loudness → the export preset: 'off' is original levels (no normalisation, no limiter). */
export function presetFor(loudness: Loudness): ExportPresetId {
  if (loudness === 'off') return 'original'
  return (EXPORT_PRESET_IDS as readonly string[]).includes(loudness) ? loudness : 'web'
}
