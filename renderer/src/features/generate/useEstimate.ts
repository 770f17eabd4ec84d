// The cost of a request before it is sent, asked of main (audio:estimate) once the fields stop changing.
import { useEffect, useState } from 'react'
import type { GenerationRequest } from '../../../../shared/domain/generation'
import { invoke } from '../../lib/ipc'
import { costText } from './costText'

export type EstimateLine = { kind: 'cost' | 'error' | 'pending'; text: string }

export const ESTIMATE_DEBOUNCE_MS = 250

export function useEstimate(request: GenerationRequest | null): EstimateLine | null {
  const [line, setLine] = useState<EstimateLine | null>(null)
  const key = request ? JSON.stringify(request) : ''
  useEffect(() => {
    // The request as its text: a new object with the same contents is the same estimate.
    const asked = key ? (JSON.parse(key) as GenerationRequest) : null
    if (!asked) return setLine(null)
    let live = true
    setLine((l) => (l?.kind === 'cost' ? l : { kind: 'pending', text: 'Estimating…' }))
    const timer = setTimeout(() => {
      void invoke('audio:estimate', asked).then((r) => {
        if (live) setLine(r.ok ? { kind: 'cost', text: costText(r.data) } : { kind: 'error', text: r.error.message })
      })
    }, ESTIMATE_DEBOUNCE_MS)
    return () => {
      live = false
      clearTimeout(timer)
    }
    // The request is compared by value: a new object with the same content asks nothing again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key])
  return line
}
