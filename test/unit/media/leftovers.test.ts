// The ledger of temp files and work folders and the sweep that removes what dead processes left.
import { mkdirSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isLeftoverOf, stillListed, sweepLeftovers, UNLEDGERED_SCRATCH_MS } from '../../../electron/media/leftovers'

describe('leftover names and ledgers (pure)', () => {
  it('knows our temp files and scratch folders by name and owner pid', () => {
    expect(isLeftoverOf('/films/.Beach.4521-a0b5c6d5.tmp.mmaudio', 4521)).toBe(true)
    expect(isLeftoverOf('/out/.final.4521-a0b5c6d5.tmp.mp4', 4521)).toBe(true)
    expect(isLeftoverOf('/home/.mmaudio/work/mmaudio-work-4521-export-0e06', 4521)).toBe(true)
    expect(isLeftoverOf('/out/.final.4521-a0b5c6d5.tmp.mp4', 4522)).toBe(false)
    expect(isLeftoverOf('/films/Beach.mmaudio', 4521)).toBe(false)
    expect(isLeftoverOf('/home/ann/.bashrc', 4521)).toBe(false)
  })
  it('replays + and - lines', () => {
    expect(stillListed('+/a\n+/b\n-/a\n+/c\n')).toEqual(['/b', '/c'])
  })
})

describe('sweepLeftovers', () => {
  function layout() {
    const root = mkdtempSync(join(tmpdir(), 'sweep-'))
    const ledgers = join(root, 'leftovers')
    const work = join(root, 'work')
    mkdirSync(ledgers)
    mkdirSync(work)
    return { root, ledgers, work }
  }

  it('removes what a dead process left listed, keeps what a running one and what is not ours', async () => {
    const { root, ledgers, work } = layout()
    const deadTemp = join(root, '.Beach.111-0123abcd.tmp.mmaudio')
    const deadWork = join(work, 'mmaudio-work-111-export-x')
    const liveTemp = join(root, '.Other.222-0123abcd.tmp.mmaudio')
    const notOurs = join(root, 'Beach.mmaudio')
    for (const f of [deadTemp, liveTemp, notOurs]) writeFileSync(f, 'x')
    mkdirSync(deadWork)
    writeFileSync(join(deadWork, 'mix.wav'), 'x')
    writeFileSync(join(ledgers, '111-1.log'), `+${deadTemp}\n+${deadWork}\n+${notOurs}\n`)
    writeFileSync(join(ledgers, '222-1.log'), `+${liveTemp}\n`)
    const removed = await sweepLeftovers(ledgers, { isRunning: (pid) => pid === 222, workDirs: [work] })
    expect(removed.sort()).toEqual([deadTemp, deadWork].sort())
    expect(readdirSync(root).sort()).toEqual(['.Other.222-0123abcd.tmp.mmaudio', 'Beach.mmaudio', 'leftovers', 'work'])
    expect(readdirSync(ledgers)).toEqual(['222-1.log'])
  })

  it('sweeps scratch folders by owner pid, unnamed ones by age, and old temp files beside recent projects', async () => {
    const { root, ledgers, work } = layout()
    mkdirSync(join(work, 'mmaudio-work-333-job'))
    mkdirSync(join(work, 'old-uuid-folder'))
    mkdirSync(join(work, 'new-uuid-folder'))
    const old = (Date.now() - UNLEDGERED_SCRATCH_MS - 60_000) / 1000
    utimesSync(join(work, 'old-uuid-folder'), old, old)
    const films = join(root, 'films')
    mkdirSync(films)
    writeFileSync(join(films, '.Beach.333-0123abcd.tmp.mmaudio'), 'x')
    utimesSync(join(films, '.Beach.333-0123abcd.tmp.mmaudio'), old, old)
    writeFileSync(join(films, 'Beach.mmaudio'), 'x')
    await sweepLeftovers(ledgers, { isRunning: () => false, workDirs: [work], looseFolders: [films] })
    expect(readdirSync(work)).toEqual(['new-uuid-folder'])
    expect(readdirSync(films)).toEqual(['Beach.mmaudio'])
  })
})
