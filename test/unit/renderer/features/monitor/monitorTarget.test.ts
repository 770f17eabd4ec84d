// Which segment's focus box the monitor draws: the selected segment made from a picture, while the monitor shows
// that picture's file; not a text-only bed, not another clip's picture.
import { describe, expect, it } from 'vitest'
import { focusSegment, monitorTarget } from '../../../../../renderer/src/features/monitor/monitorTarget'
import type { Selection } from '../../../../../renderer/src/state/editor'
import { DEFAULT_GENERATION } from '../../../../../shared/domain/project'
import { attached, segment, twoClipProject } from '../../fixtures'

const project = twoClipProject({
  segments: [
    attached('door', 'a', 1, 3),
    segment('bed', 0, 9, 1),
    segment('over', 1, 3, 3), // in timeline time, over clip A only: generated from A's picture
    { ...segment('text', 1, 2, 2), params: { ...DEFAULT_GENERATION, textOnly: true } },
  ],
})
const sel = (id: string): Selection => ({ kind: 'segment', id })
const shownAt = (sec: number) => monitorTarget(project, null, sec).asset

describe('the focus box on the monitor', () => {
  it('belongs to the selected picture segment while its picture is shown', () => {
    expect(focusSegment(project, sel('door'), shownAt(2))?.id).toBe('door')
    expect(focusSegment(project, sel('over'), shownAt(2))?.id).toBe('over')
    expect(focusSegment(project, sel('door'), shownAt(7))).toBeNull() // clip B's picture is shown
    expect(focusSegment(project, null, shownAt(2))).toBeNull()
    expect(focusSegment(project, { kind: 'clip', id: 'A' }, shownAt(2))).toBeNull()
  })

  it('not for text-only sound, nor a range across a cut (it has no one picture)', () => {
    expect(focusSegment(project, sel('text'), shownAt(1.5))).toBeNull()
    expect(focusSegment(project, sel('bed'), shownAt(2))).toBeNull()
  })
})
