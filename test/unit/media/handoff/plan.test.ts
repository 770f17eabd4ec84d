// The hand-off plan: the same placed takes the preview and the MP4 play, frame-aligned into sound files, on the
// lanes the timeline draws; and the writers' refusals, said before any sound is rendered.
import { describe, expect, it } from 'vitest'
import type { Asset } from '../../../../shared/domain/asset'
import type { Project } from '../../../../shared/domain/project'
import { packTexts } from '../../../../electron/media/handoff/formats'
import { planHandoff, sampleAtFrame, type SoundFile } from '../../../../electron/media/handoff/plan'
import { bextArgs, soundFilePass } from '../../../../electron/media/handoff/soundArgs'
import { ixmlText } from '../../../../electron/media/handoff/bwf'
import { exportProject } from '../../../fixtures/exportProject'

const video = {
  codec: 'h264',
  width: 1920,
  height: 1080,
  rotation: 0 as const,
  displayWidth: 1920,
  displayHeight: 1080,
  fps: 25,
  vfr: false,
}
const a: Asset = {
  id: 'a',
  path: '/media/a.mp4',
  name: 'a.mp4',
  contentHash: 'h',
  durationSec: 20,
  sizeBytes: 1,
  video,
  audio: null,
}
/** The project with each segment on the lane given for it. */
const onLanes = (p: Project, lanes: number[]) => ({
  ...p,
  segments: p.segments.map((s, i) => ({ ...s, lane: lanes[i]! })),
})
const shape = (f: SoundFile) => ({ at: f.startFrame, frames: f.frames, samples: f.samples, file: f.relPath })

describe('planHandoff', () => {
  it('a take cut in two by a split clip moved apart is two files, each from the frame before its sound to the frame after', () => {
    // a take made from a[2, 4); the clip split at a 3 s and its second half moved 10 s later
    const project = exportProject(
      [a],
      [
        { assetId: 'a', startSec: 0, inSec: 0, outSec: 3 },
        { assetId: 'a', startSec: 13.01, inSec: 3, outSec: 20 },
      ],
      [{ path: '/takes/door.wav', durationSec: 2, segment: { assetId: 'a', inSec: 2, outSec: 4 } }],
    )
    const plan = planHandoff({ ...project, name: 'Film: cut/2' }, '/out/pack')
    expect(plan.name).toBe('Film cut 2')
    expect(plan.sounds.map(shape)).toEqual([
      { at: 50, frames: 25, samples: 48000, file: 'Sound/L1 01 sound.wav' },
      // 13.01 s is a quarter of the way into frame 325: the file starts at 13.00 and holds 10 ms of silence first
      { at: 325, frames: 26, samples: 26 * 1920, file: 'Sound/L1 02 sound.wav' },
    ])
    const [first, second] = plan.sounds.map((s) => (s.content.kind === 'take' ? s.content.take : null))
    // the same pieces the mix plays: take time 0–1 s then 1–2 s, the cut edges faded 5 ms, placed in file time
    expect(first).toMatchObject({ offsetSec: 0, durationSec: 1, startSec: 0, edgeInSec: 0, edgeOutSec: 0.005 })
    expect(second).toMatchObject({ offsetSec: 1, durationSec: 1, edgeInSec: 0.005, edgeOutSec: 0 })
    expect(second!.startSec).toBeCloseTo(0.01, 9)
    expect(plan.sounds[1]!.timeReference).toBe(sampleAtFrame(325, plan.rate))
  })

  it('renders a file through the export’s own take chain: gain, take fades, cut, edge fades, then the silence before it', () => {
    const project = exportProject(
      [a],
      [{ assetId: 'a', startSec: 0, inSec: 0, outSec: 20 }],
      [
        {
          path: '/takes/t.wav',
          durationSec: 2,
          segment: { startSec: 1.01, endSec: 3.01 },
          mix: { gainDb: -6, fadeInMs: 0, fadeOutMs: 0 },
        },
      ],
    )
    const plan = planHandoff(project, '/out/pack')
    const pass = soundFilePass(project, plan, plan.sounds[0]!, {
      tempPath: '/out/pack/Sound/.t.wav',
      scriptPath: '/tmp/g.txt',
    })
    expect(pass.args).toEqual([
      '-y',
      '-t',
      '2',
      '-i',
      '/takes/t.wav',
      '-filter_complex',
      '[0:a:0]asetpts=PTS-STARTPTS,aresample=48000,aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo,volume=-6dB,adelay=480S:all=1[take0];' +
        '[take0]apad=whole_dur=2.04,atrim=end=2.04[out]',
      '-map',
      '[out]',
      '-c:a',
      'pcm_s24le',
      '-ar',
      '48000',
      '-rf64',
      'auto',
      '-write_bext',
      '1',
      '-metadata',
      'time_reference=48000',
      '-metadata',
      'description=export test - Lane 1 - sound',
      '-metadata',
      'originator=MMAudio Studio',
      '-f',
      'wav',
      '/out/pack/Sound/.t.wav',
    ])
  })

  it('bext text is ASCII (accents folded); the iXML keeps the name as written', () => {
    const project = exportProject(
      [a],
      [{ assetId: 'a', startSec: 0, inSec: 0, outSec: 20 }],
      [{ path: '/t/1.wav', durationSec: 2, segment: { startSec: 1, endSec: 3 } }],
    )
    const named = {
      ...project,
      name: 'Café – été',
      segments: project.segments.map((s) => ({ ...s, params: { ...s.params, prompt: 'porte qui claque' } })),
    }
    const plan = planHandoff(named, '/p')
    expect(bextArgs(plan.sounds[0]!, plan.projectName)).toContain('description=Cafe ete - Lane 1 - porte qui claque')
    expect(ixmlText(plan, plan.sounds[0]!)).toContain('<PROJECT>Café – été</PROJECT>')
  })

  it('keeps the lanes the timeline draws; files of one lane that would touch on the frame grid go to a second track of it', () => {
    const project = exportProject(
      [a],
      [{ assetId: 'a', startSec: 0, inSec: 0, outSec: 20 }],
      [
        { path: '/t/1.wav', durationSec: 2, segment: { startSec: 1.01, endSec: 3.01 } },
        // starts 20 ms after the first ends: apart in time, but both round to frame 75
        { path: '/t/2.wav', durationSec: 2, segment: { startSec: 3.03, endSec: 5.03 } },
        { path: '/t/3.wav', durationSec: 2, segment: { startSec: 2, endSec: 4 } },
      ],
    )
    const plan = planHandoff(onLanes(project, [0, 0, 2]), '/out/pack')
    expect(plan.tracks.map((t) => [t.name, t.items.map((f) => f.startFrame)])).toEqual([
      ['Lane 1', [25]],
      ['Lane 1 (2)', [75]],
      ['Lane 3', [50]],
    ])
    expect(plan.stems.map((s) => s.relPath)).toEqual([
      'Stems/export test - Lane 1.wav',
      'Stems/export test - Lane 3.wav',
      'Stems/export test - Generated.wav',
      'Stems/export test - Original.wav',
    ])
  })

  it('a muted take has no file; a soloed one silences the rest, as in the mix', () => {
    const project = exportProject(
      [a],
      [{ assetId: 'a', startSec: 0, inSec: 0, outSec: 20 }],
      [
        { path: '/t/1.wav', durationSec: 2, segment: { startSec: 1, endSec: 3 }, mix: { muted: true } },
        { path: '/t/2.wav', durationSec: 2, segment: { startSec: 5, endSec: 7 } },
      ],
    )
    expect(planHandoff(project, '/p').sounds.map((s) => s.startFrame)).toEqual([125])
  })

  it('the original sound is a track only when the mix lets it be heard', () => {
    const withSound = { ...a, audio: { codec: 'aac', sampleRate: 48000, channels: 2 } }
    const clips = [{ assetId: 'a', startSec: 0, inSec: 0, outSec: 20 }]
    expect(
      planHandoff(exportProject([withSound], clips, [], { mode: 'keep' }), '/p').tracks.map((t) => t.name),
    ).toEqual(['Original'])
    expect(planHandoff(exportProject([withSound], clips, [], { mode: 'mute' }), '/p').tracks).toEqual([])
    expect(planHandoff(exportProject([a], clips, [], { mode: 'keep' }), '/p').tracks).toEqual([])
  })

  it('an empty timeline is refused with a sentence', () => {
    expect(() => planHandoff(exportProject([a], [], []), '/p')).toThrow(/timeline is empty/)
  })

  // Found by fuzzing the pack against the mix (random projects, every format parsed back).
  it('a picture clip never runs past the end of its file, in timeline frames or in the FCPXML asset’s own time', () => {
    const eight = { ...a, durationSec: 8 }
    const [clip] = planHandoff(
      exportProject([eight], [{ assetId: 'a', startSec: 0, inSec: 0.02, outSec: 8 }], []),
      '/p',
    ).picture
    expect(clip!.inFrame + clip!.frames).toBeLessThanOrEqual(200) // 8 s at 25 fps
    // A whole 10 s, 25 fps file on a 29.97 fps timeline: 299 frames (9.977 s), not 300 (10.01 s, past the media).
    const ten = { ...a, durationSec: 10 }
    const ntsc = {
      ...exportProject([ten], [{ assetId: 'a', startSec: 0, inSec: 0, outSec: 10 }], []),
      timeline: { frameRate: { num: 30000, den: 1001 } },
    }
    const plan = planHandoff(ntsc, '/p')
    expect(plan.picture[0]).toMatchObject({ inFrame: 0, frames: 299 })
    const fcpxml = packTexts(plan).find((t) => t.path.endsWith('.fcpxml'))!.text
    expect(fcpxml).toContain('start="0s" duration="299299/30000s"')
    // A file that ends inside a frame (5.55 s at 29.97 fps): FCPXML states it as its whole frames (166, 5.5389 s),
    // and a 23.976 fps timeline's clip of it ends within that.
    const odd = { ...a, durationSec: 5.55, video: { ...video, fps: 30000 / 1001 } }
    const film = {
      ...exportProject([odd], [{ assetId: 'a', startSec: 0, inSec: 0, outSec: 5.55 }], []),
      timeline: { frameRate: { num: 24000, den: 1001 } },
    }
    const [filmClip] = planHandoff(film, '/p').picture
    expect((filmClip!.frames * 1001) / 24000).toBeLessThanOrEqual((166 * 1001) / 30000)
  })

  it('a clip of one frame keeps its frame on any timeline rate, and a timeline of beds alone is refused in words', () => {
    const thirty = { ...a, durationSec: 6, video: { ...video, fps: 30 } }
    const oneFrame = {
      ...exportProject(
        [thirty],
        [
          { assetId: 'a', startSec: 0, inSec: 0, outSec: 2 },
          { assetId: 'a', startSec: 2.025, inSec: 3, outSec: 3 + 1 / 30 },
        ],
        [],
      ),
      timeline: { frameRate: { num: 24000, den: 1001 } },
    }
    const picture = planHandoff(oneFrame, '/p').picture
    expect(picture).toHaveLength(2)
    expect(picture[1]!.frames).toBe(1)
    const beds = exportProject([a], [], [{ path: '/t.wav', durationSec: 4, segment: { startSec: 0, endSec: 4 } }])
    expect(() => planHandoff(beds, '/p')).toThrow(/add a clip/) // a sentence, never a TypeError
  })

  it('a sound file starts its take on the sample, not the millisecond: nothing of its end is cut', () => {
    // On a 29.97 timeline a take at 9.51 s sits 0.0005 s (24 samples) into the file that starts on frame 285.
    const clip = { assetId: 'a', startSec: 0, inSec: 0, outSec: 11 }
    const take = { path: '/t.wav', durationSec: 0.5, segment: { startSec: 9.51, endSec: 10.01 } }
    const project = { ...exportProject([a], [clip], [take]), timeline: { frameRate: { num: 30000, den: 1001 } } }
    const plan = planHandoff(project, '/p')
    const file = plan.sounds[0]!
    expect(file.startFrame).toBe(285)
    const graph = soundFilePass(project, plan, file, { tempPath: '/p/.t.wav', scriptPath: '/tmp/g.txt' }).args.join(' ')
    expect(graph).toContain('adelay=24S:all=1')
  })
})

describe('packTexts', () => {
  it('a 12.5 fps timeline: Premiere XML cannot count it, and says so, naming the format and what to do', () => {
    const project = exportProject([a], [{ assetId: 'a', startSec: 0, inSec: 0, outSec: 20 }], [])
    const odd = { ...project, timeline: { frameRate: { num: 25, den: 2 } } }
    expect(() => packTexts(planHandoff(odd, '/p'))).toThrow(
      'The Premiere XML file cannot be written: Premiere XML counts whole frames per second, so it cannot describe a 12.5 fps timeline. Choose a standard frame rate in Timeline settings.',
    )
  })
})
