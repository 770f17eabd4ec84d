// zod-free list of channel names for the preload, which must not pull zod into the sandbox.
// test/unit/ipc/preload.test.ts keeps these equal to shared/ipc/contract.ts.

export const INVOKE_CHANNELS = [
  'app:info',
  'media:import',
  'media:url',
  'media:thumbnails',
  'media:waveform',
  'media:shots',
  'project:open',
  'project:save',
  'project:recent',
  'project:autosave',
  'project:status',
  'project:recovery',
  'project:discardRecovery',
  'providers:list',
  'audio:estimate',
  'audio:generate',
  'audio:prepare',
  'audio:regenerateChunk',
  'audio:interrupted',
  'export:start',
  'handoff:start',
  'job:cancel',
  'job:list',
  'settings:get',
  'settings:set',
  'secrets:status',
  'secrets:set',
  'secrets:clear',
  'dialog:openVideos',
  'dialog:openProject',
  'dialog:chooseFolder',
  'dialog:saveFile',
  'shell:showInFolder',
] as const

export const EVENT_CHANNELS = ['job:update', 'menu:command', 'menu:openRecent'] as const

/** The bridge the preload exposes on window.ipc (and the E2E shim reproduces). */
export interface IpcBridge {
  invoke(channel: string, input: unknown): Promise<unknown>
  on(event: string, listener: (payload: unknown) => void): () => void
  /** The absolute path of a dropped File (webUtils.getPathForFile in the app). */
  getPathForFile(file: DroppedFile): string
}

/** A dropped DOM File, seen structurally so shared/ needs no DOM types. */
export interface DroppedFile {
  readonly name: string
}
