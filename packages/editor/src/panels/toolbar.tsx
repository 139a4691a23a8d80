/** The top bar: queue, undo/redo, save/open, fit view, help; the queue size and any message. */
import type { ChangeEvent, RefObject } from 'react'

export interface ToolbarProps {
  readonly name: string
  readonly canUndo: boolean
  readonly canRedo: boolean
  readonly queueRemaining: number
  readonly connected: boolean
  readonly message: string | null
  readonly fileInput: RefObject<HTMLInputElement | null>
  readonly onQueue: () => void
  readonly onUndo: () => void
  readonly onRedo: () => void
  readonly onSave: () => void
  readonly onOpenFile: (file: File) => void
  readonly onFitView: () => void
  readonly onHelp: () => void
  readonly onNewDefault: () => void
  readonly onDismissMessage: () => void
}

export function Toolbar(props: ToolbarProps) {
  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0]
    if (file) props.onOpenFile(file)
    event.target.value = ''
  }
  return (
    <header className="lf-toolbar">
      <span className="lf-brand">Latentflow</span>
      <span className="lf-workflow-name" title="Workflow name">
        {props.name}
      </span>
      <button type="button" className="lf-queue" data-testid="queue-button" title="Queue (Ctrl+Enter)" onClick={props.onQueue}>
        ▶ Queue
      </button>
      <span className={`lf-socket-status${props.connected ? '' : ' offline'}`} data-testid="server-status" title={props.connected ? 'Connected to the server' : 'Not connected to the server (retrying)'} />
      <span className="lf-queue-size" data-testid="queue-size" title="Prompts waiting or running">
        {props.queueRemaining > 0 ? `${props.queueRemaining} in queue` : 'idle'}
      </span>
      <span className="lf-toolbar-gap" />
      <button type="button" data-testid="undo-button" title="Undo (Ctrl+Z)" disabled={!props.canUndo} onClick={props.onUndo}>
        ↶ Undo
      </button>
      <button type="button" data-testid="redo-button" title="Redo (Ctrl+Shift+Z)" disabled={!props.canRedo} onClick={props.onRedo}>
        ↷ Redo
      </button>
      <button type="button" data-testid="save-button" title="Save the workflow as JSON (Ctrl+S)" onClick={props.onSave}>
        Save
      </button>
      <button type="button" data-testid="open-button" title="Open a workflow JSON or PNG (Ctrl+O)" onClick={() => props.fileInput.current?.click()}>
        Open
      </button>
      <input ref={props.fileInput} className="lf-hidden-file" type="file" data-testid="open-file-input" accept=".json,.png,application/json,image/png" onChange={onFile} />
      <button type="button" data-testid="default-button" title="Load the default text-to-image workflow" onClick={props.onNewDefault}>
        Default
      </button>
      <button type="button" data-testid="fit-view-button" title="Fit the view (.)" onClick={props.onFitView}>
        Fit
      </button>
      <button type="button" data-testid="help-button" title="Keyboard shortcuts (?)" onClick={props.onHelp}>
        ?
      </button>
      {props.message ? (
        <div className="lf-message" role="status" data-testid="editor-message" title="Click to dismiss" onClick={props.onDismissMessage}>
          {props.message}
        </div>
      ) : null}
    </header>
  )
}
