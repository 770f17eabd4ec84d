// The timeline: ruler, video track, original-audio waveforms and sound lanes in one horizontally scrolling
// area with sticky track headers, a playhead across all of it, and a snap indicator while dragging. While a
// drag is under way the timeline draws the drag's preview project; the real one changes once, on drop.
import { useCallback, useMemo, type PointerEvent as ReactPointerEvent, type RefObject } from 'react'
import type { Asset } from '../../../../shared/domain/asset'
import { secToPx } from '../../lib/timecode'
import { clipEndSec, layoutSegments } from '../../../../shared/domain/placement'
import { startFrames, timelineRate, timelineTimecode, type TimelineSettings } from '../../../../shared/domain/timecode'
import type { EditorAction, EditorState } from '../../state/editor'
import { frameAligned } from '../../state/playhead'
import { contentEndSec } from '../../state/project'
import type { Command } from '../editor/shortcuts'
import type { DragSubject } from './dragMath'
import { HEADER_PX } from './layout'
import { Ruler } from './Ruler'
import { SoundLanes, type SegmentPart } from './SoundLanes'
import { ShotsControl } from '../shots/ShotsControl'
import { TimelineSettingsControl } from './TimelineSettingsControl'
import { TimelineToolbar } from './TimelineToolbar'
import { useTimelineDrag } from './useTimelineDrag'
import { useTimelineViewport } from './useTimelineViewport'
import { VideoTrack, type ClipPart } from './VideoTrack'
import { WaveformTrack } from './WaveformTrack'

interface TimelineProps {
  state: EditorState
  dispatch: (a: EditorAction) => void
  run: (c: Command) => void
  bodyWidthRef?: RefObject<number>
}

export function Timeline({ state, dispatch, run, bodyWidthRef }: TimelineProps) {
  const project = state.history.present
  const { pxPerSec, playheadSec, selection, markInSec, markOutSec, snapEnabled } = state
  const extraTargetsSec = useMemo(
    () => [playheadSec, ...(markInSec !== null ? [markInSec] : []), ...(markOutSec !== null ? [markOutSec] : [])],
    [playheadSec, markInSec, markOutSec],
  )
  const { drag, beginDrag } = useTimelineDrag({ project, pxPerSec, snapEnabled, extraTargetsSec }, dispatch)
  const viewport = useTimelineViewport({ pxPerSec, zoomAnchor: state.zoomAnchor, playheadSec, dispatch, bodyWidthRef })
  const { timeWindow, originClientX } = viewport
  const shown = drag?.outcome.preview ?? project
  const assets = useMemo(() => new Map<string, Asset>(project.assets.map((a) => [a.id, a])), [project.assets])
  const layout = useMemo(
    () => layoutSegments({ clips: shown.clips, segments: shown.segments }),
    [shown.clips, shown.segments],
  )

  const select = useCallback((s: EditorState['selection']) => dispatch({ type: 'selected', selection: s }), [dispatch])
  const onClipPointerDown = useCallback(
    (e: ReactPointerEvent, clipId: string, part: ClipPart) => {
      select({ kind: 'clip', id: clipId })
      const subject: DragSubject =
        part === 'body' ? { kind: 'clip-move', clipId } : { kind: 'clip-trim', clipId, edge: part }
      beginDrag(e, subject, { originClientX: originClientX(), scrollEl: viewport.scrollRef.current })
    },
    [beginDrag, originClientX, select, viewport.scrollRef],
  )
  const onSegmentPointerDown = useCallback(
    (e: ReactPointerEvent, segmentId: string, pieceStartSec: number, part: SegmentPart) => {
      select({ kind: 'segment', id: segmentId })
      const subject: DragSubject =
        part === 'body'
          ? { kind: 'segment-move', segmentId, pieceStartSec }
          : { kind: 'segment-resize', segmentId, pieceStartSec, edge: part }
      beginDrag(e, subject, { originClientX: originClientX(), scrollEl: viewport.scrollRef.current })
    },
    [beginDrag, originClientX, select, viewport.scrollRef],
  )
  const onLanePointerDown = useCallback(
    (e: ReactPointerEvent, lane: number) => {
      const origin = originClientX()
      const anchorSec = Math.max(0, (e.clientX - origin) / pxPerSec)
      const subject: DragSubject = { kind: 'mark', lane, anchorSec, newSegmentId: crypto.randomUUID() }
      beginDrag(e, subject, {
        originClientX: origin,
        scrollEl: viewport.scrollRef.current,
        onClick: () => select(null),
      })
    },
    [beginDrag, originClientX, pxPerSec, select, viewport.scrollRef],
  )
  const onEmptyTrackPointerDown = useCallback(() => select(null), [select])
  const onClipFocus = useCallback((id: string) => select({ kind: 'clip', id }), [select])
  const onSegmentFocus = useCallback((id: string) => select({ kind: 'segment', id }), [select])
  const onScrub = useCallback((sec: number) => dispatch({ type: 'playheadMoved', sec }), [dispatch])
  const alignToFrame = useCallback((sec: number) => frameAligned(project, sec), [project])
  const rulerSnapTargets = useCallback(() => {
    if (!snapEnabled) return []
    const clipEdges = project.clips.flatMap((c) => [c.startSec, clipEndSec(c)])
    return clipEdges.concat(layoutSegments(project).pieces.flatMap((p) => [p.startSec, p.endSec]))
  }, [project, snapEnabled])

  const endSec = Math.max(contentEndSec(shown), playheadSec, 10)
  // Room past the end so the last edit can be scrolled to the left edge (and zoom can keep any anchor still).
  const contentPx = secToPx(endSec, pxPerSec) + (viewport.bodyWidthPx || 1000)
  const snapSec = drag?.outcome.snappedToSec ?? null
  // The ruler is memoised on plain values: the rate object is kept while what it derives from stays.
  const { timeline, clips, assets: assetList } = project
  const rate = useMemo(() => timelineRate({ timeline, clips, assets: assetList }), [timeline, clips, assetList])
  const firstFrame = startFrames(project)
  const onSettings = useCallback(
    (settings: TimelineSettings) => dispatch({ type: 'timelineSettingsChanged', settings }),
    [dispatch],
  )

  return (
    <section className="panel timeline" aria-label="Timeline">
      <TimelineToolbar
        playheadTimecode={timelineTimecode(project, playheadSec)}
        settings={<TimelineSettingsControl project={project} onChange={onSettings} />}
        shots={<ShotsControl project={project} selection={selection} dispatch={dispatch} />}
        pxPerSec={pxPerSec}
        snapEnabled={snapEnabled}
        canUndo={state.history.past.length > 0}
        canRedo={state.history.future.length > 0}
        hasSelection={selectionExists(project, selection)}
        markInSec={markInSec}
        run={run}
      />
      <div
        className="timeline-scroll"
        ref={viewport.scrollRef}
        onScroll={viewport.onScroll}
        data-testid="timeline-scroll"
      >
        <div className={`timeline-content${drag ? ' dragging' : ''}`} style={{ width: HEADER_PX + contentPx }}>
          <Ruler
            timeWindow={timeWindow}
            pxPerSec={pxPerSec}
            playheadSec={playheadSec}
            markInSec={markInSec}
            markOutSec={markOutSec}
            rate={rate}
            startFrames={firstFrame}
            snapTargetsSec={rulerSnapTargets}
            alignToFrame={alignToFrame}
            originClientX={originClientX}
            onScrub={onScrub}
          />
          <VideoTrack
            clips={shown.clips}
            assets={assets}
            pxPerSec={pxPerSec}
            timeWindow={timeWindow}
            selectedClipId={selection?.kind === 'clip' ? selection.id : null}
            onClipPointerDown={onClipPointerDown}
            onEmptyPointerDown={onEmptyTrackPointerDown}
            onFocusSelect={onClipFocus}
          />
          <WaveformTrack
            clips={shown.clips}
            assets={assets}
            pxPerSec={pxPerSec}
            timeWindow={timeWindow}
            mode={project.original.mode}
          />
          <SoundLanes
            segments={shown.segments}
            pieces={layout.pieces}
            laneCount={layout.laneCount + 1}
            pxPerSec={pxPerSec}
            timeWindow={timeWindow}
            selectedSegmentId={selection?.kind === 'segment' ? selection.id : null}
            selectedClipId={selection?.kind === 'clip' ? selection.id : null}
            onSegmentPointerDown={onSegmentPointerDown}
            onLanePointerDown={onLanePointerDown}
            onFocusSelect={onSegmentFocus}
          />
          <div
            className="playhead"
            data-testid="playhead"
            style={{ transform: `translateX(${HEADER_PX + secToPx(playheadSec, pxPerSec)}px)` }}
          />
          {snapSec !== null && (
            <div
              className="snap-line"
              data-testid="snap-line"
              style={{ transform: `translateX(${HEADER_PX + secToPx(snapSec, pxPerSec)}px)` }}
            />
          )}
        </div>
      </div>
    </section>
  )
}

/** After an undo the selected thing may be gone: then there is nothing to delete. */
function selectionExists(project: EditorState['history']['present'], selection: EditorState['selection']): boolean {
  if (!selection) return false
  const list: ReadonlyArray<{ id: string }> = selection.kind === 'clip' ? project.clips : project.segments
  return list.some((x) => x.id === selection.id)
}
