// Which OS format and CPU a native executable is for, read from its first bytes: ELF (Linux) e_machine, Mach-O
// (macOS) cputype, including fat/universal files with one entry per arch, and PE (Windows) machine. Pure.
// Arch names are electron-builder's (x64, arm64, ia32, armv7l).

export type BinaryFormat = 'elf' | 'macho' | 'pe'
export type BuilderArch = 'x64' | 'arm64' | 'ia32' | 'armv7l'

export interface BinaryKind {
  format: BinaryFormat
  /** Every arch the file holds (a universal Mach-O holds several); an unknown CPU is written `unknown(<code>)`. */
  archs: string[]
}

/** How many bytes to read: enough for the PE header at its usual offsets and for a fat header's entries. */
export const HEADER_BYTES = 4096

// Machine codes as the formats' specifications write them (hex).
const ELF_MACHINE: ReadonlyMap<number, BuilderArch> = new Map([
  [0x3e, 'x64'],
  [0xb7, 'arm64'],
  [0x03, 'ia32'],
  [0x28, 'armv7l'],
])
const MACHO_CPU: ReadonlyMap<number, BuilderArch> = new Map([
  [0x01000007, 'x64'],
  [0x0100000c, 'arm64'],
  [0x07, 'ia32'],
  [0x0c, 'armv7l'],
])
const PE_MACHINE: ReadonlyMap<number, BuilderArch> = new Map([
  [0x8664, 'x64'],
  [0xaa64, 'arm64'],
  [0x014c, 'ia32'],
  [0x01c4, 'armv7l'],
])

const name = (table: ReadonlyMap<number, BuilderArch>, code: number): string =>
  table.get(code) ?? `unknown(0x${code.toString(16)})`

function elf(b: Buffer): BinaryKind | null {
  if (b.length < 20) return null
  const littleEndian = b[5] === 1
  const machine = littleEndian ? b.readUInt16LE(18) : b.readUInt16BE(18)
  return { format: 'elf', archs: [name(ELF_MACHINE, machine)] }
}

function machoThin(b: Buffer): BinaryKind | null {
  if (b.length < 8) return null
  const magicLE = b.readUInt32LE(0)
  // feedface / feedfacf as written by a little-endian CPU, or byte-swapped (big-endian files).
  const littleEndian = magicLE === 0xfeedface || magicLE === 0xfeedfacf
  const cpu = littleEndian ? b.readUInt32LE(4) : b.readUInt32BE(4)
  return { format: 'macho', archs: [name(MACHO_CPU, cpu)] }
}

function machoFat(b: Buffer, entrySize: number): BinaryKind | null {
  if (b.length < 8) return null
  const count = b.readUInt32BE(4)
  // 0xcafebabe also starts Java class files, whose next word (a version) is far larger than any arch count.
  if (count === 0 || count > 20 || b.length < 8 + count * entrySize) return null
  const archs = Array.from({ length: count }, (_, i) => name(MACHO_CPU, b.readUInt32BE(8 + i * entrySize)))
  return { format: 'macho', archs }
}

function pe(b: Buffer): BinaryKind | null {
  if (b.length < 0x40) return null
  const offset = b.readUInt32LE(0x3c)
  if (offset + 6 > b.length || b.readUInt32BE(offset) !== 0x50450000) return null // "PE\0\0"
  return { format: 'pe', archs: [name(PE_MACHINE, b.readUInt16LE(offset + 4))] }
}

/** The executable's format and archs, or null when the bytes are not an executable we know. */
export function binaryKind(header: Uint8Array): BinaryKind | null {
  const b = Buffer.from(header.buffer, header.byteOffset, header.byteLength)
  if (b.length < 4) return null
  const magicBE = b.readUInt32BE(0)
  if (magicBE === 0x7f454c46) return elf(b) // "\x7fELF"
  if (magicBE === 0xcafebabe) return machoFat(b, 20)
  if (magicBE === 0xcafebabf) return machoFat(b, 32)
  if ([0xcefaedfe, 0xcffaedfe, 0xfeedface, 0xfeedfacf].includes(magicBE)) return machoThin(b)
  if (b[0] === 0x4d && b[1] === 0x5a) return pe(b) // "MZ"
  return null
}

/** The format a platform runs: ELF on Linux, Mach-O on macOS, PE on Windows. */
export const FORMAT_OF_PLATFORM: Readonly<Record<'linux' | 'darwin' | 'win32', BinaryFormat>> = {
  linux: 'elf',
  darwin: 'macho',
  win32: 'pe',
}
