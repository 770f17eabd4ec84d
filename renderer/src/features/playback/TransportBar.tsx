// The monitor's transport buttons: the same actions as J, K, L and Space.
import type { ReactNode } from 'react'
import { usePlayback } from './PlaybackProvider'

export function TransportBar() {
  const playback = usePlayback()
  const { rate } = playback
  return (
    <div className="transport" role="toolbar" aria-label="Transport">
      <ToolButton
        label="Play backwards"
        title="Play backwards, picture only (J; again for 2×)"
        on={rate < 0}
        onClick={() => playback.shuttle('reverse')}
      >
        ◀◀
      </ToolButton>
      <ToolButton label="Stop" title="Stop (K)" on={false} onClick={() => playback.shuttle('stop')}>
        ■
      </ToolButton>
      <ToolButton
        label={playback.playing ? 'Pause' : 'Play'}
        title="Play / pause with the mix as export renders it (Space)"
        on={rate > 0}
        className="play"
        testId="play-button"
        onClick={playback.toggle}
      >
        {playback.playing ? '❚❚' : '▶'}
      </ToolButton>
      <ToolButton
        label="Play forwards"
        title="Play forwards (L; again for 2×)"
        on={rate === 2}
        onClick={() => playback.shuttle('forward')}
      >
        ▶▶
      </ToolButton>
      <span className="transport-rate" aria-live="polite">
        {rate === 0 ? '' : `${rate > 0 ? '' : '−'}${Math.abs(rate)}×`}
      </span>
    </div>
  )
}

interface ToolButtonProps {
  label: string
  title: string
  /** Lit while its action is what the transport is doing. */
  on: boolean
  className?: string
  testId?: string
  onClick: () => void
  children: ReactNode
}

function ToolButton({ label, title, on, className, testId, onClick, children }: ToolButtonProps) {
  return (
    <button
      type="button"
      className={['tool', className, on && 'on'].filter(Boolean).join(' ')}
      onClick={onClick}
      title={title}
      aria-label={label}
      data-testid={testId}
    >
      {children}
    </button>
  )
}
