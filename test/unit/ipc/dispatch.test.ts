import { describe, expect, it, vi } from 'vitest'
import { AppError } from '../../../shared/domain/errors'
import { defaultSettings } from '../../../electron/store/settings'
import { dispatch, INTERNAL_ERROR_MESSAGE, type Handlers } from '../../../electron/ipc/handle'

function handlersWith(overrides: Partial<Handlers>): Handlers {
  const unexpected = () => {
    throw new Error('unexpected handler call')
  }
  const base = new Proxy({} as Handlers, { get: () => unexpected })
  return new Proxy(base, {
    get: (t, k: string) => (k in overrides ? overrides[k as keyof Handlers] : Reflect.get(t, k)),
  })
}

function ctx() {
  const errors: string[] = []
  return { errors, ctx: { logger: { error: (m: string) => void errors.push(m) } } }
}

describe('dispatch', () => {
  it('runs the handler with parsed input and returns its output in an ok envelope', async () => {
    const cancel = vi.fn(() => ({ cancelled: true }))
    const { ctx: c } = ctx()
    const result = await dispatch('job:cancel', { jobId: 'j1' }, handlersWith({ 'job:cancel': cancel }), c)
    expect(result).toEqual({ ok: true, data: { cancelled: true } })
    expect(cancel).toHaveBeenCalledWith({ jobId: 'j1' })
  })

  it('refuses an unknown channel as BAD_INPUT without calling anything', async () => {
    const { ctx: c } = ctx()
    const result = await dispatch('fs:readFile', { path: '/etc/passwd' }, handlersWith({}), c)
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
  })

  it('does not treat inherited object keys as channels', async () => {
    const { ctx: c } = ctx()
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const result = await dispatch(name, {}, handlersWith({}), c)
      expect(result).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
    }
  })

  it('refuses bad input as BAD_INPUT naming the field, before the handler runs', async () => {
    const importFiles = vi.fn()
    const { ctx: c } = ctx()
    const result = await dispatch(
      'media:import',
      { paths: ['/a.mp4', 42] },
      handlersWith({ 'media:import': importFiles }),
      c,
    )
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('BAD_INPUT')
    expect(result.error.field).toBe('paths.1')
    expect(result.error.message).toContain('paths.1')
    expect(importFiles).not.toHaveBeenCalled()
  })

  it('refuses extra keys on strict empty inputs', async () => {
    const { ctx: c } = ctx()
    const result = await dispatch('job:list', { evil: true }, handlersWith({ 'job:list': () => [] }), c)
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
  })

  it('maps a thrown AppError to its data, keeping code, message and extras', async () => {
    const { ctx: c, errors } = ctx()
    const handlers = handlersWith({
      'project:open': () => {
        throw new AppError('FILE_NOT_FOUND', 'Could not open "a.mmaudio": it does not exist.', { retryable: false })
      },
    })
    const result = await dispatch('project:open', { path: '/x/a.mmaudio' }, handlers, c)
    expect(result).toEqual({
      ok: false,
      error: { code: 'FILE_NOT_FOUND', message: 'Could not open "a.mmaudio": it does not exist.', retryable: false },
    })
    expect(errors).toEqual([])
  })

  it('maps any other error to INTERNAL with a generic sentence and logs the details without the key', async () => {
    const { ctx: c, errors } = ctx()
    const secret = 'a1b2c3d4-0000-4444-8888-abcdef012345:0123456789abcdef0123456789abcdef'
    const handlers = handlersWith({
      'secrets:set': () => {
        throw new Error(`request failed with header Authorization: Key ${secret}`)
      },
    })
    const result = await dispatch('secrets:set', { provider: 'fal', key: secret }, handlers, c)
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: INTERNAL_ERROR_MESSAGE } })
    expect(JSON.stringify(result)).not.toContain(secret)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toContain('secrets:set failed')
    expect(errors[0]).not.toContain(secret)
    expect(errors[0]).not.toContain('0123456789abcdef')
  })

  it('refuses a handler result outside the output contract as INTERNAL', async () => {
    const { ctx: c, errors } = ctx()
    const handlers = handlersWith({ 'settings:get': () => ({ ...defaultSettings(), version: 2 }) as never })
    const result = await dispatch('settings:get', {}, handlers, c)
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(errors[0]).toContain('settings:get returned a value outside its contract')
  })

  it('returns the parsed (stripped) output, not extra fields a handler leaked', async () => {
    const { ctx: c } = ctx()
    const handlers = handlersWith({
      'secrets:clear': () => ({ provider: 'fal', isSet: false, last4: null, key: 'leaked' }) as never,
    })
    const result = await dispatch('secrets:clear', { provider: 'fal' }, handlers, c)
    expect(result).toEqual({ ok: true, data: { provider: 'fal', isSet: false, last4: null } })
  })

  it('awaits async handlers and catches their rejections', async () => {
    const { ctx: c } = ctx()
    const handlers = handlersWith({
      'job:cancel': async () => Promise.reject(new AppError('NOT_FOUND', 'No such job.')),
    })
    expect(await dispatch('job:cancel', { jobId: 'x' }, handlers, c)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
  })
})
