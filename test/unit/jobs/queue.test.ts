import { describe, expect, it, vi } from 'vitest'
import { createKeyedQueue, nextStartAt } from '../../../electron/jobs/queue'

/** A task that records when it starts and ends, and finishes when told to. */
function gate() {
  let open!: () => void
  const opened = new Promise<void>((r) => (open = r))
  return { opened, open }
}
const tick = () => new Promise((r) => setTimeout(r, 0))

describe('provider queue', () => {
  it('runs at most the limit per provider at once, in FIFO order, and providers do not share slots', async () => {
    const q = createKeyedQueue<'a' | 'b'>((k) => (k === 'a' ? 2 : 1))
    const started: string[] = []
    let running = 0
    let peak = 0
    const gates = Array.from({ length: 5 }, gate)
    const runs = gates.map((g, i) =>
      q.run('a', async () => {
        started.push(`a${i}`)
        peak = Math.max(peak, ++running)
        await g.opened
        running--
        return i
      }),
    )
    const b = q.run('b', async () => {
      started.push('b0')
      return 'b'
    })
    await tick()
    expect(started).toEqual(['a0', 'a1', 'b0'])
    expect(q.stats('a')).toEqual({ running: 2, waiting: 3 })
    gates[1]!.open()
    await tick()
    await tick()
    expect(started).toEqual(['a0', 'a1', 'b0', 'a2'])
    for (const g of gates) g.open()
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4])
    expect(await b).toBe('b')
    expect(started.filter((s) => s.startsWith('a'))).toEqual(['a0', 'a1', 'a2', 'a3', 'a4'])
    expect(peak).toBe(2)
  })

  it('a task may give its slot back before it ends (the provider finished, the download goes on): the next starts', async () => {
    const q = createKeyedQueue<'p'>(() => 1)
    const download = gate()
    let releaseFirst = (): void => undefined
    const first = q.run('p', (_signal, release) => {
      releaseFirst = release
      return download.opened
    })
    let secondStarted = false
    const second = q.run('p', async () => {
      secondStarted = true
      return 'second'
    })
    await Promise.resolve()
    expect(secondStarted).toBe(false)
    releaseFirst()
    releaseFirst() // once only: the slot is not given back twice
    expect(await second).toBe('second')
    expect(q.stats('p')).toEqual({ running: 1, waiting: 0 })
    download.open()
    await first
    expect(q.stats('p')).toEqual({ running: 0, waiting: 0 })
  })

  it('reports the queue position as it changes, and cancels waiting work through its signal', async () => {
    const q = createKeyedQueue<'p'>(() => 1)
    const first = gate()
    const held = q.run('p', () => first.opened)
    const positions: number[][] = [[], []]
    const controller = new AbortController()
    const second = q.run('p', async () => 'second', {
      onPosition: (p) => positions[0]!.push(p),
      signal: controller.signal,
    })
    let thirdRan = false
    const third = q.run(
      'p',
      async () => {
        thirdRan = true
        return 'third'
      },
      { onPosition: (p) => positions[1]!.push(p) },
    )
    expect(positions).toEqual([[0], [1]])
    controller.abort()
    await expect(second).rejects.toMatchObject({ code: 'CANCELLED' })
    expect(positions[1]).toEqual([1, 0])
    expect(q.stats('p')).toEqual({ running: 1, waiting: 1 })
    first.open()
    await held
    expect(await third).toBe('third')
    expect(thirdRan).toBe(true)
  })

  it('frees the slot when a task fails, and refuses work whose signal is already aborted', async () => {
    const q = createKeyedQueue<'p'>(() => 1)
    await expect(
      q.run('p', async () => {
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    expect(await q.run('p', async () => 7)).toBe(7)
    const c = new AbortController()
    c.abort()
    let ran = false
    await expect(
      q.run(
        'p',
        async () => {
          ran = true
        },
        { signal: c.signal },
      ),
    ).rejects.toMatchObject({ code: 'CANCELLED' })
    expect(ran).toBe(false)
    expect(q.stats('p')).toEqual({ running: 0, waiting: 0 })
  })

  it('reads the limit live: raising it starts waiting work at the next free slot', async () => {
    let limit = 1
    const q = createKeyedQueue<'p'>(() => limit)
    const gates = [gate(), gate(), gate()]
    const started: number[] = []
    const runs = gates.map((g, i) =>
      q.run('p', async () => {
        started.push(i)
        await g.opened
      }),
    )
    await tick()
    expect(started).toEqual([0])
    limit = 3
    gates[0]!.open()
    await runs[0]
    await tick()
    expect(started).toEqual([0, 1, 2])
    for (const g of gates) g.open()
    await Promise.all(runs)
  })
})

describe('provider queue start rate', () => {
  it('nextStartAt: free until the window holds `count` starts, then when the oldest of them leaves it', () => {
    const rate = { count: 2, perMs: 1000 }
    expect(nextStartAt([], rate, 5000)).toBe(5000)
    expect(nextStartAt([4500], rate, 5000)).toBe(5000)
    expect(nextStartAt([4200, 4500], rate, 5000)).toBe(5200)
    expect(nextStartAt([3000, 4200, 4500], rate, 5000)).toBe(5200)
    expect(nextStartAt([3000, 3500], rate, 5000)).toBe(5000)
    expect(nextStartAt([4200, 4500], null, 5000)).toBe(5000)
  })

  it('holds starts beyond the rate until the window allows them, in order', async () => {
    vi.useFakeTimers()
    try {
      const q = createKeyedQueue<'e'>(() => 10, { rateFor: () => ({ count: 2, perMs: 60_000 }), now: () => Date.now() })
      const started: number[] = []
      const runs = [0, 1, 2, 3].map((i) => q.run('e', async () => void started.push(i)))
      await vi.advanceTimersByTimeAsync(0)
      expect(started).toEqual([0, 1])
      expect(q.stats('e')).toEqual({ running: 0, waiting: 2 })
      await vi.advanceTimersByTimeAsync(59_000)
      expect(started).toEqual([0, 1])
      await vi.advanceTimersByTimeAsync(1_000)
      expect(started).toEqual([0, 1, 2, 3])
      await Promise.all(runs)
    } finally {
      vi.useRealTimers()
    }
  })
})
