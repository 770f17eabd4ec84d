// The top bar's project controls: the name with its unsaved-changes dot, New, Open…, Save and Recent.
import { useEffect, useRef, useState } from 'react'
import type { ProjectFile } from './useProjectFile'
import './project.css'
import { recentLabels } from './projectStatus'

export function ProjectTitle({ name, dirty }: { name: string; dirty: boolean }) {
  return (
    <span className="project-name" data-testid="project-title" title={dirty ? 'Unsaved changes' : 'All changes saved'}>
      {dirty && (
        <span className="dirty-dot" role="img" aria-label="Unsaved changes">
          •{' '}
        </span>
      )}
      {name}
    </span>
  )
}

export function ProjectMenu({ projectFile: p }: { projectFile: ProjectFile }) {
  const [recentOpen, setRecentOpen] = useState(false)
  const menuRef = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (!recentOpen) return
    const close = (e: PointerEvent) => {
      if (!menuRef.current?.contains(e.target as Node)) setRecentOpen(false)
    }
    const closeOnEscape = (e: KeyboardEvent) => e.key === 'Escape' && setRecentOpen(false)
    window.addEventListener('pointerdown', close)
    window.addEventListener('keydown', closeOnEscape)
    return () => {
      window.removeEventListener('pointerdown', close)
      window.removeEventListener('keydown', closeOnEscape)
    }
  }, [recentOpen])

  return (
    <div className="project-menu">
      <button type="button" className="tool" onClick={p.newProject} title="New project (Ctrl/Cmd+N)">
        New
      </button>
      <button type="button" className="tool" onClick={p.open} title="Open a project (Ctrl/Cmd+O)">
        Open…
      </button>
      <button type="button" className="tool" onClick={p.save} title="Save (Ctrl/Cmd+S) · Save As: Shift+Ctrl/Cmd+S">
        Save
      </button>
      <div className="recent" ref={menuRef}>
        <button
          type="button"
          className="tool"
          aria-haspopup="menu"
          aria-expanded={recentOpen}
          onClick={() => {
            if (!recentOpen) p.refreshRecent()
            setRecentOpen(!recentOpen)
          }}
        >
          Recent ▾
        </button>
        {recentOpen && (
          <div className="recent-list" role="menu" aria-label="Recent projects">
            {p.recent.length === 0 && (
              <div className="recent-empty">No recent projects yet. Saved and opened projects appear here.</div>
            )}
            {recentLabels(p.recent).map(({ entry, label }) => (
              <button
                type="button"
                key={entry.path}
                role="menuitem"
                className={`recent-item${entry.exists ? '' : ' gone'}`}
                title={entry.exists ? entry.path : `${entry.path} (not found)`}
                onClick={() => {
                  setRecentOpen(false)
                  p.openPath(entry.path)
                }}
              >
                <span className="recent-name">{label}</span>
                <span className="recent-path">{entry.exists ? entry.path : 'not found'}</span>
              </button>
            ))}
          </div>
        )}
      </div>
    </div>
  )
}
