// Every text file of a hand-off pack, each from its own writer. PURE. A writer that cannot describe this
// timeline says so in a sentence that names the format, before any sound is rendered.
import { AppError, isAppError } from '../../../shared/domain/errors'
import { fcpxml } from './fcpxml'
import { mltXml } from './mlt'
import { otioJson } from './otio'
import type { HandoffPlan } from './plan'
import { readmeText } from './readme'
import { xmeml } from './xmeml'

export interface PackText {
  path: string
  text: string
  /** The format's name, for sentences and the result. */
  format: string
}

export function packTexts(plan: HandoffPlan): PackText[] {
  const t = plan.timelines
  const writers: Array<[string, string, (p: HandoffPlan) => string]> = [
    [t.fcpxml, 'FCPXML 1.10', fcpxml],
    [t.xmeml, 'Premiere XML', xmeml],
    [t.otio, 'OpenTimelineIO', otioJson],
    [t.mlt, 'MLT XML', mltXml],
    [t.readme, 'README', readmeText],
  ]
  return writers.map(([path, format, write]) => {
    try {
      return { path, format, text: write(plan) }
    } catch (error) {
      if (isAppError(error))
        throw new AppError(error.code, `The ${format} file cannot be written: ${error.message}`, { cause: error })
      throw new AppError(
        'INTERNAL',
        `The ${format} file cannot be written: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      )
    }
  })
}
