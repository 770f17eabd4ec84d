// Binds the handler table to ipcMain. Each call is first checked for its sender (our main frame showing our
// renderer; anything else gets FORBIDDEN and never reaches a handler), then goes through dispatch().
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron'
import { eventContract, type Envelope, type EventChannel, type EventPayload } from '../../shared/ipc/contract'
import { INVOKE_CHANNELS } from '../../shared/ipc/channels'
import { dispatch, type DispatchContext, type Handlers } from './handle'
import { isTrustedSender, type TrustedRenderer } from './senderGuard'

const FORBIDDEN: Envelope<never> = {
  ok: false,
  error: { code: 'FORBIDDEN', message: 'This request did not come from the MMAudio Studio window.' },
}

export function registerIpc(handlers: Handlers, trusted: TrustedRenderer, ctx: DispatchContext): () => void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, rawInput: unknown) => {
      if (!isTrustedSender(event.senderFrame, event.sender.mainFrame, trusted)) {
        ctx.logger.error(`Refused ${channel} from an untrusted frame.`)
        return FORBIDDEN
      }
      return dispatch(channel, rawInput, handlers, ctx)
    })
  }
  return () => {
    for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(channel)
  }
}

/** Pushes an event to a window, only on a channel the contract lists and only with a valid payload. */
export function sendEvent<E extends EventChannel>(contents: WebContents, event: E, payload: EventPayload<E>): void {
  if (contents.isDestroyed() || !Object.hasOwn(eventContract, event)) return
  const parsed = eventContract[event].safeParse(payload)
  if (!parsed.success) return
  contents.send(event, parsed.data)
}
