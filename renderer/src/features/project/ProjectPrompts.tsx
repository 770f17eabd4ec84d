// The questions a project asks: save changes before replacing it, and recover unsaved work after a crash.
import { Modal } from '../../components/Modal'
import { useEffect, useRef } from 'react'
import { projectDisplayName, savedAtText } from './projectStatus'
import type { ProjectFile } from './useProjectFile'

export function ProjectPrompts({ projectFile: p }: { projectFile: ProjectFile }) {
  const saveButton = useRef<HTMLButtonElement>(null)
  const { question } = p
  useEffect(() => {
    if (!question) return
    saveButton.current?.focus()
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && question.answer('cancel')
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [question])

  return (
    <>
      {p.recovery && (
        <div className="recovery-bar" role="alertdialog" aria-label="Recover unsaved changes">
          <span>
            Recover unsaved changes to “{projectDisplayName(p.recovery.path, p.recovery.project)}” from{' '}
            {savedAtText(p.recovery.savedAt, new Date())}?
          </span>
          <button type="button" onClick={p.restoreRecovery}>
            Restore
          </button>
          <button type="button" onClick={p.discardRecovery}>
            Discard
          </button>
        </div>
      )}
      {p.question && (
        <Modal
          role="alertdialog"
          labelledBy="unsaved-title"
          className="small-modal"
          onClose={() => p.question?.answer('cancel')}
        >
          <h2 id="unsaved-title">Save changes to “{p.name}”?</h2>
          <p>Your changes are lost if you don’t save them.</p>
          <div className="modal-actions">
            <button type="button" onClick={() => p.question?.answer('discard')}>
              Don’t save
            </button>
            <span className="spacer" />
            <button type="button" onClick={() => p.question?.answer('cancel')}>
              Cancel
            </button>
            <button type="button" ref={saveButton} className="primary" onClick={() => p.question?.answer('save')}>
              Save
            </button>
          </div>
        </Modal>
      )}
    </>
  )
}
