// The focus box as ffmpeg's crop: fractions of the displayed frame, every side and offset rounded down to an
// even pixel count, placed after the frame-rate change and before the scale, so the box's short side is 384 px.
import { describe, expect, it } from 'vitest'
import { focusCropFilter } from '../../../../../electron/media/ffmpeg/args/focusCrop'
import { uploadCutArgs } from '../../../../../electron/media/ffmpeg/args/uploadCut'

/** What ffmpeg computes from the filter's expressions for a frame of iw × ih (trunc rounds towards zero). */
function evaluate(filter: string, iw: number, ih: number): { w: number; h: number; x: number; y: number } {
  const body = filter.replace(/^crop=/, '')
  const values = Object.fromEntries(
    body.split(/:(?=[whxy]=)/).map((part) => {
      const [key, expr] = part.split('=') as [string, string]
      const js = expr
        .replace(/'/g, '')
        .replace(/\biw\b/g, String(iw))
        .replace(/\bih\b/g, String(ih))
        .replace(/trunc\(/g, 'Math.trunc(')
        .replace(/max\(/g, 'Math.max(')
      return [key, Function(`return ${js}`)() as number]
    }),
  )
  return values as { w: number; h: number; x: number; y: number }
}

describe('focus crop', () => {
  it('is written as even-pixel expressions of the frame as displayed', () => {
    expect(focusCropFilter({ x: 0.1, y: 0.2, w: 0.3, h: 0.5 })).toBe(
      "crop=w='max(2,trunc(iw*0.3/2)*2)':h='max(2,trunc(ih*0.5/2)*2)':x='trunc(iw*0.1/2)*2':y='trunc(ih*0.2/2)*2'",
    )
  })

  it('takes the box’s pixels, even and inside the frame, for any frame size', () => {
    expect(evaluate(focusCropFilter({ x: 0.1, y: 0.2, w: 0.3, h: 0.5 }), 640, 360)).toEqual({
      w: 192,
      h: 180,
      x: 64,
      y: 72,
    })
    // odd sizes round down; the right and bottom edges never pass the frame's
    for (const [iw, ih] of [
      [1920, 1080],
      [373, 211],
      [1080, 1920],
    ] as const) {
      for (const box of [
        { x: 0.6667, y: 0.3333, w: 0.3333, h: 0.6667 },
        { x: 0, y: 0, w: 1, h: 1 },
        { x: 0.95, y: 0.95, w: 0.05, h: 0.05 },
      ]) {
        const c = evaluate(focusCropFilter(box), iw, ih)
        for (const v of [c.w, c.h, c.x, c.y]) expect(v % 2).toBe(0)
        expect(c.x + c.w).toBeLessThanOrEqual(iw)
        expect(c.y + c.h).toBeLessThanOrEqual(ih)
        expect(Math.abs(c.w - box.w * iw)).toBeLessThan(2)
        expect(Math.abs(c.x - box.x * iw)).toBeLessThan(2)
      }
    }
  })

  it('goes into the upload first (before the 25 fps step and the scale to 384 px); none without a box', () => {
    const base = { inputPath: '/in.mp4', outputPath: '/up.mp4', inSec: 0, sourceDurationSec: 8, outputDurationSec: 8 }
    const vf = (args: readonly string[]) => args[args.indexOf('-vf') + 1]
    expect(vf(uploadCutArgs({ ...base, crop: { x: 0, y: 0, w: 0.25, h: 1 } }))).toBe(
      "crop=w='max(2,trunc(iw*0.25/2)*2)':h='max(2,trunc(ih*1/2)*2)':x='trunc(iw*0/2)*2':y='trunc(ih*0/2)*2',fps=25," +
        "scale='if(gt(iw,ih),-2,384)':'if(gt(iw,ih),384,-2)':flags=area,format=yuv420p",
    )
    expect(vf(uploadCutArgs({ ...base, crop: null }))).toBe(vf(uploadCutArgs(base)))
    expect(vf(uploadCutArgs(base))).not.toContain('crop')
  })
})
