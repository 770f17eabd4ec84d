// The timeline's toolbar: the playhead's timecode, the timeline's settings, and a button for every timeline
// command (with its key).
import type { ReactNode } from 'react'
import type { Command } from '../editor/shortcuts'
import { SHORTCUT_LABEL } from '../editor/shortcuts'

interface ToolbarProps {
  /** The playhead as timecode of the timeline (its start timecode and rate). */
  playheadTimecode: string
  /** The timeline's settings control. */
  settings: ReactNode
  /** The shots group (cut threshold, segment by shots). */
  shots: ReactNode
  pxPerSec: number
  snapEnabled: boolean
  canUndo: boolean
  canRedo: boolean
  hasSelection: boolean
  markInSec: number | null
  run: (c: Command) => void
}

export function TimelineToolbar(props: ToolbarProps) {
  const { playheadTimecode, settings, shots, pxPerSec, snapEnabled, canUndo, canRedo, hasSelection, markInSec, run } =
    props
  const button = (
    command: Command,
    label: string,
    name: string,
    opts: { disabled?: boolean; pressed?: boolean } = {},
  ) => (
    <button
      type="button"
      className={`tool${opts.pressed ? ' on' : ''}`}
      onClick={() => run(command)}
      disabled={opts.disabled}
      aria-pressed={opts.pressed}
      aria-label={name}
      title={`${name} (${SHORTCUT_LABEL[command] ?? ''})`}
    >
      {label}
    </button>
  )
  return (
    <div className="timeline-toolbar" role="toolbar" aria-label="Timeline tools">
      <span className="playhead-time" data-testid="playhead-time" title="Playhead (timeline timecode)">
        {playheadTimecode}
      </span>
      {settings}
      <span className="tool-group">
        {button('undo', '↶', 'Undo', { disabled: !canUndo })}
        {button('redo', '↷', 'Redo', { disabled: !canRedo })}
      </span>
      <span className="tool-group">
        {button('split', '✂ Split', 'Split at playhead')}
        {button('delete', '⌫ Delete', 'Delete selection', { disabled: !hasSelection })}
        {button('rippleDelete', '⇤ Ripple', 'Ripple delete: delete and close the gap', { disabled: !hasSelection })}
      </span>
      <span className="tool-group">
        {button('markIn', '[ In', 'Mark in', { pressed: markInSec !== null })}
        {button('markOut', 'Out ]', 'Mark out')}
      </span>
      {shots}
      <span className="spacer" />
      <span className="tool-group">{button('toggleSnap', '⋔ Snap', 'Snapping', { pressed: snapEnabled })}</span>
      <span className="tool-group">
        {button('zoomOut', '−', 'Zoom out')}
        <span className="zoom-readout" data-testid="zoom" title="Pixels per second">
          {Math.round(pxPerSec)} px/s
        </span>
        {button('zoomIn', '+', 'Zoom in')}
        {button('zoomFit', 'Fit', 'Zoom to fit')}
      </span>
    </div>
  )
}
