// A running job in words (PURE): what it is doing now, for the line above its progress bar.
import type { JobUpdate } from '../../../../shared/domain/job'

const pct = (p: number | null) => (p === null ? '' : ` ${Math.round(p * 100)} %`)

export function jobStageText(u: Pick<JobUpdate, 'status' | 'stage' | 'progress' | 'queuePosition' | 'error'>): string {
  if (u.status === 'succeeded') return 'Done'
  if (u.status === 'cancelled') return 'Cancelled'
  if (u.status === 'failed') return u.error?.message ?? 'Failed'
  switch (u.stage) {
    case 'preparing':
      return 'Preparing the picture'
    case 'uploading':
      return `Uploading${pct(u.progress)}`
    case 'queued':
      // The provider counts from 0: position 0 is next in line.
      if (u.queuePosition === undefined) return 'In queue'
      return u.queuePosition === 0
        ? 'In queue — next in line'
        : `In queue — position ${u.queuePosition + 1} (${u.queuePosition} ahead)`
    case 'generating':
      return `Generating${pct(u.progress)}`
    case 'downloading':
      return `Downloading${pct(u.progress)}`
    case 'mixing':
      return 'Joining the chunks'
    default:
      return `${u.stage[0]!.toUpperCase()}${u.stage.slice(1)}${pct(u.progress)}`
  }
}
