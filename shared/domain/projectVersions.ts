// Project files of earlier versions, read and brought up to the current one. PURE.
//
// Version 1 kept every segment in timeline time. Read now, a segment that lies over one clip (and is not text
// only) is attached to that clip's picture, stored in its source time; the rest (text-only beds, ranges over a
// gap or across a cut) stay in timeline time. Nothing moves: each sounds where it did.
import { z } from 'zod'
import { anchorForRange } from './placement'
import { Project, PROJECT_VERSION, Segment } from './project'

const SegmentV1 = Segment.omit({ anchor: true }).extend({
  startSec: z.number().nonnegative(),
  endSec: z.number().positive(),
})

const ProjectV1 = Project.extend({ version: z.literal(1), segments: z.array(SegmentV1) })
type ProjectV1 = z.infer<typeof ProjectV1>

export function upgradeFromV1(old: ProjectV1): Project {
  return {
    ...old,
    version: PROJECT_VERSION,
    segments: old.segments.map(({ startSec, endSec, ...segment }) => ({
      ...segment,
      anchor: anchorForRange(old.clips, { startSec, endSec }, !segment.params.textOnly),
    })),
  }
}

/** The versions this app reads (older ones are upgraded as they are read). */
export const READABLE_PROJECT_VERSIONS: readonly number[] = [1, PROJECT_VERSION]

/** A stored project of any readable version, as the current version; the issues name the first problem. */
export function parseStoredProject(raw: unknown): z.ZodSafeParseResult<Project> {
  if ((raw as { version?: unknown } | null)?.version === 1) {
    const old = ProjectV1.safeParse(raw)
    if (old.success) return { success: true, data: upgradeFromV1(old.data) }
    return { success: false, error: old.error as unknown as z.ZodError<Project> }
  }
  return Project.safeParse(raw)
}

/** A zod schema for a stored project of any readable version (for records that embed one, like autosaves). */
export const StoredProject = z.unknown().transform((raw, ctx) => {
  const parsed = parseStoredProject(raw)
  if (parsed.success) return parsed.data
  for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, code: 'custom', message: issue.message })
  return z.NEVER
})
