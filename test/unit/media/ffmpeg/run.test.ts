import { describe, expect, it } from 'vitest'
import { childEnv, classifyFfmpegFailure, createLineRing, crashSignalOf, fullDiskTarget, stderrTail } from '../../../../electron/media/ffmpeg/run'

describe('ffmpeg failures in words', () => {
  it('tells a full disk and a refused write from other failures', () => {
    expect(classifyFfmpegFailure('[mp4 @ 0x1] Error writing trailer: No space left on device')).toBe('DISK_FULL')
    expect(classifyFfmpegFailure('/out/x.mp4: Permission denied')).toBe('PERMISSION_DENIED')
    expect(classifyFfmpegFailure('/out/x.mp4: Read-only file system')).toBe('PERMISSION_DENIED')
    expect(classifyFfmpegFailure('moov atom not found')).toBe('FFMPEG')
  })

  it('keeps the meaningful end of stderr, without progress noise', () => {
    const stderr = ['Input #0, mov', 'frame=  10 fps=0.0', '', 'size=  12kB time=00:00:01', 'Conversion failed!'].join('\n')
    expect(stderrTail(stderr)).toBe('Input #0, mov\nConversion failed!')
  })

  it('finds what ffmpeg could not write in its stderr, else its last output argument', () => {
    expect(fullDiskTarget('Error closing file /tmp/full/y.wav: No space left on device\nConversion failed!', ['-i', 'a', '/tmp/full/y.wav'])).toBe('/tmp/full/y.wav')
    expect(fullDiskTarget('av_interleaved_write_frame(): No space left on device', ['-i', '/in.mp4', '-f', 'mp4', '/out/x.mp4'])).toBe('/out/x.mp4')
  })
})

describe('the stderr the runner keeps', () => {
  it('is the last lines whole, split at \\n, \\r\\n and the bare \\r of ffmpeg\'s status line, however the text arrives', () => {
    const ring = createLineRing(3)
    ring.append('one\ntw')
    ring.append('o\r\nthree\rfo')
    expect(ring.text()).toBe('two\nthree\nfo')
    ring.append('ur\n')
    expect(ring.text()).toBe('three\nfour\n')
    const empty = createLineRing(40)
    empty.append('')
    expect(empty.text()).toBe('')
  })
})

describe('how the tools are run', () => {
  it('on Linux with GCONV_PATH pointing at no modules, elsewhere with the environment as it is', () => {
    expect(childEnv({ PATH: '/bin' }, 'linux')).toEqual({ PATH: '/bin', GCONV_PATH: '/dev/null' })
    const env = { PATH: '/bin' }
    expect(childEnv(env, 'darwin')).toBe(env)
    expect(childEnv(env, 'win32')).toBe(env)
  })

  it('a crash is told from other failures by the signal the runner recorded', () => {
    expect(crashSignalOf({ cause: { crashSignal: 'SIGSEGV', error: new Error('x') } })).toBe('SIGSEGV')
    expect(crashSignalOf(new Error('ffmpeg exited with code 1'))).toBeNull()
    expect(crashSignalOf(null)).toBeNull()
  })
})
