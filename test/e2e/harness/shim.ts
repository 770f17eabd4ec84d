// The browser side of the harness: a window.ipc with the preload's allow-list, over a WebSocket.
// Served as /__ipc-shim.js (same origin, so the renderer's CSP `script-src 'self'` admits it).
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../../../shared/ipc/channels'

export function shimScript(fixtureDir: string): string {
  return `(() => {
  const INVOKE = new Set(${JSON.stringify(INVOKE_CHANNELS)});
  const EVENTS = new Set(${JSON.stringify(EVENT_CHANNELS)});
  const FIXTURE_DIR = ${JSON.stringify(fixtureDir)};
  const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/__ipc');
  const ready = new Promise((resolve) => ws.addEventListener('open', resolve, { once: true }));
  const pending = new Map();
  const listeners = new Map();
  let nextId = 1;
  ws.addEventListener('message', (m) => {
    const msg = JSON.parse(m.data);
    if (msg.id !== undefined) { pending.get(msg.id)?.(msg.result); pending.delete(msg.id); return; }
    for (const l of listeners.get(msg.event) ?? []) l(msg.payload);
  });
  window.ipc = Object.freeze({
    async invoke(channel, input) {
      if (!INVOKE.has(channel)) throw new Error('Channel not allowed: ' + channel);
      await ready;
      const id = nextId++;
      return new Promise((resolve) => { pending.set(id, resolve); ws.send(JSON.stringify({ id, channel, input })); });
    },
    on(event, listener) {
      if (!EVENTS.has(event)) throw new Error('Event not allowed: ' + event);
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event).add(listener);
      return () => listeners.get(event).delete(listener);
    },
    getPathForFile(file) { return FIXTURE_DIR + '/' + file.name; },
  });
})();`
}
