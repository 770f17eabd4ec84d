// The focus box as an ffmpeg crop of the upload. PURE: filter text only. Autorotation runs before the filter
// graph, so iw/ih are the frame as displayed, the frame the box was drawn on. Every side and offset is rounded
// down to an even number of pixels (4:2:0 chroma has one sample per 2×2 pixels), which keeps the crop inside
// the frame: floor(iw·x) + floor(iw·w) ≤ iw·(x + w) ≤ iw.
import type { FocusBox } from '../../../../shared/domain/focus'
import { ffNum } from './exportFormat'

const even = (side: 'iw' | 'ih', fraction: number): string => `trunc(${side}*${ffNum(fraction)}/2)*2`

/** `crop=…` for the box, at least 2×2 pixels; goes before the scale so the box's short side becomes 384 px. */
export function focusCropFilter(box: FocusBox): string {
  return [
    `crop=w='max(2,${even('iw', box.w)})'`,
    `h='max(2,${even('ih', box.h)})'`,
    `x='${even('iw', box.x)}'`,
    `y='${even('ih', box.y)}'`,
  ].join(':')
}
