// The right-hand column: the selected segment's Generate panel and takes, plus generations a crash or quit
// left unfinished. Owns the generation jobs, so they keep running (and land their takes) whatever is selected.
import { useCallback, type Dispatch } from 'react'
import type { AppErrorData } from '../../../../shared/domain/errors'
import type { ProviderId } from '../../../../shared/domain/ids'
import type { GenerationParams, Project, Segment, Take } from '../../../../shared/domain/project'
import { piecesSpan, segmentPieces } from '../../../../shared/domain/placement'
import { formatTimecode } from '../../lib/timecode'
import type { EditorAction, Selection } from '../../state/editor'
import { InterruptedList } from '../jobs/InterruptedList'
import { useGenerationJobs } from '../jobs/useGenerationJobs'
import { TakesList } from '../takes/TakesList'
import { useTakeAudition } from '../takes/useTakeAudition'
import { AnchorField } from './AnchorField'
import { GeneratePanel } from './GeneratePanel'
import { clampParams, controlsFor, effectiveProvider } from './providerParams'
import { usePrepareAhead } from './prepareAhead'
import { generationRequest } from './segmentSource'
import { useProviders } from './useProviders'

export interface InspectorProps {
  project: Project
  selection: Selection
  dispatch: Dispatch<EditorAction>
  onError: (title: string, error: AppErrorData) => void
  onOpenSettings: (provider: ProviderId) => void
  /** While Settings is open keys may change: the provider list is asked again when it closes. */
  settingsOpen?: boolean
  /** In-context audition from the playback engine, when there is one; else a take plays alone. */
  onAudition?: (segmentId: string, takeId: string) => void
}

export function Inspector({
  project,
  selection,
  dispatch,
  onError,
  onOpenSettings,
  settingsOpen,
  onAudition,
}: InspectorProps) {
  const { providers } = useProviders(settingsOpen)
  const alone = useTakeAudition()
  const jobs = useGenerationJobs({
    onTakes: (segmentId, takes) => dispatch({ type: 'takesAdded', segmentId, takes }),
    onFailed: (error, provider) => {
      if (error.code === 'CANCELLED') return
      onError('Generation failed', error)
      if (error.code === 'PROVIDER_AUTH') onOpenSettings(provider)
    },
  })
  const commitParams = useCallback(
    (segmentId: string, params: Partial<GenerationParams>) =>
      dispatch({ type: 'segmentParamsChanged', segmentId, params }),
    [dispatch],
  )
  const segment = selection?.kind === 'segment' ? project.segments.find((s) => s.id === selection.id) : undefined

  /** The segment's committed settings as its provider will be asked, in the mode it is in. */
  const requestFor = (seg: Segment, change: Partial<GenerationParams> = {}) => {
    const provider = providers ? effectiveProvider(providers, seg.params.provider) : null
    if (!provider) return null
    const c = controlsFor(provider.capabilities)
    const text = c.textOnlyForced || (c.textOnlyToggle && seg.params.textOnly)
    const built = generationRequest(project, seg, clampParams({ ...seg.params, ...change }, provider), text)
    return built.ok ? built.request : null
  }
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
              onChoose={(takeId) => dispatch({ type: 'activeTakeChosen', segmentId: segment.id, takeId })}
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
