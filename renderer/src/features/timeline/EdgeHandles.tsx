// The two grips at the ends of a block on the timeline (a clip's trim, a segment's resize). A press on one is
// the block's edge, not the block: it does not start a move.
import type { PointerEvent as ReactPointerEvent } from 'react'
import type { Edge } from '../../state/clipEdits'

interface EdgeHandlesProps {
  /** Test ids of the start and end grips. */
  testIds: readonly [string, string]
  onGrab: (e: ReactPointerEvent, edge: Edge) => void
}

export function EdgeHandles({ testIds, onGrab }: EdgeHandlesProps) {
  const grip = (edge: Edge, testId: string) => (
    <div
      className={`handle handle-${edge}`}
      data-testid={testId}
      onPointerDown={(e) => {
        e.stopPropagation()
        onGrab(e, edge)
      }}
    />
  )
  return (
    <>
      {grip('start', testIds[0])}
      {grip('end', testIds[1])}
    </>
  )
}
