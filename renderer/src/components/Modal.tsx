// A modal dialog: a backdrop, and the dialog itself named by its title. Keys pressed in it stay in it (S must
// not split a clip behind it, Escape must not deselect); Escape closes it unless `canClose` says it cannot now.
import type { ReactNode, RefObject } from 'react'

export interface ModalProps {
  /** The id of the element that names the dialog (its title). */
  labelledBy: string
  className: string
  onClose: () => void
  /** False while the dialog must stay open (work under way). */
  canClose?: boolean
  /** An alert dialog asks something that must be answered. */
  role?: 'dialog' | 'alertdialog'
  dialogRef?: RefObject<HTMLDivElement | null>
  children: ReactNode
}

export function Modal({
  labelledBy,
  className,
  onClose,
  canClose = true,
  role = 'dialog',
  dialogRef,
  children,
}: ModalProps) {
  return (
    <div className="modal-backdrop">
      {/* biome-ignore lint/a11y/noStaticElementInteractions lint/a11y/useAriaPropsSupportedByRole: the role is a prop, always dialog or alertdialog (both are modal and take keys); the linter cannot see it */}
      <div
        className={`modal ${className}`}
        role={role}
        aria-modal="true"
        aria-labelledby={labelledBy}
        tabIndex={-1}
        ref={dialogRef}
        onKeyDown={(e) => {
          e.stopPropagation()
          if (e.key === 'Escape' && canClose) onClose()
        }}
      >
        {children}
      </div>
    </div>
  )
}
