// The Settings dialog in jsdom against a fake main: a stored key shows only "set · ••••last4", a typed key
// leaves the page once saved, clear works, the Linux plain-text warning shows when main says so,
// openSettings(provider) lands on that key field, and the fallback order can be reordered.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PROVIDER_IDS, type ProviderId } from '../../../../../shared/domain/ids'
import { defaultSettings } from '../../../../../electron/store/settings'
import type { SecretStatus, Settings } from '../../../../../shared/domain/settings'
import { App } from '../../../../../renderer/src/App'
import { SettingsDialog } from '../../../../../renderer/src/features/settings/SettingsDialog'
import { answering, installFakeBridge, type Answers } from '../../fakeBridge'

const STORED = 'stored-secret-key-1234'
let keys: Map<ProviderId, string>
let plainTextFallback: boolean
let settingsSent: Settings[]
let push: (event: string, payload: unknown) => void

function statusOf(provider: ProviderId): SecretStatus {
  const key = keys.get(provider)
  return { provider, isSet: key !== undefined, last4: key ? key.slice(-4) : null }
}

beforeEach(() => {
  keys = new Map([['fal', STORED]])
  plainTextFallback = false
  settingsSent = []
  const answers: Answers = {
    'settings:get': () => defaultSettings(),
    'settings:set': (s) => {
      settingsSent.push(s as Settings)
      return s
    },
    'secrets:status': () => ({ providers: PROVIDER_IDS.map(statusOf), plainTextFallback }),
    'secrets:set': ({ provider, key }) => {
      keys.set(provider, key)
      return statusOf(provider)
    },
    'secrets:clear': ({ provider }) => {
      keys.delete(provider)
      return statusOf(provider)
    },
    'providers:list': () => [
      { id: 'fal', label: 'fal.ai' },
      { id: 'wavespeed', label: 'WaveSpeed' },
    ],
  }
  push = installFakeBridge(answering(answers)).push
})
afterEach(cleanup)

async function openDialog(focusProvider: ProviderId | null = null) {
  const view = render(<SettingsDialog focusProvider={focusProvider} onClose={() => undefined} />)
  await screen.findByLabelText('fal.ai API key')
  await waitFor(() => expect(screen.getByTestId('key-status-fal').textContent).toBe('set · ••••1234'))
  return view
}

describe('API keys in Settings', () => {
  it('shows a stored key only as "set · ••••1234", never the key itself', async () => {
    const { container } = await openDialog()
    expect(container.innerHTML).not.toContain(STORED)
    expect(screen.getByTestId('key-status-wavespeed').textContent).toBe('not set')
    expect((screen.getByLabelText('fal.ai API key') as HTMLInputElement).value).toBe('')
  })

  it('saving a typed key empties the field and leaves only its last 4 characters on the page', async () => {
    const { container } = await openDialog()
    const field = screen.getByLabelText('WaveSpeed API key') as HTMLInputElement
    const typed = 'ws-brand-new-key-WXYZ'
    fireEvent.input(field, { target: { value: typed } })
    fireEvent.click(within(screen.getByTestId('key-row-wavespeed')).getByRole('button', { name: 'Save key' }))
    await waitFor(() => expect(screen.getByTestId('key-status-wavespeed').textContent).toBe('set · ••••WXYZ'))
    expect(keys.get('wavespeed')).toBe(typed)
    expect(field.value).toBe('')
    expect(container.innerHTML).not.toContain(typed)
    expect(within(screen.getByTestId('key-row-wavespeed')).getByRole('button', { name: 'Replace' })).toBeTruthy()
  })

  it('refuses something that is not a key before sending it', async () => {
    await openDialog()
    fireEvent.input(screen.getByLabelText('WaveSpeed API key'), { target: { value: 'has space' } })
    fireEvent.click(within(screen.getByTestId('key-row-wavespeed')).getByRole('button', { name: 'Save key' }))
    expect((await screen.findByRole('alert')).textContent).toMatch(/does not look like an API key/)
    expect(keys.has('wavespeed')).toBe(false)
  })

  it('clear removes the key', async () => {
    await openDialog()
    fireEvent.click(screen.getByRole('button', { name: 'Clear the fal.ai key' }))
    await waitFor(() => expect(screen.getByTestId('key-status-fal').textContent).toBe('not set'))
    expect(keys.has('fal')).toBe(false)
  })

  it('warns when keys are stored in plain text (Linux without a keyring), and only then', async () => {
    await openDialog()
    expect(screen.queryByTestId('plaintext-warning')).toBeNull()
    cleanup()
    plainTextFallback = true
    await openDialog()
    expect(screen.getByTestId('plaintext-warning').textContent).toMatch(/keyring/)
  })

  it('opened for a provider, its key field has focus', async () => {
    await openDialog('wavespeed')
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('WaveSpeed API key')))
    expect(screen.getByTestId('key-row-wavespeed').className).toContain('highlighted')
  })
})

describe('provider settings', () => {
  it('builds and reorders the fallback order, saving each change', async () => {
    await openDialog()
    const add = () => screen.getByLabelText('Add a fallback provider')
    fireEvent.change(add(), { target: { value: 'wavespeed' } })
    fireEvent.change(add(), { target: { value: 'replicate' } })
    await waitFor(() => expect(settingsSent.at(-1)?.fallbackOrder).toEqual(['wavespeed', 'replicate']))
    fireEvent.click(screen.getByRole('button', { name: 'Move replicate up' }))
    await waitFor(() => expect(settingsSent.at(-1)?.fallbackOrder).toEqual(['replicate', 'wavespeed']))
    fireEvent.click(screen.getByRole('button', { name: 'Remove WaveSpeed from the fallback order' }))
    await waitFor(() => expect(settingsSent.at(-1)?.fallbackOrder).toEqual(['replicate']))
  })

  it('a base URL is saved only once it is a web address', async () => {
    await openDialog()
    const url = screen.getByLabelText('fal.ai base URL')
    fireEvent.change(url, { target: { value: 'queue.fal.run' } })
    expect(screen.getByText(/Not a web address/)).toBeTruthy()
    expect(settingsSent).toEqual([])
    fireEvent.change(url, { target: { value: 'http://127.0.0.1:9000' } })
    await waitFor(() => expect(settingsSent.at(-1)?.providers.fal?.baseUrl).toBe('http://127.0.0.1:9000'))
  })

  it("parallel requests show main's settings (on a first run, each provider's profile default) and save per provider", async () => {
    await openDialog()
    // The fake main lists labels for fal and WaveSpeed only; the dialog names the others by id.
    const labels: Partial<Record<ProviderId, string>> = { fal: 'fal.ai', wavespeed: 'WaveSpeed' }
    const field = (id: ProviderId) => screen.getByLabelText(`${labels[id] ?? id} parallel requests`) as HTMLInputElement
    const shown = PROVIDER_IDS.map((id) => Number(field(id).value))
    expect(shown).toEqual(PROVIDER_IDS.map((id) => defaultSettings().providers[id].concurrency))
    expect(shown).toEqual([4, 4, 10, 2, 2, 4])
    fireEvent.change(field('pixazo'), { target: { value: '3' } })
    await waitFor(() => expect(settingsSent.at(-1)?.providers.pixazo).toEqual({ baseUrl: '', concurrency: 3 }))
    expect(settingsSent.at(-1)?.providers.fal).toEqual(defaultSettings().providers.fal)
  })
  it('the chunk cache size is a setting: shown in MB, saved when changed, never below the minimum', async () => {
    await openDialog()
    const size = screen.getByLabelText('Chunk cache size in MB') as HTMLInputElement
    expect(size.value).toBe('2000')
    fireEvent.change(size, { target: { value: '500' } })
    await waitFor(() => expect(settingsSent.at(-1)?.chunkCacheLimitMb).toBe(500))
    fireEvent.change(size, { target: { value: '3' } })
    await waitFor(() => expect(settingsSent.at(-1)?.chunkCacheLimitMb).toBe(100))
  })
})

describe('Settings in the app', () => {
  it('opens from the menu, from Ctrl+, and from the top bar, and closes with Escape', async () => {
    render(<App />)
    act(() => push('menu:command', { command: 'settings' }))
    await screen.findByRole('dialog', { name: 'Settings' })
    fireEvent.keyDown(window, { key: 'Escape' })
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    fireEvent.keyDown(window, { key: ',', ctrlKey: true })
    await screen.findByRole('dialog', { name: 'Settings' })
    fireEvent.keyDown(window, { key: 'Escape' })
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }))
    await screen.findByRole('dialog', { name: 'Settings' })
  })
})

describe('keys inside Settings', () => {
  it('stay in the dialog: S does not split the clip behind it', async () => {
    const { twoClipProject } = await import('../../fixtures')
    render(<App initialProject={twoClipProject()} />)
    const clipCount = () => document.querySelectorAll('[data-testid=timeline-clip]').length
    fireEvent.keyDown(window, { key: 'End' })
    fireEvent.keyDown(window, { key: 'ArrowLeft' })
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }))
    const dialog = await screen.findByRole('dialog', { name: 'Settings' })
    await waitFor(() => expect(document.activeElement).toBe(dialog))
    fireEvent.keyDown(dialog, { key: 's' })
    expect(clipCount()).toBe(2)
    fireEvent.keyDown(dialog, { key: 'Escape' })
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    fireEvent.keyDown(window, { key: 's' })
    expect(clipCount()).toBe(3)
  })
})
