// The Export dialog in jsdom against a fake main: the save dialog gets the project's name and the preset's
// kind, export:start gets that exact path, progress shows stage/%/ETA, Cancel asks main to cancel, the result
// shows loudness and Show in folder, a failure shows main's sentence and the next step.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ExportControl } from '../../../../../renderer/src/features/export/ExportControl'
import { ExportDialog } from '../../../../../renderer/src/features/export/ExportDialog'
import { twoClipProject } from '../../fixtures'
import { inputsOf, installFakeBridge, type Invoke } from '../../fakeBridge'

let calls: Invoke[]
let answers: Record<string, unknown>
let push: (event: string, payload: unknown) => void

beforeEach(() => {
  answers = {
    'dialog:saveFile': { ok: true, data: { path: '/out/Holiday.mp4' } },
    'dialog:chooseFolder': { ok: true, data: { path: '/out' } },
    'handoff:start': { ok: true, data: { jobId: 'job-1' } },
    'export:start': { ok: true, data: { jobId: 'job-1' } },
    'job:cancel': { ok: true, data: { cancelled: true } },
    'shell:showInFolder': { ok: true, data: { shown: true } },
  }
  const bridge = installFakeBridge((channel) => answers[channel])
  calls = bridge.calls
  push = (event, payload) => act(() => bridge.push(event, payload))
})
afterEach(cleanup)

const project = { ...twoClipProject(), name: 'Holiday' }
const job = (patch: Record<string, unknown>) => ({
  jobId: 'job-1',
  kind: 'export',
  status: 'running',
  stage: 'measuring',
  progress: 0,
  ...patch,
})

async function startExport() {
  render(<ExportDialog project={project} onClose={() => {}} />)
  await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Export…' })))
}

describe('the Export dialog', () => {
  it('asks for the destination with the project name, then starts the export there with the chosen preset', async () => {
    render(<ExportDialog project={project} onClose={() => {}} />)
    fireEvent.click(screen.getByRole('radio', { name: /Podcast/ }))
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Export…' })))
    expect(calls.find((c) => c.channel === 'dialog:saveFile')!.input).toEqual({
      defaultName: 'Holiday.mp4',
      kind: 'mp4',
    })
    const start = inputsOf(calls, 'export:start')[0]!
    expect(start.request).toEqual({ destinationPath: '/out/Holiday.mp4', preset: 'podcast' })
    expect(start.project.id).toBe(project.id)
  })

  it('a cancelled save dialog starts nothing', async () => {
    answers['dialog:saveFile'] = { ok: true, data: { path: null } }
    await startExport()
    expect(calls.some((c) => c.channel === 'export:start')).toBe(false)
    expect(screen.getByRole('button', { name: 'Export…' })).toBeTruthy()
  })

  it('shows the stage, percentage and ETA; Cancel asks main to cancel the job', async () => {
    await startExport()
    push('job:update', job({ stage: 'encoding', progress: 0.5, etaSec: 12 }))
    expect(screen.getByText('Encoding')).toBeTruthy()
    expect(screen.getByText('50%')).toBeTruthy() // main sends whole-job progress
    expect(screen.getByText('about 12 s left')).toBeTruthy()
    expect(screen.getByRole('radio', { name: /Web/ }).closest('fieldset')!.disabled).toBe(true)
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Cancel' })))
    expect(calls.find((c) => c.channel === 'job:cancel')!.input).toEqual({ jobId: 'job-1' })
    push('job:update', job({ status: 'cancelled' }))
    expect(screen.getByText('Export cancelled. Nothing was written.')).toBeTruthy()
  })

  it('when done: what was measured, and Show in folder on the written file', async () => {
    await startExport()
    const exportResult = {
      paths: ['/out/Holiday.mp4'],
      durationSec: 10,
      videoCopied: false,
      integratedLufs: -16.1,
      truePeakDbtp: -1.4,
    }
    push('job:update', job({ status: 'succeeded', stage: 'finishing', progress: 1, exportResult }))
    expect(screen.getByText('Loudness -16.1 LUFS integrated (target -14)')).toBeTruthy()
    expect(screen.getByText(/Picture re-encoded/)).toBeTruthy()
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Show in folder' })))
    expect(calls.find((c) => c.channel === 'shell:showInFolder')!.input).toEqual({ path: '/out/Holiday.mp4' })
  })

  it('a failure shows main’s sentence and what to do; a refused folder asks for another file', async () => {
    await startExport()
    push(
      'job:update',
      job({ status: 'failed', error: { code: 'PERMISSION_DENIED', message: 'Cannot write to /out.' } }),
    )
    expect(screen.getByRole('alert').textContent).toContain('Cannot write to /out.')
    expect(screen.getByRole('alert').textContent).toContain('Choose a folder you can write to.')
    expect(screen.getByRole('button', { name: 'Choose another file…' })).toBeTruthy()
  })
})

describe('For your editor (the hand-off pack)', () => {
  it('asks for a folder, says where the pack goes in it, starts handoff:start there; when done, shows what the pack holds', async () => {
    render(<ExportDialog project={project} onClose={() => {}} />)
    fireEvent.click(screen.getByRole('radio', { name: /For your editor/ }))
    expect(screen.getByText('Folder')).toBeTruthy()
    expect(screen.getByTestId('handoff-folder-note').textContent).toContain('“Holiday hand-off”')
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Export…' })))
    expect(calls.some((c) => c.channel === 'dialog:saveFile')).toBe(false)
    expect(calls.find((c) => c.channel === 'dialog:chooseFolder')!.input).toEqual({})
    const start = inputsOf(calls, 'handoff:start')[0]!
    expect(start.request).toEqual({ folder: '/out' })
    expect(calls.some((c) => c.channel === 'export:start')).toBe(false)
    const handoffResult = {
      folder: '/out/Holiday hand-off',
      files: ['/out/Holiday hand-off/Holiday.fcpxml'],
      soundFiles: 3,
      stems: 4,
      durationSec: 10,
    }
    push('job:update', job({ kind: 'handoff', status: 'succeeded', stage: 'finishing', progress: 1, handoffResult }))
    expect(screen.getByText('Hand-off pack written to')).toBeTruthy()
    expect(screen.getByText('/out/Holiday hand-off')).toBeTruthy()
    expect(screen.getByText(/3 sound files as Broadcast WAV/)).toBeTruthy()
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Show in folder' })))
    expect(calls.find((c) => c.channel === 'shell:showInFolder')!.input).toEqual({ path: '/out/Holiday hand-off' })
  })

  it('Original levels that clip: the facts warn', async () => {
    render(<ExportDialog project={project} onClose={() => {}} />)
    fireEvent.click(screen.getByRole('radio', { name: /Original levels/ }))
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Export…' })))
    const exportResult = {
      paths: ['/out/Holiday.mp4'],
      durationSec: 10,
      videoCopied: false,
      integratedLufs: -9.5,
      truePeakDbtp: 1.8,
    }
    push('job:update', job({ status: 'succeeded', stage: 'finishing', progress: 1, exportResult }))
    expect(screen.getByText('Loudness -9.5 LUFS integrated (not normalised)')).toBeTruthy()
    expect(screen.getByRole('alert').textContent).toMatch(/The mix clips: its peaks reach \+1\.8 dBTP/)
  })
})

describe('opening Export', () => {
  it('the native menu’s Export and Ctrl/Cmd+E open the dialog; Escape closes it', () => {
    render(<ExportControl project={project} />)
    expect(screen.queryByRole('dialog')).toBeNull()
    push('menu:command', { command: 'export' })
    expect(screen.getByRole('dialog', { name: 'Export' })).toBeTruthy()
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' })
    expect(screen.queryByRole('dialog')).toBeNull()
    fireEvent.keyDown(window, { key: 'e', metaKey: true })
    expect(screen.getByRole('dialog', { name: 'Export' })).toBeTruthy()
  })
})
