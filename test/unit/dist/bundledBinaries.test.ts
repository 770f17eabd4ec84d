// The packaging check on real and crafted executables: the header parser (ELF e_machine, Mach-O cputype thin and
// fat, PE machine) and the refusal of a bundled ffmpeg/ffprobe that is missing, owner-only, or for another OS or
// CPU than the target. Crafted files live in a temp folder laid out like node_modules.
import { arch as hostArch } from 'node:os'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { binaryKind } from '../../../scripts/dist/binaryArch'
import {
  bundledBinaryPaths,
  checkBundledBinaries,
  makeExecutableByAll,
  nodeBinaryFs,
  type Target,
} from '../../../scripts/dist/bundledBinaries'

function elf(machine: number): Buffer {
  const b = Buffer.alloc(64)
  b.writeUInt32BE(0x7f454c46, 0)
  b[4] = 2 // 64-bit
  b[5] = 1 // little-endian
  b.writeUInt16LE(machine, 18)
  return b
}
function machO(cpu: number): Buffer {
  const b = Buffer.alloc(32)
  b.writeUInt32LE(0xfeedfacf, 0)
  b.writeUInt32LE(cpu, 4)
  return b
}
function fat(cpus: number[]): Buffer {
  const b = Buffer.alloc(8 + cpus.length * 20)
  b.writeUInt32BE(0xcafebabe, 0)
  b.writeUInt32BE(cpus.length, 4)
  cpus.forEach((cpu, i) => {
    b.writeUInt32BE(cpu, 8 + i * 20)
  })
  return b
}
function pe(machine: number): Buffer {
  const b = Buffer.alloc(0x100)
  b.write('MZ', 0, 'ascii')
  b.writeUInt32LE(0x80, 0x3c)
  b.write('PE\0\0', 0x80, 'latin1')
  b.writeUInt16LE(machine, 0x84)
  return b
}
const X64 = 0x01000007
const ARM64 = 0x0100000c

describe('binaryKind', () => {
  it('reads real ELF executables: this machine’s ffmpeg and ffprobe', () => {
    const expected = { x64: 'x64', arm64: 'arm64' }[hostArch() as 'x64' | 'arm64']
    // The system's, and (on Linux) the static ffprobe the npm package installed.
    const npmFfprobe = join(import.meta.dirname, `../../../node_modules/@ffprobe-installer/linux-${hostArch()}/ffprobe`)
    for (const path of ['/usr/bin/ffmpeg', '/usr/bin/ffprobe', ...(existsSync(npmFfprobe) ? [npmFfprobe] : [])]) {
      expect(binaryKind(nodeBinaryFs.readHeader(path)), path).toEqual({ format: 'elf', archs: [expected] })
    }
  })

  it('reads ELF e_machine, Mach-O cputype (thin, fat and fat64) and PE machine', () => {
    expect(binaryKind(elf(0xb7))).toEqual({ format: 'elf', archs: ['arm64'] })
    expect(binaryKind(elf(0x28))).toEqual({ format: 'elf', archs: ['armv7l'] })
    expect(binaryKind(machO(X64))).toEqual({ format: 'macho', archs: ['x64'] })
    expect(binaryKind(machO(ARM64))).toEqual({ format: 'macho', archs: ['arm64'] })
    expect(binaryKind(fat([X64, ARM64]))).toEqual({ format: 'macho', archs: ['x64', 'arm64'] })
    const fat64 = Buffer.alloc(8 + 32)
    fat64.writeUInt32BE(0xcafebabf, 0)
    fat64.writeUInt32BE(1, 4)
    fat64.writeUInt32BE(ARM64, 8)
    expect(binaryKind(fat64)).toEqual({ format: 'macho', archs: ['arm64'] })
    expect(binaryKind(pe(0x8664))).toEqual({ format: 'pe', archs: ['x64'] })
    expect(binaryKind(pe(0xaa64))).toEqual({ format: 'pe', archs: ['arm64'] })
    expect(binaryKind(elf(0x1234))).toEqual({ format: 'elf', archs: ['unknown(0x1234)'] })
  })

  it('knows what is not an executable: text, a Java class (same magic as fat Mach-O), a DOS stub without PE', () => {
    expect(binaryKind(Buffer.from('#!/bin/sh\necho ffmpeg\n'))).toBeNull()
    expect(binaryKind(Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0x00, 0x00, 0x00, 0x34]))).toBeNull()
    expect(binaryKind(Buffer.from(`MZ${'\0'.repeat(100)}`))).toBeNull()
    expect(binaryKind(Buffer.alloc(2))).toBeNull()
  })
})

/** A node_modules with the two binaries as the test lays them out. */
function project(
  files: Partial<Record<'ffmpeg' | 'ffprobe', { bytes: Buffer; mode: number }>>,
  target: Target,
): string {
  const root = mkdtempSync(join(tmpdir(), 'dist-check-'))
  const paths = bundledBinaryPaths(root, target)
  for (const [tool, file] of Object.entries(files)) {
    const path = paths[tool as 'ffmpeg' | 'ffprobe']
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, file.bytes)
    chmodSync(path, file.mode)
  }
  return root
}

describe('checkBundledBinaries', () => {
  const linux: Target = { platform: 'linux', arch: 'x64' }

  it('passes the right binaries, executable by everyone', () => {
    const root = project(
      { ffmpeg: { bytes: elf(0x3e), mode: 0o755 }, ffprobe: { bytes: elf(0x3e), mode: 0o755 } },
      linux,
    )
    expect(checkBundledBinaries(root, linux)).toEqual([])
  })

  it('refuses an ffprobe only its owner can run (what the npm package leaves), until made executable by all', () => {
    const root = project(
      { ffmpeg: { bytes: elf(0x3e), mode: 0o755 }, ffprobe: { bytes: elf(0x3e), mode: 0o744 } },
      linux,
    )
    const [problem, ...rest] = checkBundledBinaries(root, linux)
    expect(rest).toEqual([])
    expect(problem).toMatch(/^ffprobe is not executable by every user \(mode 0744\): chmod 755 ".*linux-x64\/ffprobe"$/)
    expect(makeExecutableByAll(root, linux)).toEqual([bundledBinaryPaths(root, linux).ffprobe])
    expect(statSync(bundledBinaryPaths(root, linux).ffprobe).mode & 0o777).toBe(0o755)
    expect(checkBundledBinaries(root, linux)).toEqual([])
  })

  it('refuses a missing binary and one for another CPU (one mac build per arch)', () => {
    const arm: Target = { platform: 'darwin', arch: 'arm64' }
    const root = project({ ffmpeg: { bytes: machO(X64), mode: 0o755 } }, arm)
    const problems = checkBundledBinaries(root, arm)
    expect(problems).toHaveLength(2)
    expect(problems[0]).toMatch(
      /^ffmpeg is built for x64, not arm64 .* Build darwin-arm64 on a darwin-arm64 machine\.$/,
    )
    expect(problems[1]).toMatch(/^ffprobe for darwin-arm64 is missing \(.*@ffprobe-installer\/darwin-arm64\/ffprobe\)/)
    // A universal binary serves either arch.
    const universal = project(
      { ffmpeg: { bytes: fat([X64, ARM64]), mode: 0o755 }, ffprobe: { bytes: machO(ARM64), mode: 0o755 } },
      arm,
    )
    expect(checkBundledBinaries(universal, arm)).toEqual([])
  })

  it('refuses a binary for another OS; on Windows looks for .exe and does not ask for mode bits', () => {
    const root = project(
      { ffmpeg: { bytes: elf(0x3e), mode: 0o755 }, ffprobe: { bytes: machO(X64), mode: 0o755 } },
      linux,
    )
    expect(checkBundledBinaries(root, linux)).toEqual([
      expect.stringMatching(/^ffprobe is a macho executable, not elf for linux/),
    ])
    const win: Target = { platform: 'win32', arch: 'x64' }
    const winRoot = project(
      { ffmpeg: { bytes: pe(0x8664), mode: 0o644 }, ffprobe: { bytes: pe(0x8664), mode: 0o644 } },
      win,
    )
    expect(bundledBinaryPaths(winRoot, win).ffprobe.endsWith(join('win32-x64', 'ffprobe.exe'))).toBe(true)
    expect(checkBundledBinaries(winRoot, win)).toEqual([])
  })
})
