// The fal emulator in its own process for bench/pipeline, so the CPU the emulator spends synthesising audio is
// not counted as the app's. Synthesises each output as soon as a job is accepted (as a provider's GPU works
// while the job runs), once per uploaded picture. Talks over the fork IPC channel:
//   parent → { timing: { queueMs, runMs } } | { jobs: true }     child → { baseUrl, apiKey } | { jobs: [...] }
import { createHash } from 'node:crypto'
import type { EmulatedJob } from '../test/emulators/core'
import { startFalEmulator } from '../test/emulators/fal'

const emu = await startFalEmulator()
const state = emu.state
const output = state.output.bind(state)
const byPicture = new Map<string, Promise<string>>()
state.output = (job, format, mime, params) => {
  const key = `${format}:${job.video ? createHash('sha256').update(job.video).digest('hex') : job.id}`
  let p = byPicture.get(key)
  if (!p) {
    p = output(job, format, mime, params)
    byPicture.set(key, p)
  }
  return p.then((url) => (job.outputUrl = url))
}
const addJob = state.addJob.bind(state)
state.addJob = (mode, input, video): EmulatedJob => {
  const job = addJob(mode, input, video)
  const params = {
    prompt: String(input.prompt),
    seed: Number(input.seed ?? 0),
    durationSec: Number(input.duration ?? 8),
  }
  void state
    .output(job, mode === 'video' ? 'mp4' : 'flac', mode === 'video' ? 'video/mp4' : 'audio/flac', params)
    .catch(() => undefined)
  return job
}

process.on('message', (m: { timing?: { queueMs: number; runMs: number }; jobs?: true; close?: true }) => {
  if (m.timing) state.timing = m.timing
  if (m.jobs) {
    const jobs = [...state.jobs.values()].map((j) => ({
      id: j.id,
      createdAtMs: j.createdAtMs,
      videoBytes: j.video?.length ?? 0,
    }))
    process.send!({ jobs, timing: state.timing })
  }
  if (m.close) void emu.close().then(() => process.exit(0))
})
process.send!({ baseUrl: emu.baseUrl, apiKey: emu.apiKey })
