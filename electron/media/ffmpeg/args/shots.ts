import { FIRST_PICTURE_ONLY } from './streams'

/** Width the picture is scaled to before it is compared: plenty to see a cut, and cheap to compare. */
export const SHOT_SCAN_WIDTH_PX = 320

/**
 * One decoding pass that prints, for every frame, its time, scdet's score (how suddenly the picture changed),
 * blackdetect's black stretches and the mean luma (signalstats YAVG, to tell a flash from a cut), as
 * `metadata=print` lines on stdout. Nothing is written.
 */
export function shotScanArgs(inputPath: string): readonly string[] {
  const filters = [
    `scale=${SHOT_SCAN_WIDTH_PX}:-2`,
    // The threshold only decides which frames also get lavfi.scd.time: the score is printed for every frame.
    'scdet=threshold=100',
    'blackdetect=d=0.03:pix_th=0.10',
    'signalstats',
    'metadata=mode=print:file=-',
  ]
  // Decoding is most of the time; H.264/HEVC's deblocking only smooths block edges, which a cut does not need.
  return [
    '-v',
    'error',
    '-skip_loop_filter',
    'all',
    '-i',
    inputPath,
    ...FIRST_PICTURE_ONLY,
    '-vf',
    filters.join(','),
    '-f',
    'null',
    '-',
  ]
}
