// A generation request in our own terms for the provider unit tests: video-to-audio of an 8 s cut with
// MMAudio's defaults, changed where a test says.
import type { ProviderRequest } from '../../../electron/providers/types'

export function providerRequest(over: Partial<ProviderRequest> = {}): ProviderRequest {
  return {
    mode: 'video',
    videoPath: '/tmp/cut.mp4',
    prompt: 'footsteps on gravel',
    negativePrompt: '',
    seed: 42,
    steps: 25,
    cfg: 4.5,
    durationSec: 8,
    maskAwayClip: false,
    ...over,
  }
}

/** The same request for text-to-audio (no video). */
export function textRequest(over: Partial<ProviderRequest> = {}): ProviderRequest {
  return providerRequest({ mode: 'text', videoPath: undefined, ...over })
}
