// The renderer's only way to reach main: typed invoke/on over window.desktop (the preload's bridge, or the
// E2E harness's shim with the same allow-list).
import type { DesktopBridge, DroppedFile } from '../../../shared/ipc/channels'
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
    desktop: DesktopBridge
  }
}

export function invoke<C extends InvokeChannel>(channel: C, input: InvokeInput<C>): Promise<Envelope<InvokeOutput<C>>> {
  return window.desktop.invoke(channel, input).then(
    (r) => r as Envelope<InvokeOutput<C>>,
    (e: unknown) => ({ ok: false as const, error: { code: 'INTERNAL' as const, message: String(e) } }),
  )
}

export function on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return window.desktop.on(event, (p) => listener(p as EventPayload<E>))
}

export function pathForFile(file: DroppedFile): string {
  return window.desktop.getPathForFile(file)
}
