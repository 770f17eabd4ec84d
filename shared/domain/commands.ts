// What a person can ask of the editor by name, from the native menu, a key or a button: one list of each kind,
// read by main's menu (through the IPC contract) and by the renderer's keyboard map and transport.

/** The project and window: run by the app around the editor. */
export const APP_COMMANDS = ['new', 'open', 'save', 'saveAs', 'export', 'settings'] as const

/** Editing the timeline; each has a key and a button. */
export const EDITOR_COMMANDS = [
  'undo',
  'redo',
  'import',
  'split',
  'delete',
  'rippleDelete',
  'markIn',
  'markOut',
  'zoomIn',
  'zoomOut',
  'zoomFit',
  'frameBack',
  'frameForward',
  'framesBack10',
  'framesForward10',
  'previousEdit',
  'nextEdit',
  'goToStart',
  'goToEnd',
  'toggleSnap',
  'deselect',
] as const
export type EditorCommand = (typeof EDITOR_COMMANDS)[number]

/** The transport: Space, J, K, L. */
export const TRANSPORT_KEYS = ['playPause', 'reverse', 'stop', 'forward'] as const
export type TransportKey = (typeof TRANSPORT_KEYS)[number]

/** Every command the native menu sends; the renderer runs the same action as its own key or button. */
export const MENU_COMMANDS = [...APP_COMMANDS, ...EDITOR_COMMANDS, ...TRANSPORT_KEYS] as const
