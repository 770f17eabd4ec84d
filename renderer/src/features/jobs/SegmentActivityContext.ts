// Each segment's running or failed generation, for the lanes (the App follows the jobs; see jobState.ts).
import { createContext } from 'react'
import type { SegmentActivity } from './jobState'

export const SegmentActivityContext = createContext<ReadonlyMap<string, SegmentActivity>>(new Map())
