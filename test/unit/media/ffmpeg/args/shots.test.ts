import { describe, expect, it } from 'vitest'
import { shotScanArgs } from '../../../../../electron/media/ffmpeg/args/shots'

describe('shot scan arguments', () => {
  it('decodes the first picture stream only, at 320 px, and prints scdet, blackdetect and luma per frame on stdout', () => {
    expect(shotScanArgs('/in dir/clip.mov')).toEqual([
      ...['-v', 'error', '-skip_loop_filter', 'all', '-i', '/in dir/clip.mov'],
      ...['-map', '0:V:0', '-an', '-sn', '-dn'],
      '-vf',
      'scale=320:-2,scdet=threshold=100,blackdetect=d=0.03:pix_th=0.10,signalstats,metadata=mode=print:file=-',
      ...['-f', 'null', '-'],
    ])
  })
})
