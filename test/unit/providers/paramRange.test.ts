// Our request in each provider's names and ranges, through the one mapper and each profile's field map. The
// bodies are recorded in the order they are sent (JSON keeps it), so a change of order fails too.
import { describe, expect, it } from 'vitest'
import { EACHLABS_PROFILE } from '../../../electron/providers/eachlabs/profile'
import { FAL_PROFILE } from '../../../electron/providers/fal/profile'
import { INFERENCESH_PROFILE } from '../../../electron/providers/inferencesh/profile'
import { toProviderParams, type ProviderParams } from '../../../electron/providers/paramRange'
import { PIXAZO_PROFILE } from '../../../electron/providers/pixazo/profile'
import { REPLICATE_PROFILE } from '../../../electron/providers/replicate/profile'
import { WAVESPEED_PROFILE } from '../../../electron/providers/wavespeed/profile'
import { providerRequest, textRequest } from './providerRequest'

/** The params are `expected`, with their keys in the same order (the order they are sent in). */
function expectParams(actual: ProviderParams, expected: Record<string, unknown>): void {
  expect(actual).toEqual(expected)
  expect(Object.keys(actual)).toEqual(Object.keys(expected))
}

describe('toProviderParams', () => {
  it('names the fields as the field map does, in its order, and leaves out the video when there is none', () => {
    const profile = { ...FAL_PROFILE, fields: { clip: 'videoPath', words: 'prompt', n: 'seed' } as const }
    expectParams(toProviderParams(providerRequest(), profile, 'https://x/c.mp4'), {
      clip: 'https://x/c.mp4',
      words: 'footsteps on gravel',
      n: 42,
    })
    expectParams(toProviderParams(providerRequest(), profile), { words: 'footsteps on gravel', n: 42 })
  })
})

describe('toProviderParams with the fal profile', () => {
  const fal = (req = providerRequest(), videoUrl?: string) => toProviderParams(req, FAL_PROFILE, videoUrl)

  it('maps a video request to fal-ai/mmaudio-v2 input names', () => {
    expectParams(fal(providerRequest(), 'https://v3.fal.media/files/a/cut.mp4'), {
      prompt: 'footsteps on gravel',
      negative_prompt: '',
      duration: 8,
      num_steps: 25,
      cfg_strength: 4.5,
      seed: 42,
      mask_away_clip: false,
      video_url: 'https://v3.fal.media/files/a/cut.mp4',
    })
  })

  it('maps a text request without video_url (fal-ai/mmaudio-v2/text-to-audio)', () => {
    expectParams(fal(textRequest({ negativePrompt: 'music', maskAwayClip: true })), {
      prompt: 'footsteps on gravel',
      negative_prompt: 'music',
      duration: 8,
      num_steps: 25,
      cfg_strength: 4.5,
      seed: 42,
      mask_away_clip: true,
    })
  })

  it('clamps to fal ranges: seed 0–65535, steps 4–50 (whole), cfg 0–20, duration 1–30 (float, ms precision)', () => {
    expectParams(fal(providerRequest({ seed: 70000, steps: 51.2, cfg: -1, durationSec: 44.5 }), 'u'), {
      prompt: 'footsteps on gravel',
      negative_prompt: '',
      duration: 30,
      num_steps: 50,
      cfg_strength: 0,
      seed: 65535,
      mask_away_clip: false,
      video_url: 'u',
    })
    expect(fal(providerRequest({ seed: -5, steps: 2, cfg: 25, durationSec: 0.2 }), 'u')).toMatchObject({
      seed: 0,
      num_steps: 4,
      cfg_strength: 20,
      duration: 1,
    })
    expect(fal(providerRequest({ seed: 7.6, steps: 12.5, cfg: 3.25, durationSec: 8.33333333 }), 'u')).toMatchObject({
      seed: 8,
      num_steps: 13,
      cfg_strength: 3.25,
      duration: 8.333,
    })
  })

  it('falls back to fal defaults for non-finite numbers', () => {
    expect(fal(providerRequest({ seed: NaN, steps: NaN, cfg: Infinity, durationSec: NaN }), 'u')).toMatchObject({
      seed: 0,
      num_steps: 25,
      cfg_strength: 4.5,
      duration: 8,
    })
  })
})

describe('toProviderParams with the WaveSpeed profile', () => {
  const base = providerRequest({ prompt: 'rain on a tin roof' })
  const wavespeed = (over: Parameters<typeof providerRequest>[0], videoUrl: string) =>
    toProviderParams({ ...base, ...over }, WAVESPEED_PROFILE, videoUrl)

  it('maps our request to WaveSpeed names; no seed (WaveSpeed has none)', () => {
    expectParams(wavespeed({}, 'https://cdn/x.mp4'), {
      video: 'https://cdn/x.mp4',
      prompt: 'rain on a tin roof',
      negative_prompt: '',
      num_inference_steps: 25,
      guidance_scale: 4.5,
      duration: 8,
      mask_away_clip: false,
    })
  })

  it('sends the duration as whole seconds rounded up, so the requested length is covered', () => {
    const d = (durationSec: number) => wavespeed({ durationSec }, 'u').duration
    expect([d(2.3), d(8), d(8.0000001), d(7.999), d(0.4), d(29.5), d(31)]).toEqual([3, 8, 8, 8, 1, 30, 30])
  })

  it('clamps steps 4–50 (whole) and guidance 0–20', () => {
    expectParams(wavespeed({ steps: 60.2, cfg: -2, maskAwayClip: true, negativePrompt: 'music' }, 'u'), {
      video: 'u',
      prompt: 'rain on a tin roof',
      negative_prompt: 'music',
      num_inference_steps: 50,
      guidance_scale: 0,
      duration: 8,
      mask_away_clip: true,
    })
    expect(wavespeed({ steps: 1, cfg: 21.5 }, 'u')).toMatchObject({ num_inference_steps: 4, guidance_scale: 20 })
  })
})

describe('toProviderParams with the Eachlabs profile', () => {
  const eachlabs = (over: Parameters<typeof providerRequest>[0], videoUrl: string) =>
    toProviderParams(providerRequest({ maskAwayClip: true, ...over }), EACHLABS_PROFILE, videoUrl)

  it('maps our request to the documented input names, sending the negative prompt even when empty', () => {
    expectParams(eachlabs({}, 'https://cdn-us.eachlabs.ai/uploads/a.mp4'), {
      prompt: 'footsteps on gravel',
      negative_prompt: '',
      duration: 8,
      num_steps: 25,
      cfg_strength: 4.5,
      seed: 42,
      video: 'https://cdn-us.eachlabs.ai/uploads/a.mp4',
    })
  })

  it('clamps out-of-range values and rounds steps and seed to whole numbers; no mask_away_clip', () => {
    expectParams(
      eachlabs(
        { negativePrompt: 'speech', seed: -3, steps: 250.4, cfg: 0.2, durationSec: 44.12345 },
        'https://x/y.mp4',
      ),
      {
        prompt: 'footsteps on gravel',
        negative_prompt: 'speech',
        duration: 30,
        num_steps: 100,
        cfg_strength: 1,
        seed: 0,
        video: 'https://x/y.mp4',
      },
    )
    expectParams(eachlabs({ steps: 12.6, cfg: 33, durationSec: 0.25, seed: 7.4 }, 'u'), {
      prompt: 'footsteps on gravel',
      negative_prompt: '',
      duration: 1,
      num_steps: 13,
      cfg_strength: 20,
      seed: 7,
      video: 'u',
    })
    expect(eachlabs({ durationSec: 7.123456 }, 'u').duration).toBe(7.123)
  })

  it('falls back to the model defaults for non-finite numbers', () => {
    const input = eachlabs(
      { steps: Number.NaN, cfg: Number.POSITIVE_INFINITY, durationSec: Number.NaN, seed: Number.NaN },
      'u',
    )
    expect([input.num_steps, input.cfg_strength, input.duration, input.seed]).toEqual([25, 4.5, 8, 0])
  })
})

describe('toProviderParams with the inference.sh profile', () => {
  const inferencesh = (req: ReturnType<typeof providerRequest>, videoUri?: string) =>
    toProviderParams(req, INFERENCESH_PROFILE, videoUri)
  const base = providerRequest({ seed: 7 })

  it('maps a video request to the app input names, always sending our seed (theirs defaults to 42)', () => {
    expectParams(inferencesh(base, 'https://cloud.inference.sh/u/cut.mp4'), {
      prompt: 'footsteps on gravel',
      negative_prompt: '',
      duration: 8,
      num_steps: 25,
      cfg_strength: 4.5,
      seed: 7,
      mask_away_clip: false,
      video_input: 'https://cloud.inference.sh/u/cut.mp4',
    })
  })

  it('omits video_input for text-to-audio and passes mask_away_clip through', () => {
    expectParams(inferencesh(textRequest({ seed: 0, maskAwayClip: true })), {
      prompt: 'footsteps on gravel',
      negative_prompt: '',
      duration: 8,
      num_steps: 25,
      cfg_strength: 4.5,
      seed: 0,
      mask_away_clip: true,
    })
  })

  it('clamps to the declared ranges and rounds steps and seed', () => {
    expectParams(
      inferencesh(
        { ...base, seed: 70000.6, steps: 0.2, cfg: 0.5, durationSec: 45.55555, negativePrompt: 'music' },
        'u',
      ),
      {
        prompt: 'footsteps on gravel',
        negative_prompt: 'music',
        duration: 30,
        num_steps: 1,
        cfg_strength: 1,
        seed: 65535,
        mask_away_clip: false,
        video_input: 'u',
      },
    )
    expect(inferencesh({ ...base, seed: -4, steps: 180, cfg: 25, durationSec: 0.1 }, 'u')).toMatchObject({
      duration: 1,
      num_steps: 100,
      cfg_strength: 20,
      seed: 0,
    })
    const nan = inferencesh(
      { ...base, seed: Number.NaN, steps: Number.NaN, cfg: Number.NaN, durationSec: Number.NaN },
      'u',
    )
    expect([nan.seed, nan.num_steps, nan.cfg_strength, nan.duration]).toEqual([0, 25, 4.5, 8])
    expect(inferencesh({ ...base, durationSec: 6.123456 }, 'u').duration).toBe(6.123)
  })
})

describe('toProviderParams with the Pixazo profile', () => {
  const pixazo = (over: Parameters<typeof providerRequest>[0] = {}) =>
    toProviderParams(
      textRequest({ prompt: 'gentle ocean waves', negativePrompt: 'music', seed: 99, ...over }),
      PIXAZO_PROFILE,
    )

  it('maps our request to the documented body (text only), without a seed', () => {
    expectParams(pixazo(), {
      prompt: 'gentle ocean waves',
      negative_prompt: 'music',
      duration: 8,
      num_steps: 25,
      cfg_strength: 4.5,
      mask_away_clip: false,
    })
  })

  it('rounds the duration up to whole seconds so the audio covers the request, within 2–30', () => {
    const durations = [2.2, 7.0000001, 7.01, 8, 0.5, 29.5, 45].map((durationSec) => pixazo({ durationSec }).duration)
    expect(durations).toEqual([3, 7, 8, 8, 2, 30, 30])
  })

  it('clamps steps to 10–100 and cfg to 1–10, and passes mask_away_clip', () => {
    expectParams(pixazo({ steps: 4, cfg: 20, maskAwayClip: true }), {
      prompt: 'gentle ocean waves',
      negative_prompt: 'music',
      duration: 8,
      num_steps: 10,
      cfg_strength: 10,
      mask_away_clip: true,
    })
    expect(pixazo({ steps: 400.2, cfg: 0 })).toMatchObject({ num_steps: 100, cfg_strength: 1 })
  })

  it('never sends a video, even for a request that has one', () => {
    expect(toProviderParams(providerRequest(), PIXAZO_PROFILE, 'https://x/c.mp4')).not.toHaveProperty('video')
    expect(Object.values(toProviderParams(providerRequest(), PIXAZO_PROFILE, 'https://x/c.mp4'))).not.toContain(
      'https://x/c.mp4',
    )
  })
})

describe('toProviderParams with the Replicate profile', () => {
  const base = providerRequest({ prompt: 'rain on a tin roof', seed: 1234, maskAwayClip: true })
  const replicate = (req: ReturnType<typeof providerRequest>, videoUrl?: string) =>
    toProviderParams(req, REPLICATE_PROFILE, videoUrl)

  it('maps a video request to the model inputs: no mask_away_clip, the negative prompt always sent (theirs defaults to "music")', () => {
    expectParams(replicate(base, 'https://api.replicate.com/v1/files/abc'), {
      prompt: 'rain on a tin roof',
      negative_prompt: '',
      duration: 8,
      num_steps: 25,
      cfg_strength: 4.5,
      seed: 1234,
      video: 'https://api.replicate.com/v1/files/abc',
    })
  })

  it('omits video for text-to-audio', () => {
    expectParams(replicate({ ...base, mode: 'text', videoPath: undefined }), {
      prompt: 'rain on a tin roof',
      negative_prompt: '',
      duration: 8,
      num_steps: 25,
      cfg_strength: 4.5,
      seed: 1234,
    })
  })

  it('clamps: duration ≥ 1, cfg ≥ 1, seed 0–65535, whole steps', () => {
    expectParams(replicate({ ...base, durationSec: 0.3, cfg: 0, seed: -1, steps: 0 }, 'v'), {
      prompt: 'rain on a tin roof',
      negative_prompt: '',
      duration: 1,
      num_steps: 1,
      cfg_strength: 1,
      seed: 0,
      video: 'v',
    })
    expect(replicate({ ...base, durationSec: 99, cfg: 40, seed: 99999, steps: 30.5 }, 'v')).toMatchObject({
      duration: 30,
      cfg_strength: 20,
      seed: 65535,
      num_steps: 31,
    })
    expect(replicate({ ...base, durationSec: 9.87654 }, 'v').duration).toBe(9.877)
  })
})
