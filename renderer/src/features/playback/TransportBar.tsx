// The monitor's transport buttons: the same actions as J, K, L and Space.
import { usePlayback } from './PlaybackProvider'

export function TransportBar() {
  const playback = usePlayback()
  const { rate } = playback
  return (
    <div className="transport" role="toolbar" aria-label="Transport">
      <button
        type="button"
        className={`tool${rate < 0 ? ' on' : ''}`}
        onClick={() => playback.shuttle('reverse')}
        title="Play backwards, picture only (J; again for 2×)"
        aria-label="Play backwards"
      >
        ◀◀
      </button>
      <button
        type="button"
        className="tool"
        onClick={() => playback.shuttle('stop')}
        title="Stop (K)"
        aria-label="Stop"
      >
        ■
      </button>
      <button
        type="button"
        className={`tool play${rate > 0 ? ' on' : ''}`}
        onClick={playback.toggle}
        title="Play / pause with the mix as export renders it (Space)"
        aria-label={playback.playing ? 'Pause' : 'Play'}
        data-testid="play-button"
      >
        {playback.playing ? '❚❚' : '▶'}
      </button>
      <button
        type="button"
        className={`tool${rate === 2 ? ' on' : ''}`}
        onClick={() => playback.shuttle('forward')}
        title="Play forwards (L; again for 2×)"
        aria-label="Play forwards"
      >
        ▶▶
      </button>
      <span className="transport-rate" aria-live="polite">
        {rate === 0 ? '' : `${rate > 0 ? '' : '−'}${Math.abs(rate)}×`}
      </span>
    </div>
  )
}
