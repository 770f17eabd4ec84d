// The sandboxed preload: window.ipc forwards only the contract's channel names. No zod, no logic:
// main validates every payload and every sender.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron'
import { EVENT_CHANNELS, INVOKE_CHANNELS, type IpcBridge } from '../../shared/ipc/channels'

if (!process.contextIsolated) {
  throw new Error('MMAudio Studio refuses to run its preload without context isolation.')
}

const invokeChannels: ReadonlySet<string> = new Set(INVOKE_CHANNELS)
const eventChannels: ReadonlySet<string> = new Set(EVENT_CHANNELS)

const ipc: IpcBridge = {
  invoke(channel, input) {
    if (typeof channel !== 'string' || !invokeChannels.has(channel)) {
      return Promise.reject(new Error(`Unsupported IPC channel: ${String(channel)}`))
    }
    return ipcRenderer.invoke(channel, input)
  },
  on(event, listener) {
    if (typeof event !== 'string' || !eventChannels.has(event)) {
      throw new Error(`Unsupported IPC event: ${String(event)}`)
    }
    // Never hand the renderer the IpcRendererEvent (it exposes the sender).
    const forward = (_event: IpcRendererEvent, payload: unknown): void => listener(payload)
    ipcRenderer.on(event, forward)
    return () => {
      ipcRenderer.removeListener(event, forward)
    }
  },
  getPathForFile(file) {
    return webUtils.getPathForFile(file as File)
  },
}

contextBridge.exposeInMainWorld('ipc', ipc)
