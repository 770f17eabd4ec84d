import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'

const electron = vi.hoisted(() => ({
  open: { canceled: false, filePaths: ['/v/a.mp4', '/v/b.mov'] } as { canceled: boolean; filePaths: string[] },
  save: { canceled: false, filePath: '/out/final.mp4' } as { canceled: boolean; filePath?: string },
  openOptions: [] as unknown[],
  saveOptions: [] as unknown[],
  shown: [] as string[],
}))

vi.mock('electron', () => ({
  dialog: {
    showOpenDialog: async (...args: unknown[]) => (electron.openOptions.push(args.at(-1)), electron.open),
    showSaveDialog: async (...args: unknown[]) => (electron.saveOptions.push(args.at(-1)), electron.save),
  },
  shell: { showItemInFolder: (p: string) => void electron.shown.push(p) },
}))

const { createElectronDesktop } = await import('../../../electron/main/desktop')
const desktop = createElectronDesktop(() => null)

describe('Electron Desktop', () => {
  it('opens several videos, and returns [] when cancelled', async () => {
    expect(await desktop.openVideos()).toEqual(['/v/a.mp4', '/v/b.mov'])
    expect(electron.openOptions.at(-1)).toMatchObject({ properties: ['openFile', 'multiSelections'] })
    electron.open = { canceled: true, filePaths: [] }
    expect(await desktop.openVideos()).toEqual([])
  })

  it('opens one project file (.mmaudio), and returns null when cancelled', async () => {
    electron.open = { canceled: false, filePaths: ['/films/Beach.mmaudio'] }
    expect(await desktop.openProject()).toBe('/films/Beach.mmaudio')
    expect(electron.openOptions.at(-1)).toMatchObject({ properties: ['openFile'], filters: [{ extensions: ['mmaudio'] }] })
    electron.open = { canceled: true, filePaths: [] }
    expect(await desktop.openProject()).toBeNull()
  })

  it('saves with the filter of the kind, and returns null when cancelled', async () => {
    expect(await desktop.saveFile('final.mp4', 'mp4')).toBe('/out/final.mp4')
    expect(electron.saveOptions.at(-1)).toEqual({ defaultPath: 'final.mp4', filters: [{ name: 'MP4 video', extensions: ['mp4'] }] })
    await desktop.saveFile('p.mmaudio', 'project')
    expect(electron.saveOptions.at(-1)).toMatchObject({ filters: [{ extensions: ['mmaudio'] }] })
    electron.save = { canceled: true }
    expect(await desktop.saveFile('x.wav', 'wav')).toBeNull()
  })

  it('reveals existing files only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desktop-'))
    writeFileSync(join(dir, 'a.mp4'), 'v')
    expect(await desktop.showInFolder(join(dir, 'a.mp4'))).toBe(true)
    expect(await desktop.showInFolder(join(dir, 'missing.mp4'))).toBe(false)
    expect(electron.shown).toEqual([join(dir, 'a.mp4')])
  })
})
