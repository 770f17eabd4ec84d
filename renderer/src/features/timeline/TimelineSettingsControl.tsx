// The timeline's settings in the toolbar: its frame rate and start timecode at a glance, and a small dialog to
// change them (00:00:00:00 by default, 01:00:00:00 for broadcast; the first clip's rate unless another is set).
// The ruler, the playhead's timecode and the hand-off pack count in them. Each change is one undo step.
import { useEffect, useRef, useState } from 'react'
import { Modal } from '../../components/Modal'
import type { Project } from '../../../../shared/domain/project'
import {
  BROADCAST_START_TIMECODE,
  DEFAULT_START_TIMECODE,
  firstClipRate,
  rateLabel,
  sameRate,
  STANDARD_RATES,
  startFrames,
  TIMECODE_PATTERN,
  timecodeText,
  timelineRate,
  type TimelineSettings,
} from '../../../../shared/domain/timecode'

interface Props {
  project: Project
  onChange: (settings: TimelineSettings) => void
}

const FIRST_CLIP = 'first-clip'

export function TimelineSettingsControl({ project, onChange }: Props) {
  const [open, setOpen] = useState(false)
  const rate = timelineRate(project)
  const start = timecodeText(startFrames(project), rate)
  return (
    <>
      <button
        type="button"
        className="tool timeline-settings-button"
        onClick={() => setOpen(true)}
        title="Timeline settings: frame rate and start timecode (used by the ruler and the hand-off to your editor)"
        data-testid="timeline-settings-button"
      >
        {rateLabel(rate)} fps · {start}
      </button>
      {open && <TimelineSettingsDialog project={project} onChange={onChange} onClose={() => setOpen(false)} />}
    </>
  )
}

function TimelineSettingsDialog({ project, onChange, onClose }: Props & { onClose: () => void }) {
  const settings = project.timeline ?? {}
  const rate = timelineRate(project)
  const [draft, setDraft] = useState(timecodeText(startFrames(project), rate))
  const valid = TIMECODE_PATTERN.test(draft.trim())
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => ref.current?.querySelector('input')?.focus(), [])
  const firstRate = firstClipRate(project)

  const setStart = (text: string) => {
    setDraft(text)
    if (TIMECODE_PATTERN.test(text)) onChange({ ...settings, startTimecode: text })
  }
  const commitDraft = () => {
    if (valid) setStart(draft.trim())
  }
  const setRate = (key: string) => {
    const chosen = STANDARD_RATES.find((r) => r.label === key)?.rate
    const { frameRate: _drop, ...rest } = settings
    onChange(chosen ? { ...rest, frameRate: chosen } : rest)
  }
  const rateKey = settings.frameRate
    ? (STANDARD_RATES.find((r) => sameRate(r.rate, settings.frameRate!))?.label ?? FIRST_CLIP)
    : FIRST_CLIP

  return (
    <Modal labelledBy="timeline-settings-title" className="timeline-settings" onClose={onClose} dialogRef={ref}>
      <h2 id="timeline-settings-title">Timeline settings</h2>
      <label className="field">
        <span className="field-label">Start timecode</span>
        <input
          type="text"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commitDraft}
          onKeyDown={(e) => e.key === 'Enter' && commitDraft()}
          aria-invalid={!valid}
          spellCheck={false}
          className="timecode-input"
        />
      </label>
      {!valid && <p className="field-warn">Write it as HH:MM:SS:FF, for example 01:00:00:00.</p>}
      <div className="timeline-settings-presets">
        <button type="button" className="small" onClick={() => setStart(DEFAULT_START_TIMECODE)}>
          {DEFAULT_START_TIMECODE}
        </button>
        <button type="button" className="small" onClick={() => setStart(BROADCAST_START_TIMECODE)}>
          {BROADCAST_START_TIMECODE} (broadcast)
        </button>
      </div>
      <label className="field">
        <span className="field-label">Frame rate</span>
        <select value={rateKey} onChange={(e) => setRate(e.target.value)}>
          <option value={FIRST_CLIP}>Same as the first clip{firstRate ? ` (${rateLabel(firstRate)} fps)` : ''}</option>
          {STANDARD_RATES.map((r) => (
            <option key={r.label} value={r.label}>
              {r.label} fps
            </option>
          ))}
        </select>
      </label>
      <p className="export-note">
        The ruler shows this timecode, and the hand-off pack for your editor starts its timelines and sound files at it,
        counting frames at this rate (non-drop).
      </p>
      <div className="modal-actions">
        <span className="spacer" />
        <button type="button" className="primary" onClick={onClose}>
          Done
        </button>
      </div>
    </Modal>
  )
}
