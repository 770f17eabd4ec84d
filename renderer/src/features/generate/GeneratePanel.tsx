// The Generate panel of the selected segment: provider (only those with a key), the settings that provider
// has, the cost before sending, Generate (Ctrl/Cmd+Enter), and the segment's running jobs with progress.
import { useEffect, useRef } from 'react'
import type { ProviderInfo } from '../../../../shared/domain/generation'
import type { ProviderId } from '../../../../shared/domain/ids'
import type { GenerationParams, Project, Segment } from '../../../../shared/domain/project'
import { JobProgress } from '../jobs/JobProgress'
import { jobsOfSegment } from '../jobs/jobState'
import type { GenerationJobs } from '../jobs/useGenerationJobs'
import { useCutsOf } from '../shots/useShots'
import { GenerateFields } from './GenerateFields'
import { clampParams, controlsFor, effectiveProvider, SEED_RANGE, usableProviders } from './providerParams'
import { generationRequest } from './segmentSource'
import { useEstimate } from './useEstimate'
import { useParamDraft } from './useParamDraft'

export interface GeneratePanelProps {
  project: Project
  segment: Segment
  providers: readonly ProviderInfo[] | null
  textOnly: boolean
  onTextOnlyChange: (segmentId: string, on: boolean) => void
  commitParams: (segmentId: string, change: Partial<GenerationParams>) => void
  /** Attaches the segment to the picture it is generated from (one in timeline time over one clip). */
  onAnchor: (segmentId: string, attach: boolean) => void
  jobs: GenerationJobs
  onOpenSettings: (provider: ProviderId) => void
}

const randomSeed = () => Math.floor(Math.random() * (SEED_RANGE.max + 1))
const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform)

export function GeneratePanel(props: GeneratePanelProps) {
  const { project, segment, providers, jobs, onOpenSettings } = props
  const { params: draftParams, edit, flush } = useParamDraft(segment, props.commitParams)
  const provider = providers ? effectiveProvider(providers, draftParams.provider) : null
  const controls = provider ? controlsFor(provider.capabilities) : null
  const params = provider ? clampParams(draftParams, provider) : draftParams
  const textOnly = controls ? controls.textOnlyForced || (controls.textOnlyToggle && props.textOnly) : props.textOnly
  const cutsOf = useCutsOf()
  const built = provider ? generationRequest(project, segment, params, textOnly, cutsOf) : null
  const estimate = useEstimate(built?.ok ? built.request : null)
  const running = jobsOfSegment(jobs.state, segment.id)
  const canGenerate = built?.ok === true

  const generate = () => {
    if (!built?.ok) return
    flush()
    if (built.attaches) props.onAnchor(segment.id, true)
    void jobs.start({
      kind: 'generate',
      request: built.request,
      label: `${params.takes} take${params.takes === 1 ? '' : 's'}`,
    })
  }
  const generateRef = useRef(generate)
  generateRef.current = generate
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault()
        generateRef.current()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  if (providers && !provider) {
    return (
      <section className="generate" aria-label="Generate">
        <p className="muted">No provider has an API key yet.</p>
        <button type="button" className="link" onClick={() => onOpenSettings(segment.params.provider)}>
          Set a key in Settings
        </button>
      </section>
    )
  }
  return (
    <section className="generate" aria-label="Generate">
      {provider && controls && (
        <>
          <div className="field">
            <span className="field-label">Provider</span>
            <span className="field-row">
              <select
                aria-label="Provider"
                value={provider.id}
                onChange={(e) => edit({ provider: e.target.value as ProviderId }, true)}
              >
                {usableProviders(providers ?? []).map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.label}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="link"
                onClick={() => onOpenSettings(provider.id)}
                title="Add or change provider keys"
              >
                Keys…
              </button>
            </span>
          </div>
          {controls.textOnlyToggle && (
            <label className="check field" title="Generate from the prompt alone, e.g. an ambience bed">
              <input
                type="checkbox"
                checked={textOnly}
                onChange={(e) => props.onTextOnlyChange(segment.id, e.target.checked)}
              />
              Text only (no picture)
            </label>
          )}
          {controls.textOnlyForced && (
            <p className="muted note">{provider.label} generates from text only: describe the sound.</p>
          )}
          {textOnly && (
            <label
              className="check field"
              title="Generate one window and repeat it over the whole segment, each repeat crossfading into the next: a bed of any length from one call"
            >
              <input type="checkbox" checked={params.loop} onChange={(e) => edit({ loop: e.target.checked }, true)} />
              Loop (one window, repeated seamlessly)
            </label>
          )}
          <GenerateFields
            params={params}
            controls={controls}
            textOnly={textOnly}
            edit={edit}
            onBlur={flush}
            randomSeed={randomSeed}
          />
        </>
      )}
      <div className="generate-footer">
        <div className="cost" data-testid="cost" aria-live="polite">
          {built && !built.ok ? <span className="field-warn">{built.message}</span> : estimate?.text}
        </div>
        <button
          type="button"
          className="primary"
          disabled={!canGenerate}
          onClick={generate}
          title={`${isMac ? 'Cmd' : 'Ctrl'}+Enter`}
        >
          Generate {params.takes} take{params.takes === 1 ? '' : 's'}
        </button>
      </div>
      {running.map((job) => (
        <JobProgress
          key={job.jobId}
          job={job}
          onCancel={jobs.cancel}
          onDismiss={jobs.dismiss}
          onOpenSettings={onOpenSettings}
        />
      ))}
    </section>
  )
}
