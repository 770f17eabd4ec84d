// window.ipc for jsdom tests: invokes are recorded and answered by the test; events are pushed by it.
import type { InvokeChannel, InvokeInput } from '../../../shared/ipc/contract'

export interface Invoke {
  channel: string
  input: unknown
}

export interface FakeBridge {
  /** Every invoke, in order. */
  calls: Invoke[]
  /** Delivers an event from "main" to the page's listeners. */
  push(event: string, payload: unknown): void
}

const NOT_IN_THIS_TEST = { ok: false, error: { code: 'INTERNAL', message: 'not in this test' } }

/** `respond(channel, input)` gives the whole envelope; undefined means the channel is not part of the test. */
export function installFakeBridge(respond: (channel: string, input: unknown) => unknown = () => undefined): FakeBridge {
  const calls: Invoke[] = []
  const listeners = new Map<string, Set<(p: unknown) => void>>()
  ;(window as unknown as { ipc: unknown }).ipc = {
    invoke: async (channel: string, input: unknown) => {
      calls.push({ channel, input })
      return respond(channel, input) ?? NOT_IN_THIS_TEST
    },
    on: (event: string, listener: (p: unknown) => void) => {
      if (!listeners.has(event)) listeners.set(event, new Set())
      listeners.get(event)!.add(listener)
      return () => listeners.get(event)!.delete(listener)
    },
    getPathForFile: () => '',
  }
  return {
    calls,
    push: (event, payload) =>
      listeners.get(event)?.forEach((l) => {
        l(payload)
      }),
  }
}

/** Per channel, what a successful answer's data is for the input the page sent. */
export type Answers = { [C in InvokeChannel]?: (input: InvokeInput<C>) => unknown }

/** A respond() from per-channel functions that return the data of a successful answer. */
export function answering(answers: Answers) {
  return (channel: string, input: unknown): unknown => {
    const answer = answers[channel as InvokeChannel] as ((input: unknown) => unknown) | undefined
    return answer ? { ok: true, data: answer(input) } : undefined
  }
}

/** The inputs the page sent on one channel, typed as the contract has them. */
export function inputsOf<C extends InvokeChannel>(calls: readonly Invoke[], channel: C): InvokeInput<C>[] {
  return calls.filter((c) => c.channel === channel).map((c) => c.input as InvokeInput<C>)
}
