/**
 * ffprobe: the packets of one stream from `fromSec` (the demuxer starts at the keyframe before it) for
 * `windowSec`, as "pts,duration" lines. Read from the declared end of a file, it shows whether the data is there.
 */
export function tailPacketsArgs(inputPath: string, streamIndex: number, fromSec: number, windowSec: number): readonly string[] {
  return [
    '-v', 'error', '-select_streams', String(streamIndex),
    '-read_intervals', `${fromSec.toFixed(3)}%+${windowSec.toFixed(3)}`,
    '-show_entries', 'packet=pts_time,duration_time', '-of', 'csv=p=0', inputPath,
  ]
}

/** ffprobe: format and every stream (with side data such as the display matrix) as JSON on stdout. */
export function probeArgs(inputPath: string): readonly string[] {
  return ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', inputPath]
}
