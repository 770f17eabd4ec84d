// The little a settings or secrets store needs from its backing file. electron-store provides it in the app;
// conf or a Map provide it in tests and the CLI.
import { renameSync, existsSync } from 'node:fs'

export interface KeyValueStore {
  get(key: string): unknown
  set(key: string, value: unknown): void
  delete(key: string): void
}

export function createMemoryStore(
  initial: Record<string, unknown> = {},
): KeyValueStore & { dump(): Record<string, unknown> } {
  const data = new Map<string, unknown>(Object.entries(initial))
  return {
    get: (key) => structuredClone(data.get(key)),
    set: (key, value) => void data.set(key, structuredClone(value)),
    delete: (key) => void data.delete(key),
    dump: () => Object.fromEntries(data),
  }
}

export interface OpenedStore<T> {
  store: T
  /** Where the unreadable file was moved, when it had to be. */
  backupPath: string | null
}

/**
 * Opens a file-backed store; if the file cannot be read (not JSON, cannot be decrypted), moves it aside to
 * `<file>.corrupt-<time>` and opens a fresh one, so the app starts with defaults and loses nothing for good.
 */
export function openStoreRecovering<T>(
  filePath: string,
  open: () => T,
  now: () => Date = () => new Date(),
): OpenedStore<T> {
  try {
    return { store: open(), backupPath: null }
  } catch (error) {
    if (!existsSync(filePath)) throw error
    const backupPath = `${filePath}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}`
    renameSync(filePath, backupPath)
    return { store: open(), backupPath }
  }
}
