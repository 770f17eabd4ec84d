import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { batchOutputs } from '../../../electron/cli/batchOutputs'

const IN = join('/shoot', 'day 1')
const OUT = join('/shoot', 'with sound')

describe('where batch writes each video', () => {
  it('each video as <name>.mp4 in the output folder', () => {
    expect([...batchOutputs(IN, ['a.mov', 'b.mp4'], OUT)]).toEqual([
      ['a.mov', join(OUT, 'a.mp4')],
      ['b.mp4', join(OUT, 'b.mp4')],
    ])
  })

  it('videos that share a name keep their extension in it, so neither result replaces the other', () => {
    expect([...batchOutputs(IN, ['clip.mov', 'Clip.MP4', 'other.mkv'], OUT).values()]).toEqual([
      join(OUT, 'clip.mov.mp4'),
      join(OUT, 'Clip.MP4.mp4'),
      join(OUT, 'other.mp4'),
    ])
  })

  it('into the input folder itself: allowed where no result lands on a video, refused before anything is paid where one would', () => {
    expect([...batchOutputs(IN, ['a.mov', 'clip.mov', 'clip.mp4'], IN).values()]).toEqual([
      join(IN, 'a.mp4'),
      join(IN, 'clip.mov.mp4'),
      join(IN, 'clip.mp4.mp4'),
    ])
    expect(() => batchOutputs(IN, ['a.mov', 'b.mp4'], join(IN, '.'))).toThrow(
      /would replace "b\.mp4" with its result\. Choose another folder with -o/,
    )
  })
})
