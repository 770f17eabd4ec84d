// The ffmpeg and ffprobe an installer ships (electron-builder unpacks them from node_modules, see asarUnpack):
// where they are for a target, and what is wrong with them. A build is refused when either is missing, not
// executable by every user (an app installed under /opt by root must run them as anyone), or made for another
// OS or CPU than the target (npm installs only the host's binaries). The file system comes in, so it is tested
// on crafted files.
import { chmodSync, closeSync, openSync, readSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { binaryKind, FORMAT_OF_PLATFORM, HEADER_BYTES, type BuilderArch } from './binaryArch'

export type TargetPlatform = keyof typeof FORMAT_OF_PLATFORM
export interface Target {
  platform: TargetPlatform
  arch: BuilderArch
}
export type Tool = 'ffmpeg' | 'ffprobe'

export interface BinaryFs {
  /** The file's mode bits, or null when there is no such file. */
  mode(path: string): number | null
  readHeader(path: string): Uint8Array
  chmod(path: string, mode: number): void
}

export const nodeBinaryFs: BinaryFs = {
  mode(path) {
    const info = statSync(path, { throwIfNoEntry: false })
    return info?.isFile() ? info.mode & 0o7777 : null
  },
  readHeader(path) {
    const fd = openSync(path, 'r')
    try {
      const buffer = Buffer.alloc(HEADER_BYTES)
      return buffer.subarray(0, readSync(fd, buffer, 0, HEADER_BYTES, 0))
    } finally {
      closeSync(fd)
    }
  },
  chmod: (path, mode) => chmodSync(path, mode),
}

/** Read and execute for owner, group and others. */
const EVERYONE_RX = 0o555

/** Where ffmpeg-static and @ffprobe-installer/<platform>-<arch> put the binaries electron-builder packs. */
export function bundledBinaryPaths(root: string, { platform, arch }: Target): Record<Tool, string> {
  const exe = platform === 'win32' ? '.exe' : ''
  const npmArch = arch === 'armv7l' ? 'arm' : arch
  return {
    ffmpeg: join(root, 'node_modules', 'ffmpeg-static', `ffmpeg${exe}`),
    ffprobe: join(root, 'node_modules', '@ffprobe-installer', `${platform}-${npmArch}`, `ffprobe${exe}`),
  }
}

/** What is wrong with one bundled binary for this target ([] when it is fit to ship). */
export function binaryProblems(tool: Tool, path: string, target: Target, fs: BinaryFs): string[] {
  const where = `${target.platform}-${target.arch}`
  const mode = fs.mode(path)
  if (mode === null) {
    return [`${tool} for ${where} is missing (${path}). Install the dependencies with npm ci on a ${where} machine.`]
  }
  const problems: string[] = []
  // Windows has no mode bits to keep; everywhere else the installed app runs it as whoever uses it.
  if (target.platform !== 'win32' && (mode & EVERYONE_RX) !== EVERYONE_RX) {
    problems.push(
      `${tool} is not executable by every user (mode ${mode.toString(8).padStart(4, '0')}): chmod 755 "${path}"`,
    )
  }
  const kind = binaryKind(fs.readHeader(path))
  const format = FORMAT_OF_PLATFORM[target.platform]
  if (!kind) problems.push(`${tool} is not an executable this check knows (${path}).`)
  else if (kind.format !== format)
    problems.push(`${tool} is a ${kind.format} executable, not ${format} for ${target.platform} (${path}).`)
  else if (!kind.archs.includes(target.arch)) {
    problems.push(
      `${tool} is built for ${kind.archs.join(' + ')}, not ${target.arch} (${path}). Build ${where} on a ${where} machine.`,
    )
  }
  return problems
}

/** Every problem with the target's ffmpeg and ffprobe. */
export function checkBundledBinaries(root: string, target: Target, fs: BinaryFs = nodeBinaryFs): string[] {
  const paths = bundledBinaryPaths(root, target)
  return (['ffmpeg', 'ffprobe'] as const).flatMap((tool) => binaryProblems(tool, paths[tool], target, fs))
}

/**
 * Adds read and execute for everyone where the owner has execute (ffprobe's npm package does `chmod u+x` only).
 * Returns what was changed; a file this user may not change is left for the check to refuse.
 */
export function makeExecutableByAll(root: string, target: Target, fs: BinaryFs = nodeBinaryFs): string[] {
  if (target.platform === 'win32') return []
  const changed: string[] = []
  for (const path of Object.values(bundledBinaryPaths(root, target))) {
    const mode = fs.mode(path)
    if (mode === null || (mode & 0o100) === 0 || (mode & EVERYONE_RX) === EVERYONE_RX) continue
    try {
      fs.chmod(path, mode | EVERYONE_RX)
      changed.push(path)
    } catch {
      // Not ours to change (e.g. installed by root): the check says what to run.
    }
  }
  return changed
}
