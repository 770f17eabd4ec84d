import { describe, expect, it } from 'vitest'
import { commit, createHistory, redo, undo } from '../../../../../renderer/src/state/history'
import { emptyProject } from '../../../../../renderer/src/state/project'
import {
  isDirty,
  missingMediaText,
  projectDisplayName,
  recentLabels,
  shouldAutosave,
  windowTitle,
} from '../../../../../renderer/src/features/project/projectStatus'
import { fileCommandForKey } from '../../../../../renderer/src/features/project/fileShortcuts'
import { baseUrlProblem, keyProblem, keyStatusText, moveItem } from '../../../../../renderer/src/features/settings/settingsForm'

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({
  key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods,
})

describe('unsaved changes follow the history', () => {
  it('an edit is dirty, undo back to the saved snapshot is clean, redo is dirty again', () => {
    const saved = emptyProject('p', '2026-01-01T00:00:00Z')
    let h = createHistory(saved)
    expect(isDirty(h.present, saved)).toBe(false)
    h = commit(h, { ...saved, name: 'edited' })
    expect(isDirty(h.present, saved)).toBe(true)
    h = undo(h)
    expect(isDirty(h.present, saved)).toBe(false)
    h = redo(h)
    expect(isDirty(h.present, saved)).toBe(true)
    // Saved after the edit: undo now leaves the saved state.
    const savedLater = h.present
    expect(isDirty(undo(h).present, savedLater)).toBe(true)
  })

  it('recovered work has never been saved as it is: dirty', () => {
    expect(isDirty(emptyProject('p', 'now'), null)).toBe(true)
  })

  it('names the project by its file and marks the title', () => {
    const project = emptyProject('p', 'now')
    expect(projectDisplayName(null, project)).toBe('Untitled')
    expect(projectDisplayName('/films/Beach day.mmaudio', project)).toBe('Beach day')
    expect(projectDisplayName('C:\\films\\Beach.MMAUDIO', project)).toBe('Beach')
    expect(windowTitle('Beach', true)).toBe('• Beach — MMAudio Studio')
    expect(windowTitle('Beach', false)).toBe('Beach — MMAudio Studio')
  })

  it('autosaves only unsaved work, not during a save, and not the same snapshot twice', () => {
    const project = emptyProject('p', 'now')
    expect(shouldAutosave({ dirty: true, saving: false, project, lastAutosaved: null })).toBe(true)
    expect(shouldAutosave({ dirty: false, saving: false, project, lastAutosaved: null })).toBe(false)
    expect(shouldAutosave({ dirty: true, saving: true, project, lastAutosaved: null })).toBe(false)
    expect(shouldAutosave({ dirty: true, saving: false, project, lastAutosaved: project })).toBe(false)
  })
})

describe('messages and lists', () => {
  it('names a missing file and where it was looked for', () => {
    expect(missingMediaText([{ name: 'beach.mp4', path: '/films/beach.mp4' }])).toBe(
      '"beach.mp4" was not found at /films/beach.mp4 nor beside the project. Everything else opened.',
    )
    const many = ['a', 'b', 'c', 'd', 'e', 'f'].map((n) => ({ name: `${n}.wav`, path: `/x/${n}.wav` }))
    expect(missingMediaText(many)).toBe('6 files were not found: "a.wav", "b.wav", "c.wav", "d.wav" and 2 more. Everything else opened.')
    // A file that is there but is not what the project says gets its own sentence from main.
    const refused = { name: 'id_rsa', path: '/home/ann/.ssh/id_rsa', reason: '"id_rsa" is not a video file, so it was not opened.' }
    expect(missingMediaText([refused])).toBe('"id_rsa" is not a video file, so it was not opened. Everything else opened.')
    expect(missingMediaText([refused, { name: 'b.wav', path: '/b.wav' }])).toBe('2 files could not be used: "id_rsa", "b.wav". Everything else opened.')
  })

  it('recent entries with the same name show their folder', () => {
    const labels = recentLabels([
      { path: '/a/Beach.mmaudio', name: 'Beach', exists: true },
      { path: '/b/Beach.mmaudio', name: 'Beach', exists: true },
      { path: '/c/Forest.mmaudio', name: 'Forest', exists: false },
    ]).map((l) => l.label)
    expect(labels).toEqual(['Beach (a)', 'Beach (b)', 'Forest'])
  })
})

describe('File shortcuts', () => {
  it('map Ctrl/Cmd+N, O, S, Shift+S and , to the menu commands', () => {
    expect(fileCommandForKey(key('n', { ctrlKey: true }))).toBe('new')
    expect(fileCommandForKey(key('o', { metaKey: true }))).toBe('open')
    expect(fileCommandForKey(key('s', { ctrlKey: true }))).toBe('save')
    expect(fileCommandForKey(key('S', { ctrlKey: true, shiftKey: true }))).toBe('saveAs')
    expect(fileCommandForKey(key(',', { ctrlKey: true }))).toBe('settings')
    // Without the modifier these keys belong to the timeline (S splits, N toggles snap).
    expect(fileCommandForKey(key('s'))).toBeNull()
    expect(fileCommandForKey(key('n'))).toBeNull()
    expect(fileCommandForKey(key('z', { ctrlKey: true }))).toBeNull()
  })
})

describe('settings form', () => {
  it('says only whether a key is set and its last 4 characters', () => {
    expect(keyStatusText({ provider: 'fal', isSet: true, last4: 'ab12' })).toBe('set · ••••ab12')
    expect(keyStatusText({ provider: 'fal', isSet: false, last4: null })).toBe('not set')
    expect(keyStatusText(undefined)).toBe('not set')
  })

  it('checks keys and base URLs as main does', () => {
    expect(keyProblem('  abcdefgh  ')).toBeNull()
    expect(keyProblem('short')).toMatch(/at least 8/)
    expect(keyProblem('has a space')).toMatch(/no spaces/)
    expect(baseUrlProblem('')).toBeNull()
    expect(baseUrlProblem('https://queue.fal.run')).toBeNull()
    expect(baseUrlProblem('ftp://x')).toMatch(/http/)
    expect(baseUrlProblem('queue.fal.run')).toMatch(/Not a web address/)
  })

  it('moves list items within bounds', () => {
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b'])
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c'])
    expect(moveItem(['a', 'b', 'c'], 0, 5)).toEqual(['b', 'c', 'a'])
  })
})
