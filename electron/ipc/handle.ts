// The one path every invoke takes, free of Electron so the E2E harness can reuse it over a WebSocket:
// channel lookup → zod input parse → handler → zod output parse → Envelope. Errors cross as data.
import type { z } from 'zod'
import { AppError, type AppErrorData } from '../../shared/domain/errors'
import {
  invokeContract,
  type Envelope,
  type InvokeChannel,
  type InvokeContract,
  type InvokeOutput,
} from '../../shared/ipc/contract'
import { diskFullOrSame } from '../media/fsErrors'
import { describeForLog } from './scrub'

/** What a handler receives (already parsed) and must return (parsed again before it leaves main). */
export type HandlerInput<C extends InvokeChannel> = z.output<InvokeContract[C]['input']>
export type HandlerResult<C extends InvokeChannel> = z.input<InvokeContract[C]['output']>

export type Handler<C extends InvokeChannel> = (input: HandlerInput<C>) => Promise<HandlerResult<C>> | HandlerResult<C>

/** One handler per channel: a channel without a handler is a compile error. */
export type Handlers = { [C in InvokeChannel]: Handler<C> }

export interface DispatchLogger {
  error(message: string): void
}

export interface DispatchContext {
  logger: DispatchLogger
}

export const INTERNAL_ERROR_MESSAGE = 'Something went wrong inside MMAudio Studio. Please try again.'

export function isInvokeChannel(channel: unknown): channel is InvokeChannel {
  return typeof channel === 'string' && Object.hasOwn(invokeContract, channel)
}

function fail(error: AppErrorData): Envelope<never> {
  return { ok: false, error }
}

function describeIssue(issue: z.core.$ZodIssue): { field: string | undefined; text: string } {
  const field = issue.path.length > 0 ? issue.path.map(String).join('.') : undefined
  return { field, text: field ? `${field}: ${issue.message}` : issue.message }
}

/** Runs one invoke. Never throws: every outcome is an Envelope. */
export async function dispatch(
  channel: string,
  rawInput: unknown,
  handlers: Handlers,
  ctx: DispatchContext,
): Promise<Envelope<unknown>> {
  if (!isInvokeChannel(channel)) {
    return fail({ code: 'BAD_INPUT', message: `Unknown channel "${String(channel).slice(0, 64)}".` })
  }
  const contract = invokeContract[channel]
  const parsedInput = contract.input.safeParse(rawInput)
  if (!parsedInput.success) {
    const first = parsedInput.error.issues[0]
    const { field, text } = first ? describeIssue(first) : { field: undefined, text: 'invalid value' }
    return fail({ code: 'BAD_INPUT', message: `Invalid input for ${channel}: ${text}`, ...(field ? { field } : {}) })
  }

  let result: unknown
  try {
    const handler = handlers[channel] as (input: unknown) => unknown
    result = await handler(parsedInput.data)
  } catch (thrown) {
    // A full disk is a sentence wherever it comes from.
    const error = diskFullOrSame(thrown)
    if (error instanceof AppError) return fail(error.toData())
    ctx.logger.error(`${channel} failed: ${describeForLog(error)}`)
    return fail({ code: 'INTERNAL', message: INTERNAL_ERROR_MESSAGE })
  }

  const parsedOutput = contract.output.safeParse(result)
  if (!parsedOutput.success) {
    const first = parsedOutput.error.issues[0]
    ctx.logger.error(`${channel} returned a value outside its contract: ${first ? describeIssue(first).text : '?'}`)
    return fail({ code: 'INTERNAL', message: INTERNAL_ERROR_MESSAGE })
  }
  return { ok: true, data: parsedOutput.data as InvokeOutput<typeof channel> }
}
