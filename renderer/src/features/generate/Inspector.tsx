// The right-hand column: "Generate all", the selected segment's Generate panel and takes, plus generations a
// crash or quit left unfinished. The generation jobs belong to the App (they keep running and land their takes
// whatever is selected, and the lanes show them); this column starts and follows them.
import { useCallback, type Dispatch } from 'react'
import type { ProviderId } from '../../../../shared/domain/ids'
import type { GenerationParams, Project, Segment, Take } from '../../../../shared/domain/project'
import { piecesSpan, segmentPieces } from '../../../../shared/domain/placement'
import { formatTimecode } from '../../lib/timecode'
import type { EditorAction, Selection } from '../../state/editor'
import { InterruptedList } from '../jobs/InterruptedList'
import type { GenerationJobs } from '../jobs/useGenerationJobs'
import { TakesList } from '../takes/TakesList'
import { useTakeAudition } from '../takes/useTakeAudition'
import { AnchorField } from './AnchorField'
import { GeneratePanel } from './GeneratePanel'
import { useCutsOf } from '../shots/useShots'
import { GenerateAll } from './GenerateAll'
import { usePrepareAhead } from './prepareAhead'
import { segmentRequest } from './segmentRequest'
import { useGenerateAll } from './useGenerateAll'
import { useProviders } from './useProviders'

export interface InspectorProps {
  project: Project
  selection: Selection
  dispatch: Dispatch<EditorAction>
  /** The generation jobs (the App's): started here, shown here and on the lanes. */
  jobs: GenerationJobs
  onOpenSettings: (provider: ProviderId) => void
  /** While Settings is open keys may change: the provider list is asked again when it closes. */
  settingsOpen?: boolean
  /** In-context audition from the playback engine, when there is one; else a take plays alone. */
  onAudition?: (segmentId: string, takeId: string) => void
  /** The Match loudness setting: auditions at one level, a chosen take starts at its segment's level. */
  matchLoudness?: { on: boolean; set: (on: boolean) => void }
}

export function Inspector({
  project,
  selection,
  dispatch,
  jobs,
  onOpenSettings,
  settingsOpen,
  onAudition,
  matchLoudness,
}: InspectorProps) {
  const { providers } = useProviders(settingsOpen)
  const alone = useTakeAudition()
  const commitParams = useCallback(
    (segmentId: string, params: Partial<GenerationParams>) =>
      dispatch({ type: 'segmentParamsChanged', segmentId, params }),
    [dispatch],
  )
  const segment = selection?.kind === 'segment' ? project.segments.find((s) => s.id === selection.id) : undefined

  const cutsOf = useCutsOf()
  /** The segment's committed settings as its provider will be asked, in the mode it is in. */
  const requestFor = (seg: Segment, change: Partial<GenerationParams> = {}) => {
    const built = providers ? segmentRequest(project, seg, providers, cutsOf, change) : null
    return built?.ok ? built.request : null
  }
  const all = useGenerateAll({
    project,
    providers,
    jobs,
    cutsOf,
    onAttach: (segmentIds) => dispatch({ type: 'segmentsAnchored', segmentIds }),
  })
  usePrepareAhead(project, providers ? requestFor : null)
  const onAnchor = useCallback(
    (segmentId: string, attach: boolean) => dispatch({ type: 'segmentAnchored', segmentId, attach }),
    [dispatch],
  )
  const span = segment && piecesSpan(segmentPieces(project.clips, segment))
  const regenerate = segment && requestFor(segment, { seed: null })
  const sameRequest = segment && requestFor(segment)

  return (
    <aside className="inspector panel" aria-label="Inspector">
      <div className="panel-header">
        {!segment
          ? 'Inspector'
          : span
            ? `Segment ${formatTimecode(span.startSec, 2)} – ${formatTimecode(span.endSec, 2)}`
            : 'Segment (its clip is not on the timeline)'}
      </div>
      <div className="inspector-body">
        <GenerateAll project={project} selection={selection} all={all} ready={providers !== null} />
        <InterruptedList
          entries={jobs.interrupted}
          canResume={(e) => project.segments.some((s) => s.id === e.segmentId)}
          onResume={jobs.resume}
          onDismiss={jobs.dismissInterrupted}
        />
        {!segment ? (
          <div className="empty-state">
            <p>Select a segment to generate its sound.</p>
            <p className="hint">Mark one by dragging on a sound lane, or with I and O at the playhead.</p>
          </div>
        ) : (
          <>
            <AnchorField project={project} segment={segment} onAnchor={onAnchor} />
            <GeneratePanel
              project={project}
              segment={segment}
              providers={providers}
              textOnly={segment.params.textOnly}
              onTextOnlyChange={(id, on) => commitParams(id, { textOnly: on })}
              commitParams={commitParams}
              onAnchor={onAnchor}
              jobs={jobs}
              onOpenSettings={onOpenSettings}
            />
            <TakesList
              segment={segment}
              providers={providers}
              onChoose={(takeId) =>
                dispatch({
                  type: 'activeTakeChosen',
                  segmentId: segment.id,
                  takeId,
                  matchLoudness: matchLoudness?.on ?? false,
                })
              }
              matchLoudness={matchLoudness?.on ?? false}
              onMatchLoudnessChange={(on) => matchLoudness?.set(on)}
              onDelete={(takeId) => dispatch({ type: 'takeDeleted', segmentId: segment.id, takeId })}
              onAudition={(take: Take) => (onAudition ? onAudition(segment.id, take.id) : alone.toggle(take))}
              playingTakeId={onAudition ? null : alone.playingTakeId}
              onRegenerate={
                regenerate
                  ? () =>
                      void jobs.start({
                        kind: 'generate',
                        request: regenerate,
                        label: `${regenerate.params.takes} new takes`,
                      })
                  : null
              }
              onRegenerateChunk={
                sameRequest
                  ? (take, chunkIndex) =>
                      void jobs.start({
                        kind: 'chunk',
                        request: sameRequest,
                        take,
                        chunkIndex,
                        label: `Chunk ${chunkIndex + 1}, new seed`,
                      })
                  : null
              }
            />
          </>
        )}
      </div>
    </aside>
  )
}
