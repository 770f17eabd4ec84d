import { describe, expect, it } from 'vitest'
import { Project } from '../../../shared/domain/project'
import {
  rateOfFps,
  startFrames,
  timecodeFrames,
  timecodeText,
  timelineRate,
  timelineTimecode,
} from '../../../shared/domain/timecode'
import { asset, clip } from '../renderer/fixtures'
import { emptyProject } from '../../../renderer/src/state/project'

const ntsc = { num: 30000, den: 1001 }

describe('frame rates', () => {
  it('a probed rate becomes the exact fraction it stands for', () => {
    expect(rateOfFps(25)).toEqual({ num: 25, den: 1 })
    expect(rateOfFps(29.97002997)).toEqual(ntsc)
    expect(rateOfFps(29.97)).toEqual(ntsc)
    expect(rateOfFps(23.976)).toEqual({ num: 24000, den: 1001 })
    expect(rateOfFps(59.94)).toEqual({ num: 60000, den: 1001 })
    expect(rateOfFps(12.5)).toEqual({ num: 25, den: 2 })
  })

  it('the timeline’s rate: the one set, else the first clip’s (in timeline order), else 25', () => {
    const p = { ...emptyProject('p', 'now'), assets: [asset('a', 10, 30), asset('b', 10, 24)] }
    expect(timelineRate(p)).toEqual({ num: 25, den: 1 })
    const clips = [clip('c2', 'a', 5, 0, 2), clip('c1', 'b', 0, 0, 5)]
    expect(timelineRate({ ...p, clips })).toEqual({ num: 24, den: 1 })
    expect(timelineRate({ ...p, clips, timeline: { frameRate: ntsc } })).toEqual(ntsc)
  })
})

describe('timecode (non-drop-frame)', () => {
  it('counts frames at the nominal rate, both ways', () => {
    expect(timecodeFrames('01:00:00:00', { num: 25, den: 1 })).toBe(90000)
    expect(timecodeFrames('01:00:00:00', ntsc)).toBe(108000)
    expect(timecodeText(108000 + 29, ntsc)).toBe('01:00:00:29')
    expect(timecodeText(90000 + 25 * 61 + 13, { num: 25, den: 1 })).toBe('01:01:01:13')
    // a frame field past the rate's last frame (set at 30, read at 25) counts as the last frame
    expect(timecodeFrames('00:00:01:29', { num: 25, den: 1 })).toBe(49)
    expect(() => timecodeFrames('1:00:00', ntsc)).toThrow(/not a timecode/)
  })

  it('the ruler reads the start timecode plus the time, at the timeline’s rate', () => {
    const p = { ...emptyProject('p', 'now'), assets: [asset('a', 10, 25)], clips: [clip('c', 'a', 0, 0, 10)] }
    expect(timelineTimecode(p, 61.52)).toBe('00:01:01:13')
    const broadcast = { ...p, timeline: { startTimecode: '01:00:00:00' } }
    expect(startFrames(broadcast)).toBe(90000)
    expect(timelineTimecode(broadcast, 2.04)).toBe('01:00:02:01')
  })

  it('a project file written before timeline settings existed still reads, with the defaults', () => {
    const older = JSON.parse(JSON.stringify(emptyProject('p', '2026-01-01T00:00:00.000Z')))
    expect('timeline' in older).toBe(false)
    const parsed = Project.parse(older)
    expect(timelineTimecode(parsed, 0)).toBe('00:00:00:00')
    expect(Project.safeParse({ ...older, timeline: { startTimecode: '25:61:00:00' } }).success).toBe(false)
  })
})
