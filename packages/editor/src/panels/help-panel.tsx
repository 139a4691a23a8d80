/** Keyboard shortcuts and first steps (toggled by `?` or the ? button). */
import { SHORTCUTS } from '../keyboard-shortcuts'

export function HelpPanel({ onClose }: { readonly onClose: () => void }) {
  return (
    <aside className="lf-help" data-testid="help-panel" aria-label="Help">
      <header>
        <strong>Keyboard shortcuts</strong>
        <button type="button" onClick={onClose} title="Close (?)">
          ✕
        </button>
      </header>
      <p>Edit the prompt, press ▶ Queue, and the picture shows on the Save Image node. Links join only sockets of the same colour.</p>
      <table>
        <tbody>
          {SHORTCUTS.map((shortcut) => (
            <tr key={shortcut.keys}>
              <td>
                <kbd>{shortcut.keys}</kbd>
              </td>
              <td>{shortcut.action}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </aside>
  )
}
