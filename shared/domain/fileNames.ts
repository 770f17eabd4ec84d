// File names made from what a person typed (a project's name, a prompt). PURE.

/** A name safe on every file system (no separators, no control characters, no trailing dots), at most `max` long. */
export function safeFileName(text: string, fallback: string, max = 60): string {
  const cleaned = [...text]
    .map((ch) => (ch.codePointAt(0)! < 0x20 ? ' ' : ch))
    .join('')
    .replace(/[\\/:*?"<>|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max)
    .replace(/[. ]+$/, '')
  return cleaned || fallback
}

/** The folder a hand-off pack is written into, inside the folder the person chose. */
export function handoffFolderName(projectName: string): string {
  return `${safeFileName(projectName, 'Untitled')} hand-off`
}
