import type { AppServices } from '../../app/services'
import type { Handlers } from '../handle'

export function generateHandlers(s: AppServices) {
  return {
    'providers:list': () => s.generation.providers(),
    'audio:estimate': (request) => s.generation.estimate(request),
    'audio:generate': (request) => s.generation.start(request),
    'audio:prepare': (input) => s.generation.prepare(input),
    'audio:regenerateChunk': (input) => s.generation.regenerateChunk(input),
    'audio:interrupted': () => s.generation.interrupted(),
  } satisfies Partial<Handlers>
}
