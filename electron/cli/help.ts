// The words of `mmaudio-studio --help` and `<command> --help`.
import { PROVIDER_IDS } from '../../shared/domain/ids'
import { baseUrlEnvName, concurrencyEnvName, keyEnvName } from '../providers/registry'
import { DEFAULT_CHUNK_CACHE_MB } from '../../shared/domain/settings'
import { DEFAULT_SHOT_THRESHOLD, MIN_SHOT_SEC, SHOT_THRESHOLD_RANGE } from '../../shared/domain/shots'
import { CACHE_LIMIT_ENV, FALLBACK_ENV, POLL_ENV } from './services'

const GEN = `  --prompt TEXT         what to hear (required)
  --negative TEXT       what not to hear (default: "music")
  --provider ID         ${PROVIDER_IDS.join(' | ')} (default: fal)
  --takes N             takes with different seeds, 1-8 (default: 1; each take is paid for)
  --seed N              lock the seed (0-65535); take k uses seed+k. Default: random per take
  --steps N             sampling steps (default 25; a provider that takes fewer or more says so)
  --cfg X               guidance strength (default 4.5)
  --window S            seconds per provider call, 1-10 (default 8); longer ranges are chunked
  --mask-away-clip      follow the prompt over the picture (keeps the timing)
  --guard NAME          a preset, as often as wanted: voices (keep speech out), music (keep music
                        out), timing (video only: the picture says only when, the prompt what)`

const OUT = `  --json                one JSON object per line for every event, instead of a progress bar
  -h, --help            this help`

export const HELP: Readonly<Record<string, string>> = {
  generate: `mmaudio-studio generate <video> --prompt TEXT [options] -o out.mp4

Generates sound for a range of the video (default: the whole clip, in overlapping chunks) and writes an MP4
with the sound at the right place. With --takes > 1 the first take is in the MP4 and the others are written
as WAVs beside it (the paths are printed).

  --from S --to S       the range to generate, in seconds (default: the whole clip)
${GEN}
  --focus X,Y,W,H       show the model only this box of the picture: left, top, width, height as
                        fractions of the frame as displayed (0-1). Its timing model sees only the
                        central square, so use it for action near an edge (default: the whole frame)
  --original MODE       the clip's own sound: keep | duck | mute (default: keep)
  --loudness PRESET     web (-14 LUFS) | podcast (-16) | broadcast (-23) | off (original levels: not
                        normalised, no limiter) (default: web)
  --handoff DIR         also write a hand-off pack for your editor into DIR: FCPXML, Premiere XML,
                        OTIO and MLT timelines, each sound as a Broadcast WAV at its timecode, stems
  --by-shots            one segment per shot of the range, cut where the picture cuts (all generated
                        at once, exported together; extra takes as out.shotN.takeK.wav). A shot that
                        fails is left silent and named; the exit code is then 1
  --threshold X         with --by-shots: how sudden a change of picture counts as a cut, ${SHOT_THRESHOLD_RANGE.min}-${SHOT_THRESHOLD_RANGE.max}
                        (default ${DEFAULT_SHOT_THRESHOLD}; lower finds more cuts)
  -o PATH               the MP4 to write (a path ending in .mp4)
${OUT}`,
  shots: `mmaudio-studio shots <video> [--threshold X] [--json]

Finds where the picture cuts (ffmpeg scdet on a 320 px decode, blackdetect for fades through black; a flash
is not a cut, no shot is shorter than ${MIN_SHOT_SEC} s) and prints each cut in seconds, one per line. The scan
is cached: asking again with another threshold decodes nothing.

  --threshold X         how sudden a change counts as a cut, ${SHOT_THRESHOLD_RANGE.min}-${SHOT_THRESHOLD_RANGE.max} (default ${DEFAULT_SHOT_THRESHOLD})
  --json                one JSON object: {"type":"shots","input","durationSec","threshold","cutsSec":[…]}
  -h, --help            this help`,
  text: `mmaudio-studio text <prompt> --duration S [options] -o out.wav

Text-to-audio: no video. Writes a 48 kHz WAV.

  --duration S          length in seconds (up to 600)
  --loop                generate one window (--window, 8 s) and repeat it seamlessly over the whole
                        duration: a bed of any length from one call per take
${GEN.split('\n')
  .filter((l) => !l.includes('--prompt') && !l.includes('--mask-away-clip'))
  .join('\n')}
  -o PATH               the WAV to write
${OUT}`,
  batch: `mmaudio-studio batch <folder> --prompt TEXT [options] -o OUTDIR

Every video in the folder (mp4, mov, m4v, mkv, webm, avi), one after the other, each as with generate over
the whole clip, written to OUTDIR/<name>.mp4 (OUTDIR/<name>.<ext>.mp4 for videos that share a name, such as
clip.mov and clip.mp4). A video is never replaced by a result: OUTDIR may be the folder itself only when no
result would land on one of its videos. A file that fails does not stop the rest; a summary ends the run.

${GEN}
  --original MODE       keep | duck | mute (default: keep)
  --loudness PRESET     web | podcast | broadcast | off (default: web)
  -o DIR                the folder to write to
${OUT}`,
  export: `mmaudio-studio export <project-file> -o out.mp4 [--handoff DIR]

Renders a saved MMAudio Studio project to an MP4, and/or writes its hand-off pack for your editor.

  --loudness PRESET     web | podcast | broadcast | off (default: web)
  -o PATH               the MP4 to write (a path ending in .mp4)
  --handoff DIR         the hand-off pack's folder: FCPXML 1.10, Premiere XML, OTIO and MLT timelines of the
                        project, each sound as a Broadcast WAV (48 kHz 24-bit) at its timecode, full-length
                        stems and a README. It replaces only files an earlier pack wrote there.
${OUT}`,
  providers: `mmaudio-studio providers [--json]

Each provider: what it can do, its price where published, its concurrency, and whether its key is set.`,
}

export const MAIN_HELP = `mmaudio-studio — generate Foley for video with hosted MMAudio V2, without the app.

Commands:
  generate <video> --prompt TEXT -o out.mp4     sound for a video (or a range of it), exported as MP4
  text <prompt> --duration S -o out.wav         text-to-audio
  batch <folder> --prompt TEXT -o OUTDIR        every video in a folder
  export <project-file> -o out.mp4              render a saved project (--handoff DIR: a pack for your editor)
  shots <video>                                 where the picture cuts, in seconds (generate --by-shots uses them)
  providers                                     providers, capabilities, keys set or not

Run mmaudio-studio <command> --help for its options; mmaudio-studio --version for the version.

Keys are read from the providers' usual variables: ${PROVIDER_IDS.map((id) => keyEnvName(id)).join(', ')}.
Each provider's address can be overridden with ${baseUrlEnvName('fal')} and the like, its parallel requests with
${concurrencyEnvName('fal')} and the like. ${FALLBACK_ENV}=wavespeed,replicate lets those take over when the chosen
provider fails or rate-limits (never on a rejected key or an empty balance). ${POLL_ENV} sets the status poll interval.
Journal (crash-safe resume) and cache live in $MMAUDIO_STUDIO_HOME (default ~/.mmaudio-studio); the chunk cache
keeps at most ${CACHE_LIMIT_ENV} megabytes (default ${DEFAULT_CHUNK_CACHE_MB}), least recently used first out. Running
the same command again after a crash resumes the requests already sent: nothing is paid for twice.`
