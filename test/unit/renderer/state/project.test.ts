import { describe, expect, it } from 'vitest'
import type { Asset } from '../../../../shared/domain/asset'
import { createEditorState, editorReducer } from '../../../../renderer/src/state/editor'
import { timelineEndSec } from '../../../../shared/domain/placement'
import { addAssets, emptyProject } from '../../../../renderer/src/state/project'

const asset = (id: string, durationSec: number): Asset => ({
  id,
  path: `/media/${id}.mp4`,
  name: `${id}.mp4`,
  contentHash: id,
  durationSec,
  sizeBytes: 1000,
  video: { codec: 'h264', width: 640, height: 360, rotation: 0, displayWidth: 640, displayHeight: 360, fps: 25, vfr: false },
  audio: null,
})

describe('importing assets into a project', () => {
  it('appends each new asset as a whole clip after the last one', () => {
    let n = 0
    const p = addAssets(emptyProject('p', 'now'), [asset('a', 5), asset('b', 2.5)], () => `c${n++}`)
    expect(p.clips).toEqual([
      { id: 'c0', assetId: 'a', startSec: 0, inSec: 0, outSec: 5 },
      { id: 'c1', assetId: 'b', startSec: 5, inSec: 0, outSec: 2.5 },
    ])
    expect(timelineEndSec(p.clips)).toBe(7.5)
  })

  it('does not add the same file twice', () => {
    const p1 = addAssets(emptyProject('p', 'now'), [asset('a', 5)], () => 'c0')
    expect(addAssets(p1, [asset('a', 5)], () => 'c1')).toBe(p1)
  })

  it('an import is one undo step; selection and zoom are not undone', () => {
    let s = createEditorState(emptyProject('p', 'now'))
    s = editorReducer(s, { type: 'assetsImported', assets: [asset('a', 5), asset('b', 3)], newIds: ['c0', 'c1'] })
    s = editorReducer(s, { type: 'selected', selection: { kind: 'clip', id: 'c1' } })
    s = editorReducer(s, { type: 'zoomed', pxPerSec: 100 })
    s = editorReducer(s, { type: 'undo' })
    expect(s.history.present.clips).toHaveLength(0)
    expect(s.selection).toEqual({ kind: 'clip', id: 'c1' })
    expect(s.pxPerSec).toBe(100)
    s = editorReducer(s, { type: 'redo' })
    expect(s.history.present.clips.map((c) => c.id)).toEqual(['c0', 'c1'])
  })
})
