// Run by the dist scripts before electron-builder: `tsx scripts/checkBinaries.ts [platform] [arch]` (default:
// this machine). Makes the bundled ffmpeg/ffprobe executable by every user where it may, then refuses the build
// (exit 1, one line per problem) when either is missing, not executable by all, or for another OS or CPU.
import { join } from 'node:path'
import type { BuilderArch } from './dist/binaryArch'
import { checkBundledBinaries, makeExecutableByAll, type Target, type TargetPlatform } from './dist/bundledBinaries'

const PLATFORMS: readonly TargetPlatform[] = ['linux', 'darwin', 'win32']
const ARCHS: readonly BuilderArch[] = ['x64', 'arm64', 'ia32', 'armv7l']

const [platform = process.platform, rawArch = process.arch] = process.argv.slice(2)
const arch = rawArch === 'arm' ? 'armv7l' : rawArch
if (!PLATFORMS.includes(platform as TargetPlatform) || !ARCHS.includes(arch as BuilderArch)) {
  console.error(
    `checkBinaries: unknown target ${platform}-${rawArch} (platforms: ${PLATFORMS.join(', ')}; archs: ${ARCHS.join(', ')})`,
  )
  process.exit(1)
}
const target: Target = { platform: platform as TargetPlatform, arch: arch as BuilderArch }
const root = join(import.meta.dirname, '..')

for (const path of makeExecutableByAll(root, target))
  console.log(`checkBinaries: made executable by every user: ${path}`)
const problems = checkBundledBinaries(root, target)
if (problems.length > 0) {
  console.error(`checkBinaries: not building ${target.platform}-${target.arch}:`)
  for (const p of problems) console.error(`  - ${p}`)
  process.exit(1)
}
console.log(`checkBinaries: ffmpeg and ffprobe are ready for ${target.platform}-${target.arch}`)
