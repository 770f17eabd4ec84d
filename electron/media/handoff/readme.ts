// README.txt of a hand-off pack: what each file is for and how to bring it into each editor. PURE.
import { basename } from 'node:path'
import { rateLabel, timecodeText } from '../../../shared/domain/timecode'
import type { HandoffPlan } from './plan'

const wrap = (lines: string[]) => lines.join('\n')

export function readmeText(plan: HandoffPlan): string {
  const t = plan.timelines
  const name = (path: string) => basename(path)
  const length = timecodeText(plan.timelineFrames, plan.rate)
  const row = (file: string, what: string) => `  ${file.padEnd(Math.max(28, file.length + 2))}${what}`
  return `${wrap([
    `${plan.projectName} - hand-off pack from MMAudio Studio`,
    '',
    `Timeline: ${rateLabel(plan.rate)} fps, starts at ${plan.startTimecode} (non-drop), ${length} long.`,
    `${plan.sounds.length} sound file${plan.sounds.length === 1 ? '' : 's'} on ${plan.tracks.length} track${plan.tracks.length === 1 ? '' : 's'}; ${plan.stems.length} stems.`,
    '',
    'WHAT IS HERE',
    row(name(t.fcpxml), 'FCPXML 1.10: Final Cut Pro, DaVinci Resolve'),
    row(name(t.xmeml), 'Final Cut Pro 7 XML (xmeml 5): Premiere Pro, DaVinci Resolve'),
    row(name(t.otio), 'OpenTimelineIO: DaVinci Resolve 18.5+, Kdenlive, Premiere Pro (OTIO import)'),
    row(name(t.mlt), 'MLT XML: Shotcut opens it; the MLT engine (under Shotcut and Kdenlive) renders it'),
    row('Sound/', 'every generated sound as it plays in the mix (gain, fades and nudge applied, trimmed'),
    row('', 'to what plays): Broadcast WAV, 48 kHz 24-bit, its start timecode in bext and iXML'),
    row('Stems/', 'full-length stems from the timeline start: each lane, all generated sound, and the'),
    row('', 'original sound as the mix has it'),
    '',
    'HOW TO IMPORT',
    `  Final Cut Pro     File > Import > XML..., choose ${name(t.fcpxml)}. A new event holds the project;`,
    '                    each lane is a role under Effects, the original sound a role under Dialogue.',
    `  Premiere Pro      File > Import..., choose ${name(t.xmeml)}: a bin with the sequence. Newer versions`,
    `                    also import ${name(t.otio)}.`,
    `  DaVinci Resolve   File > Import > Timeline..., choose ${name(t.fcpxml)}, ${name(t.xmeml)} or`,
    `                    ${name(t.otio)}, with "Automatically import source clips into media pool" on.`,
    `  Shotcut           File > Open File..., choose ${name(t.mlt)}.`,
    `  Kdenlive          Import ${name(t.otio)} with its OpenTimelineIO import (built in since 25.04).`,
    '  Anything else     Pro Tools, Reaper, Nuendo, Avid: spot the files in Sound/ or Stems/ to their',
    '                    timecode (their bext TimeReference); stems start at the timeline start.',
    '',
    'GOOD TO KNOW',
    '  - Picture clips come in as picture only. Their own sound is the Original track, as our mix had it',
    "    (kept, lowered or ducked as you set it); the clips' own audio is still in the files if you prefer it.",
    `  - ${name(t.mlt)} names the sound files relative to itself; the other timelines name every file by its`,
    '    full path (as those editors want). If you move the pack, your editor asks you to relink: point it here.',
    '  - Every sound file starts and ends on a frame (a little silence pads the frame around the sound), so',
    '    editors that count whole frames place it exactly and the sound keeps its sub-frame timing.',
    '  - Nothing here is loudness-normalised: levels are as mixed.',
  ])}\n`
}
