import { describe, expect, it } from 'vitest'
import { parseCli, presetFor } from '../../../electron/cli/args'

describe('CLI arguments', () => {
  it('generate: every option lands in the request, with the documented defaults', () => {
    const cmd = parseCli([
      'generate',
      'clip.mp4',
      '--prompt',
      'steps',
      '--negative',
      'speech',
      '--from',
      '1.5',
      '--to',
      '9',
      '--provider',
      'eachlabs',
      '--takes',
      '3',
      '--seed',
      '7',
      '--steps',
      '30',
      '--cfg',
      '5',
      '--window',
      '10',
      '--mask-away-clip',
      '--original',
      'duck',
      '--loudness',
      'podcast',
      '-o',
      'out.mp4',
      '--handoff',
      'pack',
      '--json',
      '--focus',
      '0,0.25,0.4,0.5',
    ])
    expect(cmd).toEqual({
      kind: 'generate',
      video: 'clip.mp4',
      fromSec: 1.5,
      toSec: 9,
      original: 'duck',
      loudness: 'podcast',
      output: 'out.mp4',
      handoff: 'pack',
      json: true,
      params: {
        prompt: 'steps',
        negativePrompt: 'speech',
        provider: 'eachlabs',
        takes: 3,
        seed: 7,
        steps: 30,
        cfg: 5,
        loop: false,
        windowSec: 10,
        maskAwayClip: true,
        textOnly: false,
        focus: { x: 0, y: 0.25, w: 0.4, h: 0.5 },
      },
    })
    const plain = parseCli(['generate', 'clip.mp4', '--prompt', 'steps', '-o', 'o.mp4'])
    expect(plain).toMatchObject({
      fromSec: null,
      toSec: null,
      original: 'keep',
      loudness: 'web',
      handoff: null,
      json: false,
      params: {
        negativePrompt: 'music',
        provider: 'fal',
        takes: 1,
        seed: null,
        steps: 25,
        cfg: 4.5,
        windowSec: 8,
        maskAwayClip: false,
        focus: null,
      },
    })
  })

  it('text joins the words of the prompt; batch and export take their one path', () => {
    expect(parseCli(['text', 'rain', 'on', 'tin', '--duration', '12', '-o', 'r.wav'])).toMatchObject({
      kind: 'text',
      durationSec: 12,
      params: { prompt: 'rain on tin' },
    })
    expect(parseCli(['batch', 'in', '--prompt', 'x', '-o', 'out'])).toMatchObject({
      kind: 'batch',
      folder: 'in',
      outDir: 'out',
    })
    expect(parseCli(['export', 'a.mmaudio', '-o', 'a.mp4'])).toMatchObject({
      kind: 'export',
      projectFile: 'a.mmaudio',
      loudness: 'web',
      handoff: null,
    })
    // the pack alone, or with the MP4
    expect(parseCli(['export', 'a.mmaudio', '--handoff', 'pack'])).toMatchObject({
      kind: 'export',
      output: null,
      handoff: 'pack',
    })
    expect(parseCli(['export', 'a.mmaudio', '-o', 'a.mp4', '--handoff', 'pack'])).toMatchObject({
      output: 'a.mp4',
      handoff: 'pack',
    })
    expect(parseCli(['providers', '--json'])).toEqual({ kind: 'providers', json: true })
    // guard presets, repeatable, on any generating command
    expect(
      parseCli(['generate', 'c.mp4', '--prompt', 'x', '-o', 'o.mp4', '--guard', 'voices', '--guard', 'timing']),
    ).toMatchObject({ params: { negativePrompt: 'music, speech, talking, voice', maskAwayClip: true } })
    expect(parseCli(['text', 'rain', '--duration', '3', '-o', 'r.wav', '--guard', 'voices'])).toMatchObject({
      params: { negativePrompt: 'music, speech, talking, voice', maskAwayClip: false },
    })
    expect(parseCli(['batch', 'in', '--prompt', 'x', '-o', 'out', '--guard', 'music'])).toMatchObject({
      params: { negativePrompt: 'music' },
    })
    expect(parseCli([])).toMatchObject({ kind: 'help', topic: null })
    expect(parseCli(['generate', '--help'])).toMatchObject({ kind: 'help', topic: 'generate' })
  })

  it('refuses bad input with a sentence naming the option', () => {
    const refused = (argv: string[]): string => {
      try {
        parseCli(argv)
      } catch (e) {
        expect(e).toMatchObject({ code: 'BAD_INPUT' })
        return (e as Error).message
      }
      throw new Error('accepted')
    }
    expect(refused(['generate', 'c.mp4', '-o', 'o.mp4'])).toMatch(/--prompt is required/)
    expect(refused(['generate', 'c.mp4', '--prompt', 'x'])).toMatch(/needs -o/)
    expect(refused(['generate', 'c.mp4', '--prompt', 'x', '-o', 'o', '--window', '12'])).toMatch(
      /--window must be seconds from 1 to 10/,
    )
    expect(refused(['generate', 'c.mp4', '--prompt', 'x', '-o', 'o', '--provider', 'acme'])).toMatch(
      /--provider must be one of fal, wavespeed/,
    )
    expect(refused(['generate', 'c.mp4', '--prompt', 'x', '-o', 'o', '--from', '5', '--to', '2'])).toMatch(
      /--to must be after --from/,
    )
    expect(refused(['generate', 'c.mp4', '--prompt', 'x', '-o', 'o', '--seed', '70000'])).toMatch(
      /--seed must be a whole number from 0 to 65535/,
    )
    expect(refused(['generate', 'c.mp4', '--prompt', 'x', '-o', 'o', '--bogus'])).toMatch(/bogus/)
    expect(refused(['text', 'rain', '-o', 'r.wav'])).toMatch(/--duration/)
    expect(refused(['text', 'rain', '--duration', '3', '-o', 'r.mp3'])).toMatch(/ending in .wav/)
    expect(refused(['batch', 'in', '--prompt', 'x', '-o', 'out', '--from', '3'])).toMatch(/from/)
    expect(refused(['text', 'rain', '--duration', '3', '-o', 'r.wav', '--mask-away-clip'])).toMatch(/mask-away-clip/)
    const focus = /--focus must be X,Y,W,H: fractions of the frame/
    expect(refused(['generate', 'c.mp4', '--prompt', 'x', '-o', 'o', '--focus', '0,0,0.5'])).toMatch(focus)
    expect(refused(['generate', 'c.mp4', '--prompt', 'x', '-o', 'o', '--focus', '0.8,0,0.5,1'])).toMatch(focus) // past the right edge
    expect(refused(['generate', 'c.mp4', '--prompt', 'x', '-o', 'o', '--focus', '0,0,0.01,1'])).toMatch(focus) // too narrow
    expect(refused(['generate', 'c.mp4', '--prompt', 'x', '-o', 'o', '--focus', '0,,0.5,1'])).toMatch(focus)
    expect(refused(['generate', 'c.mp4', '--prompt', 'x', '-o', 'o', '--focus', 'left'])).toMatch(focus)
    expect(refused(['text', 'rain', '--duration', '3', '-o', 'r.wav', '--focus', '0,0,1,1'])).toMatch(/focus/) // no picture
    expect(refused(['generate', 'c.mp4', '--prompt', 'x', '-o', 'o', '--guard', 'dogs'])).toMatch(
      /--guard must be one of voices, music, timing \(got "dogs"\)/,
    )
    expect(refused(['text', 'rain', '--duration', '3', '-o', 'r.wav', '--guard', 'timing'])).toMatch(/needs a picture/)
    expect(refused(['dance'])).toMatch(/Unknown command "dance"/)
    expect(refused(['generate', 'c.mp4', '--prompt', 'x', '-o', 'with sound.wav'])).toMatch(
      /generate writes an MP4 file: give -o a path ending in \.mp4 \(got "with sound\.wav"\)/,
    )
    expect(refused(['export', 'a.mmaudio', '-o', 'final.mov'])).toMatch(/export writes an MP4 file/)
    expect(refused(['text', 'rain', '--duration', '601', '-o', 'r.wav'])).toMatch(/more than 0 and at most 600/)
    expect(refused(['generate', 'c.mp4', '--prompt', 'x', '-o', 'o.mp4', '--from', '-1'])).toBe(
      '--from needs a value; one starting with a dash is written --from=-1. Run mmaudio-studio generate --help.',
    )
    expect(refused(['export', 'a.mmaudio'])).toMatch(/export needs -o <file.mp4>, --handoff <folder>, or both/)
    expect(refused(['export', 'a.mmaudio', '--handoff', ' '])).toMatch(/--handoff needs a folder/)
    expect(refused(['batch', 'in', '--prompt', 'x', '-o', 'out', '--handoff', 'p'])).toMatch(/handoff/)
    expect(presetFor('off')).toBe('original') // not normalised, no limiter
    expect(presetFor('broadcast')).toBe('broadcast')
  })
})

describe('shots on the command line', () => {
  it('shots <video>: the default threshold, or the one given; generate --by-shots carries its threshold', () => {
    expect(parseCli(['shots', 'c.mp4'])).toEqual({ kind: 'shots', video: 'c.mp4', threshold: 10, json: false })
    expect(parseCli(['shots', 'c.mp4', '--threshold', '25', '--json'])).toMatchObject({ threshold: 25, json: true })
    expect(parseCli(['generate', 'c.mp4', '--prompt', 'x', '-o', 'o.mp4', '--by-shots'])).toMatchObject({
      kind: 'generate',
      byShots: { threshold: 10 },
    })
    expect(parseCli(['generate', 'c.mp4', '--prompt', 'x', '-o', 'o.mp4'])).not.toHaveProperty('byShots')
  })

  it('a threshold out of range, two videos, or options that do not go with shots are refused with a sentence', () => {
    const refused = (argv: string[]) => {
      try {
        parseCli(argv)
        return null
      } catch (e) {
        return (e as Error).message
      }
    }
    expect(refused(['shots', 'c.mp4', '--threshold', '2'])).toMatch(/--threshold must be a number from 3 to 60/)
    expect(refused(['shots', 'a.mp4', 'b.mp4'])).toMatch(/shots takes exactly one video/)
    expect(refused(['shots', 'c.mp4', '--prompt', 'x'])).toMatch(/prompt/)
    expect(refused(['generate', 'c.mp4', '--prompt', 'x', '-o', 'o', '--threshold', '5'])).toMatch(
      /--threshold goes with --by-shots/,
    )
  })
})
