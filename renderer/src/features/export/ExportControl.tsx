// The Export button in the top bar, Ctrl/Cmd+E and the menu's File → Export, all opening the export dialog.
import { useCallback, useEffect, useState } from 'react'
import type { Project } from '../../../../shared/domain/project'
import { on } from '../../lib/ipc'
import { isExportKey } from '../project/fileShortcuts'
import { ExportDialog } from './ExportDialog'

export function ExportControl({ project }: { project: Project }) {
  const [open, setOpen] = useState(false)
  const show = useCallback(() => setOpen(true), [])
  useEffect(() => on('menu:command', ({ command }) => command === 'export' && show()), [show])
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isExportKey(e)) return
      e.preventDefault()
      show()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [show])
  return (
    <>
      <button onClick={show} title="Export the video with its mix, stems, or a hand-off pack for your editor (Ctrl/Cmd+E)">
        Export…
      </button>
      {open && <ExportDialog project={project} onClose={() => setOpen(false)} />}
    </>
  )
}
