/**
 * ffprobe: the packets of one stream from `fromSec` to `toSec`, as "pts,duration" lines. The demuxer starts at
 * the keyframe before `fromSec` (with a long GOP, well before it), hence an absolute end, not a length. Read
 * around the declared end of a file, it shows whether the data is really there.
 */
export function tailPacketsArgs(
  inputPath: string,
  streamIndex: number,
  fromSec: number,
  toSec: number,
): readonly string[] {
  return [
    '-v',
    'error',
    '-select_streams',
    String(streamIndex),
    '-read_intervals',
    `${fromSec.toFixed(3)}%${toSec.toFixed(3)}`,
    '-show_entries',
    'packet=pts_time,duration_time',
    '-of',
    'csv=p=0',
    inputPath,
  ]
}

/** ffprobe: format and every stream (with side data such as the display matrix) as JSON on stdout. */
export function probeArgs(inputPath: string): readonly string[] {
  return ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', inputPath]
}
