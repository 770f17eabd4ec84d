// The renderer's only way to reach main: typed invoke/on over window.ipc (the preload's bridge, or the
// E2E harness's shim with the same allow-list).
import type { IpcBridge, DroppedFile } from '../../../shared/ipc/channels'
import type {
  Envelope,
  EventChannel,
  EventPayload,
  InvokeChannel,
  InvokeInput,
  InvokeOutput,
} from '../../../shared/ipc/contract'

declare global {
  interface Window {
    ipc: IpcBridge
  }
}

export function invoke<C extends InvokeChannel>(channel: C, input: InvokeInput<C>): Promise<Envelope<InvokeOutput<C>>> {
  return window.ipc.invoke(channel, input).then(
    (r) => r as Envelope<InvokeOutput<C>>,
    (e: unknown) => ({ ok: false as const, error: { code: 'INTERNAL' as const, message: String(e) } }),
  )
}

export function on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return window.ipc.on(event, (p) => listener(p as EventPayload<E>))
}

export function pathForFile(file: DroppedFile): string {
  return window.ipc.getPathForFile(file)
}
