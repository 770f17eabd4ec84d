import { describe, expect, it } from 'vitest'
import { graphArgs, INLINE_GRAPH_MAX_CHARS, inputList, stemsArgs } from '../../../../../electron/media/ffmpeg/args/exportPasses'

describe('export pass arguments', () => {
  it('inputs are cut to what is used and numbered in the order they were added', () => {
    const inputs = inputList()
    expect([inputs.add('/a.mp4', 2.5, 4), inputs.add('/t.wav', 0, 3), inputs.add('/b.mp4', 0, null)]).toEqual([0, 1, 2])
    expect(inputs.args).toEqual(['-ss', '2.5', '-t', '4', '-i', '/a.mp4', '-t', '3', '-i', '/t.wav', '-i', '/b.mp4'])
  })

  it('a graph up to the inline limit stays on the command line; a longer one goes to its script file', () => {
    const chain = (chars: number): string => `[0:a]${'a'.repeat(chars - 8)}[o]`
    expect(graphArgs([chain(INLINE_GRAPH_MAX_CHARS)], '/w/g.txt')).toEqual({ args: ['-filter_complex', chain(INLINE_GRAPH_MAX_CHARS)], files: [] })
    expect(graphArgs([chain(INLINE_GRAPH_MAX_CHARS + 1)], '/w/g.txt').args).toEqual(['-filter_complex_script', '/w/g.txt'])
    expect(graphArgs(['[0:a]anull[x]', '[x]anull[o]'], '/w/g.txt').args).toEqual(['-filter_complex', '[0:a]anull[x];[x]anull[o]'])
    const long = [chain(600), chain(600)]
    expect(graphArgs(long, '/w/g.txt')).toEqual({ args: ['-filter_complex_script', '/w/g.txt'], files: [{ path: '/w/g.txt', text: long.join(';\n') }] })
  })

  it('stems write each labelled output as 24-bit WAV at 48 kHz to its own path', () => {
    const graph = { args: ['-filter_complex', 'G'], files: [] }
    expect(stemsArgs(['-i', '/a.mp4'], graph, [{ label: 'mix', path: '/o/m.wav' }, { label: 'original', path: '/o/o.wav' }])).toEqual([
      '-y', '-i', '/a.mp4', '-filter_complex', 'G',
      '-map', '[mix]', '-c:a', 'pcm_s24le', '-ar', '48000', '-rf64', 'auto', '-f', 'wav', '/o/m.wav',
      '-map', '[original]', '-c:a', 'pcm_s24le', '-ar', '48000', '-rf64', 'auto', '-f', 'wav', '/o/o.wav',
    ])
  })
})
