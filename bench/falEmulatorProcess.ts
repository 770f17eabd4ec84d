// The fal emulator in its own process for bench/pipeline. A real provider does its work on its own machines, so
// this one costs ours next to nothing: every job gets the same output, synthesised once at start (an MP4 with
// sound for video, a FLAC for text, long enough for any window; the app cuts it to the asked length). The bench
// measures time, not sync. Talks over the fork IPC channel:
//   parent → { timing: { queueMs, runMs } } | { jobs: true } | { streams: boolean }
//   child → { baseUrl, apiKey } | { jobs: [...] }
// { streams: false } refuses fal's status stream (404), so the adapter polls instead.
import { startFalEmulator } from '../test/emulators/fal'
import { synthesize } from '../test/emulators/synthAudio'

const emu = await startFalEmulator()
const state = emu.state
const [video, text] = await Promise.all([
  synthesize({ prompt: 'bench', seed: 1, durationSec: 12, format: 'mp4' }),
  synthesize({ prompt: 'bench', seed: 1, durationSec: 12, format: 'flac' }),
])
const urls = {
  mp4: state.storeFile(video, 'video/mp4', 'output.mp4'),
  flac: state.storeFile(text, 'audio/flac', 'output.flac'),
}
state.output = async (job, format) => {
  job.outputUrl = format === 'mp4' ? urls.mp4 : urls.flac
  return job.outputUrl
}

process.on(
  'message',
  (m: { timing?: { queueMs: number; runMs: number }; jobs?: true; streams?: boolean; close?: true }) => {
    if (m.timing) state.timing = m.timing
    if (m.streams === false) state.faults.push({ op: 'stream', status: 404, times: Number.POSITIVE_INFINITY })
    if (m.streams === true) state.faults = state.faults.filter((f) => f.op !== 'stream')
    if (m.jobs) {
      const jobs = [...state.jobs.values()].map((j) => ({
        id: j.id,
        createdAtMs: j.createdAtMs,
        videoBytes: j.video?.length ?? 0,
      }))
      process.send!({ jobs, timing: state.timing })
    }
    if (m.close) void emu.close().then(() => process.exit(0))
  },
)
process.send!({ baseUrl: emu.baseUrl, apiKey: emu.apiKey })
