// The Inspector as the App gives it: with the generation jobs the App follows, and their ends answered as the App
// answers them (takes into the project, failures to onError, a rejected key to Settings).
import type { AppErrorData } from '../../../shared/domain/errors'
import { Inspector, type InspectorProps } from '../../../renderer/src/features/generate/Inspector'
import { editorGenerationEnds, useGenerationJobs } from '../../../renderer/src/features/jobs/useGenerationJobs'

export function InspectorWithJobs({
  onError,
  ...props
}: Omit<InspectorProps, 'jobs'> & { onError: (title: string, error: AppErrorData) => void }) {
  const jobs = useGenerationJobs(editorGenerationEnds(props.dispatch, onError, props.onOpenSettings))
  return <Inspector {...props} jobs={jobs} />
}
