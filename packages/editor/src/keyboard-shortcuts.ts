/** The editor's keyboard shortcuts: one table, used by the key handler and the help panel. */

export interface Shortcut {
  readonly keys: string
  readonly action: string
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: 'Ctrl+Enter', action: 'Queue the workflow' },
  { keys: 'Double-click canvas', action: 'Add a node (type to search, ↑↓ Enter, Esc)' },
  { keys: 'Drop a link on canvas', action: 'Add a node that takes it, connected' },
  { keys: 'Ctrl+Z', action: 'Undo' },
  { keys: 'Ctrl+Shift+Z / Ctrl+Y', action: 'Redo' },
  { keys: 'Ctrl+C / Ctrl+V', action: 'Copy / paste the selected nodes (links among them kept)' },
  { keys: 'Delete / Backspace', action: 'Delete the selection' },
  { keys: 'Ctrl+A', action: 'Select every node' },
  { keys: 'Shift+drag', action: 'Box select' },
  { keys: 'Ctrl+click', action: 'Add to the selection' },
  { keys: 'Alt+C', action: 'Collapse / expand the selected nodes (or double-click a header)' },
  { keys: 'Double-click a title', action: 'Rename the node' },
  { keys: 'Drag a link end off', action: 'Remove the link' },
  { keys: '.', action: 'Fit the view' },
  { keys: 'Ctrl+S', action: 'Save the workflow as JSON' },
  { keys: 'Ctrl+O', action: 'Open a workflow (JSON or PNG)' },
  { keys: '?', action: 'Show / hide this help' },
  { keys: 'Drop a file', action: 'Open a workflow JSON, or the workflow inside a Latentflow/ComfyUI PNG' },
]

export type ShortcutAction = 'queue' | 'undo' | 'redo' | 'copy' | 'paste' | 'selectAll' | 'collapse' | 'fitView' | 'save' | 'open' | 'help'

/** True when keys typed there are text, not shortcuts. */
export function isTextTarget(target: EventTarget | null): boolean {
  if (!target || !(target as Element).tagName) return false
  const element = target as HTMLElement
  return element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName)
}

/** The action a key press asks for, or null. Ctrl+Enter works inside text fields too. */
export function shortcutFor(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey' | 'target'>): ShortcutAction | null {
  const mod = event.ctrlKey || event.metaKey
  const key = event.key.toLowerCase()
  if (mod && key === 'enter') return 'queue'
  if (isTextTarget(event.target)) return null
  if (mod && key === 'z') return event.shiftKey ? 'redo' : 'undo'
  if (mod && key === 'y') return 'redo'
  if (mod && key === 'c') return 'copy'
  if (mod && key === 'v') return 'paste'
  if (mod && key === 'a') return 'selectAll'
  if (mod && key === 's') return 'save'
  if (mod && key === 'o') return 'open'
  if (event.altKey && key === 'c') return 'collapse'
  if (!mod && !event.altKey && event.key === '?') return 'help'
  if (!mod && !event.altKey && event.key === '.') return 'fitView'
  return null
}
