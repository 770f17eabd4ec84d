import { describe, expect, it } from 'vitest'
import type { Asset } from '../../../shared/domain/asset'
import { canCopyVideo, mp4CarriesVideo, planExport, stemPaths } from '../../../electron/media/exportPlan'
import type { LoudnormReport } from '../../../electron/media/ffmpeg/loudnessReport'
import { exportProject } from '../../fixtures/exportProject'

const video = {
  codec: 'h264',
  width: 1920,
  height: 1080,
  rotation: 0 as const,
  displayWidth: 1920,
  displayHeight: 1080,
  fps: 30,
  vfr: false,
}
const a: Asset = {
  id: 'a',
  path: '/media/a.mp4',
  name: 'a.mp4',
  contentHash: 'h',
  durationSec: 10,
  sizeBytes: 1,
  video,
  audio: { codec: 'aac', sampleRate: 48000, channels: 2 },
}
/** A portrait phone clip (rotated 90°), 25 fps, without sound. */
const b: Asset = {
  ...a,
  id: 'b',
  path: '/media/b.mov',
  video: { ...video, width: 1280, height: 720, displayWidth: 720, displayHeight: 1280, rotation: 90, fps: 25 },
  audio: null,
}
const temp = { workDir: '/tmp/work', tempFor: (p: string) => `${p}.part` }
const measured: LoudnormReport = {
  inputI: -20.5,
  inputTp: -8.25,
  inputLra: 4.1,
  inputThresh: -30.6,
  outputI: -14,
  outputTp: -2,
  targetOffset: 0.3,
  normalizationType: 'dynamic',
}
const BUS = 'aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo'

describe('planExport: a take cut by an edit', () => {
  it("applies the take's own fades in take time, then cuts it to the piece, then fades 5 ms at the cut", () => {
    // a take made from a[2,4) with a 1 s fade-in; the clip now starts at a 2.5 s (head trimmed), at 0.5 s
    const project = exportProject(
      [a],
      [{ assetId: 'a', startSec: 0.5, inSec: 2.5, outSec: 10 }],
      [
        {
          path: '/takes/t1.wav',
          durationSec: 2,
          segment: { assetId: 'a', inSec: 2, outSec: 4 },
          mix: { fadeInMs: 1000 },
        },
      ],
      { mode: 'mute' },
    )
    const args = planExport(project, { destinationPath: '/out/stems.wav', preset: 'stems' }, temp).first.args
    expect(args.slice(0, 5)).toEqual(['-y', '-t', '2', '-i', '/takes/t1.wav'])
    expect(args[args.indexOf('-filter_complex') + 1]).toContain(
      `[0:a:0]asetpts=PTS-STARTPTS,aresample=48000,${BUS},afade=t=in:st=0:d=1,afade=t=out:st=1.99:d=0.01,` +
        'atrim=start=0.5,asetpts=PTS-STARTPTS,afade=t=in:st=0:d=0.005,adelay=24000S:all=1[take0]',
    )
  })
})

describe('planExport: one clip used whole', () => {
  const project = exportProject(
    [a],
    [{ assetId: 'a', startSec: 0, inSec: 0, outSec: 10 }],
    [{ path: '/takes/t1.wav', durationSec: 2, segment: { startSec: 3, endSec: 5 }, mix: { nudgeMs: 200, gainDb: -6 } }],
    { mode: 'lower', lowerDb: -12 },
  )
  const plan = planExport(project, { destinationPath: '/out/film.mp4', preset: 'web' }, temp)

  it('pass 1 places the take at 3.2 s with gain and fades, lowers the original, sums at unity and measures', () => {
    expect(plan.first.args).toEqual([
      '-y',
      '-t',
      '10',
      '-i',
      '/media/a.mp4',
      '-t',
      '2',
      '-i',
      '/takes/t1.wav',
      '-filter_complex',
      `[1:a:0]asetpts=PTS-STARTPTS,aresample=48000,${BUS},volume=-6dB,afade=t=in:st=0:d=0.01,afade=t=out:st=1.99:d=0.01,adelay=153600S:all=1[take0];` +
        '[take0]apad=whole_dur=10,atrim=end=10[mixgen];' +
        `[0:a:0]aresample=48000:first_pts=0,${BUS}[orig0];` +
        '[orig0]apad=whole_dur=10,atrim=end=10,volume=-12dB[mixorig];' +
        '[mixorig][mixgen]amix=inputs=2:duration=first:dropout_transition=0:normalize=0[mix];' +
        '[mix]asplit=2[mixwav][mixmeasure];' +
        '[mixmeasure]loudnorm=I=-14:TP=-1:LRA=11:print_format=json[measured]',
      '-map',
      '[mixwav]',
      '-c:a',
      'pcm_f32le',
      '-rf64',
      'auto',
      '-f',
      'wav',
      '/tmp/work/mix.wav',
      '-map',
      '[measured]',
      '-f',
      'null',
      '-',
    ])
    expect(plan.first.stage).toBe('measuring')
  })

  it('pass 2 applies the measured loudness linearly, back to 48 kHz, as stereo AAC at the preset bitrate', () => {
    expect(plan.second!(measured).args).toEqual([
      '-y',
      '-i',
      '/tmp/work/mix.wav',
      '-af',
      'loudnorm=I=-14:TP=-1:LRA=11:measured_I=-20.5:measured_TP=-8.25:measured_LRA=4.1:measured_thresh=-30.6:offset=0.3:linear=true:print_format=json,aresample=48000',
      '-c:a',
      'aac',
      '-b:a',
      '192k',
      '-ar',
      '48000',
      '-ac',
      '2',
      '-f',
      'mp4',
      '/tmp/work/audio.m4a',
    ])
  })

  it('pass 3 copies the video stream and that audio into the temp MP4 with faststart', () => {
    expect(plan.videoCopied).toBe(true)
    expect(plan.third!.args).toEqual([
      '-y',
      '-i',
      '/media/a.mp4',
      '-i',
      '/tmp/work/audio.m4a',
      '-map',
      '0:v:0',
      '-map',
      '1:a:0',
      '-c',
      'copy',
      '-map_metadata',
      '0',
      '-movflags',
      '+faststart',
      '-f',
      'mp4',
      '/out/film.mp4.part',
    ])
  })

  it('a silent mix is not normalised (loudnorm cannot measure silence)', () => {
    const silent = { ...measured, inputI: -Infinity, inputTp: -Infinity, targetOffset: Infinity }
    expect(plan.second!(silent).args).toContain('aresample=48000')
  })

  it('checks the written audio with the EBU meter, and renames the temp MP4 only at the end', () => {
    expect(plan.check!.args).toEqual([
      '-i',
      '/tmp/work/audio.m4a',
      '-map',
      '0:a:0',
      '-af',
      'ebur128=peak=true:framelog=verbose',
      '-f',
      'null',
      '-',
    ])
    expect(plan.outputs).toEqual([{ tempPath: '/out/film.mp4.part', finalPath: '/out/film.mp4' }])
    expect(plan.sources).toEqual(['/media/a.mp4', '/takes/t1.wav'])
  })
})

describe('planExport: original levels', () => {
  const project = exportProject(
    [a],
    [{ assetId: 'a', startSec: 0, inSec: 0, outSec: 10 }],
    [{ path: '/takes/t1.wav', durationSec: 2, segment: { startSec: 3, endSec: 5 }, mix: { gainDb: -6 } }],
  )
  const plan = planExport(project, { destinationPath: '/out/film.mp4', preset: 'original' }, temp)

  it('pass 1 encodes the mix straight to AAC: nothing measured, no loudnorm, no limiter; there is no pass 2', () => {
    const args = plan.first.args
    expect(plan.first.stage).toBe('encoding')
    expect(args.join(' ')).not.toMatch(/loudnorm|alimiter|dynaudnorm|pcm_f32le/)
    expect(args.slice(args.indexOf('-map'))).toEqual([
      '-map',
      '[mix]',
      '-c:a',
      'aac',
      '-b:a',
      '320k',
      '-ar',
      '48000',
      '-ac',
      '2',
      '-f',
      'mp4',
      '/tmp/work/audio.m4a',
    ])
    expect(plan.second).toBeNull()
    expect(plan.first.progressSpan).toEqual([0, 0.9]) // the picture is only copied: the audio is most of the work
  })

  it('then the picture pass and the EBU check, as for every MP4', () => {
    expect(plan.third!.args).toContain('/tmp/work/audio.m4a')
    expect(plan.check!.args).toContain('ebur128=peak=true:framelog=verbose')
  })
})

describe('planExport: two clips, a gap and a rotated clip', () => {
  const project = exportProject(
    [a, b],
    [
      { assetId: 'a', startSec: 0, inSec: 2, outSec: 6 },
      { assetId: 'b', startSec: 5, inSec: 0, outSec: 3 },
    ],
    [{ path: '/takes/t1.wav', durationSec: 2, segment: { startSec: 3, endSec: 5 } }],
    { mode: 'duck', duckDb: -10, duckFadeMs: 300 },
  )
  const plan = planExport(project, { destinationPath: '/out/film.mp4', preset: 'broadcast' }, temp)

  it('pass 1 cuts the clip at its in point, skips the silent clip, and ducks the original with an envelope', () => {
    expect(plan.timelineSec).toBe(8)
    expect(plan.first.args.slice(0, 8)).toEqual(['-y', '-ss', '2', '-t', '4', '-i', '/media/a.mp4', '-t'])
    const graph = plan.first.args[plan.first.args.indexOf('-filter_complex') + 1]
    expect(graph).toContain(
      "[orig0]apad=whole_dur=8,atrim=end=8,asetnsamples=n=256:p=0,volume=volume='gte(t,0)*lt(t,2.7)*1+gte(t,2.7)*lt(t,3)*(1*(3-t)+0.316228*(t-2.7))/0.3+gte(t,3)*lt(t,5)*0.316228+gte(t,5)*lt(t,5.3)*(0.316228*(5.3-t)+1*(t-5))/0.3+gte(t,5.3)*1':eval=frame[mixorig]",
    )
    expect(graph).toContain('loudnorm=I=-23:TP=-1:LRA=15:print_format=json')
  })

  it('pass 3 joins the clips in one x264 encode at the first clip’s size and rate, the gap black, audio copied', () => {
    expect(plan.videoCopied).toBe(false)
    const clipChain = (input: number, frames: number): string =>
      `[${input}:v:0]setpts=PTS-STARTPTS,fps=30,scale=1920:1080:force_original_aspect_ratio=decrease,pad=1920:1080:(ow-iw)/2:(oh-ih)/2:color=black,setsar=1,format=yuv420p,tpad=stop_mode=clone:stop_duration=0.066667,trim=end_frame=${frames}`
    expect(plan.second!(measured).args).toContain('256k')
    expect(plan.third!.args).toEqual([
      '-y',
      '-ss',
      '2',
      '-t',
      '4',
      '-i',
      '/media/a.mp4',
      '-t',
      '3',
      '-i',
      '/media/b.mov',
      '-i',
      '/tmp/work/audio.m4a',
      '-filter_complex',
      `${clipChain(0, 120)}[v0];` +
        'color=c=black:s=1920x1080:r=30:d=1.033333,trim=end_frame=30,setsar=1,format=yuv420p[v1];' +
        `${clipChain(1, 90)}[v2];` +
        '[v0][v1][v2]concat=n=3:v=1:a=0[video]',
      '-map',
      '[video]',
      '-map',
      '2:a:0',
      '-c:v',
      'libx264',
      '-preset',
      'medium',
      '-crf',
      '18',
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'copy',
      '-movflags',
      '+faststart',
      '-f',
      'mp4',
      '/out/film.mp4.part',
    ])
  })

  it('a long graph goes through -filter_complex_script', () => {
    const many = exportProject(
      [a],
      [{ assetId: 'a', startSec: 0, inSec: 0, outSec: 10 }],
      Array.from({ length: 8 }, (_, i) => ({
        path: `/takes/t${i}.wav`,
        durationSec: 1,
        segment: { startSec: i, endSec: i + 1 },
      })),
    )
    const first = planExport(many, { destinationPath: '/out/film.mp4', preset: 'web' }, temp).first
    expect(first.args).toContain('-filter_complex_script')
    expect(first.args[first.args.indexOf('-filter_complex_script') + 1]).toBe('/tmp/work/mix-graph.txt')
    expect(first.files[0]!.path).toBe('/tmp/work/mix-graph.txt')
    expect(first.files[0]!.text).toContain('amix=inputs=8:duration=longest:dropout_transition=0:normalize=0')
  })

  it('refuses overlapping clips and an empty timeline', () => {
    const overlap = exportProject(
      [a],
      [
        { assetId: 'a', startSec: 0, inSec: 0, outSec: 4 },
        { assetId: 'a', startSec: 2, inSec: 0, outSec: 4 },
      ],
      [],
    )
    expect(() => planExport(overlap, { destinationPath: '/out/x.mp4', preset: 'web' }, temp)).toThrow(/overlap/)
    expect(() =>
      planExport(exportProject([a], [], []), { destinationPath: '/out/x.mp4', preset: 'web' }, temp),
    ).toThrow(/empty/)
  })
})

describe('planExport: stems', () => {
  it('writes mix, generated and original as 24-bit 48 kHz WAV in one pass, without loudness processing', () => {
    const project = exportProject(
      [a],
      [{ assetId: 'a', startSec: 0, inSec: 0, outSec: 10 }],
      [{ path: '/takes/t1.wav', durationSec: 2, segment: { startSec: 3, endSec: 5 } }],
      { mode: 'mute' },
    )
    const plan = planExport(project, { destinationPath: '/out/film', preset: 'stems' }, temp)
    expect(plan.second).toBeNull()
    expect(plan.third).toBeNull()
    expect(plan.check).toBeNull()
    const wav = ['-c:a', 'pcm_s24le', '-ar', '48000', '-rf64', 'auto', '-f', 'wav']
    expect(plan.first.args).toEqual([
      '-y',
      '-t',
      '2',
      '-i',
      '/takes/t1.wav',
      '-filter_complex',
      `[0:a:0]asetpts=PTS-STARTPTS,aresample=48000,${BUS},afade=t=in:st=0:d=0.01,afade=t=out:st=1.99:d=0.01,adelay=144000S:all=1[take0];` +
        '[take0]apad=whole_dur=10,atrim=end=10,asplit=2[generated][mix];' +
        'anullsrc=r=48000:cl=stereo:d=10[original]',
      '-map',
      '[mix]',
      ...wav,
      '/out/film_mix.wav.part',
      '-map',
      '[generated]',
      ...wav,
      '/out/film_generated.wav.part',
      '-map',
      '[original]',
      ...wav,
      '/out/film_original.wav.part',
    ])
    expect(plan.outputs.map((o) => o.finalPath)).toEqual([
      '/out/film_mix.wav',
      '/out/film_generated.wav',
      '/out/film_original.wav',
    ])
  })

  it('names stems from the destination with or without an extension', () => {
    expect(stemPaths('/x/song.wav').mix).toBe('/x/song_mix.wav')
    expect(stemPaths('/x/song').original).toBe('/x/song_original.wav')
  })
})

describe('canCopyVideo', () => {
  const assets = new Map([[a.id, a]])
  it('only for one clip that is its whole asset from 0', () => {
    expect(canCopyVideo([{ id: 'c', assetId: 'a', startSec: 0, inSec: 0, outSec: 10.01 }], assets)).toBe(true)
    expect(canCopyVideo([{ id: 'c', assetId: 'a', startSec: 0, inSec: 0, outSec: 9.9 }], assets)).toBe(false)
    expect(canCopyVideo([{ id: 'c', assetId: 'a', startSec: 0.5, inSec: 0, outSec: 10 }], assets)).toBe(false)
    expect(canCopyVideo([{ id: 'c', assetId: 'a', startSec: 0, inSec: 1, outSec: 10 }], assets)).toBe(false)
  })
  it('only in a codec an MP4 carries: a whole ProRes or GIF clip is re-encoded', () => {
    const whole = [{ id: 'c', assetId: 'a', startSec: 0, inSec: 0, outSec: 10 }]
    for (const codec of ['prores', 'gif', 'ffv1', 'dnxhd', 'mjpeg', 'rawvideo']) {
      expect(canCopyVideo(whole, new Map([[a.id, { ...a, video: { ...a.video, codec } }]])), codec).toBe(false)
    }
    for (const codec of ['h264', 'hevc', 'av1', 'vp9', 'mpeg4']) expect(mp4CarriesVideo(codec), codec).toBe(true)
  })
})
