// Test helper run as its own process: saves a large project over and over (as the app does on Save), with the
// app's leftover ledger open, until it is killed. Args: <data dir> <project file>.
import { openLeftoverLedger } from '../../../electron/media/leftovers'
import { saveProjectFile } from '../../../electron/project/projectFile'
import {
  DEFAULT_GENERATION,
  DEFAULT_ORIGINAL_AUDIO,
  DEFAULT_TAKE_MIX,
  PROJECT_VERSION,
  type Project,
} from '../../../shared/domain/project'
import { join } from 'node:path'

const [dataDir, file] = process.argv.slice(2) as [string, string]
openLeftoverLedger(join(dataDir, 'leftovers'))
const take = (i: number) => ({
  id: `t${i}`,
  provider: 'fal' as const,
  seed: i,
  path: `/takes/t${i}.wav`,
  durationSec: 1,
  requestIds: ['r'.repeat(200)],
  createdAt: '2026-01-01T00:00:00Z',
  mix: DEFAULT_TAKE_MIX,
})
const project: Project = {
  version: PROJECT_VERSION,
  id: 'big',
  name: 'Big',
  assets: [],
  clips: [],
  original: DEFAULT_ORIGINAL_AUDIO,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  segments: Array.from({ length: 400 }, (_, s) => ({
    id: `s${s}`,
    anchor: { kind: 'timeline', startSec: s, endSec: s + 1 },
    lane: 0,
    params: { ...DEFAULT_GENERATION, prompt: 'p'.repeat(1500) },
    activeTakeId: null,
    takes: Array.from({ length: 8 }, (_, t) => take(s * 8 + t)),
  })),
}

for (;;) {
  await saveProjectFile(file, project)
  process.stdout.write('saved\n')
}
