/** ffprobe: format and every stream (with side data such as the display matrix) as JSON on stdout. */
export function probeArgs(inputPath: string): readonly string[] {
  return ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', inputPath]
}
