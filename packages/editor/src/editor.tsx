/**
 * The editor: the canvas, the toolbar, the queue/history panel and the help panel around one
 * document store. Queues over HTTP, follows runs over the WebSocket, opens dropped files, and
 * exposes `window.__latentflow` for tests and debugging.
 */
import type { Workflow } from '@latentflow/engine'
import { ReactFlowProvider, useReactFlow } from '@xyflow/react'
import { useCallback, useEffect, useMemo, useReducer, useRef, useState, type DragEvent } from 'react'
import { GraphCanvas } from './canvas/graph-canvas'
import { isValidConnection } from './catalog/is-valid-connection'
import type { NodeCatalog } from './catalog/node-catalog'
import { startAutosave } from './document/autosave'
import { connect, pasteNodes, setCollapsed, setWidget, type NodeClipboard } from './document/change-functions'
import { copyNodes, pasteOffset } from './document/copy-selection'
import type { DocumentStore } from './document/document-store'
import type { Point } from './document/graph-document'
import { pasteIds } from './document/node-ids'
import { readWorkflowFile, workflowFromJson } from './document/read-workflow-file'
import { documentToWorkflow, workflowToDocument } from './document/workflow-conversion'
import { EditorContext, useDocument } from './editor-context'
import { shortcutFor } from './keyboard-shortcuts'
import { HelpPanel } from './panels/help-panel'
import { HistoryPanel } from './panels/history-panel'
import { Toolbar } from './panels/toolbar'
import { INITIAL_RUN_STATE, runReducer } from './run/run-state'
import { fetchDefaultWorkflow, queuePrompt } from './server/server-api'
import { useServerSocket } from './server/use-server-socket'
import { randomSeed } from './widgets/random-seed'

/** What `window.__latentflow` offers tests and the console. */
export interface LatentflowDebugApi {
  getWorkflow(): Workflow
  /** Opens a native workflow (or one in ComfyUI's API format) as one undoable step. */
  loadWorkflow(workflow: Workflow): void
  /** Links two handles through isValidConnection; false when refused. */
  connect(source: string, sourceHandle: string, target: string, targetHandle: string): boolean
}

declare global {
  interface Window {
    __latentflow?: LatentflowDebugApi
  }
}

export interface EditorProps {
  readonly store: DocumentStore
  readonly catalog: NodeCatalog
}

function newClientId(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `lf-${Date.now()}-${Math.floor(Math.random() * 1e9)}`
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }))
  const link = Object.assign(document.createElement('a'), { href: url, download: name })
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

function EditorInner({ store, catalog }: EditorProps) {
  const graph = useDocument(store)
  const flow = useReactFlow()
  const [run, dispatch] = useReducer(runReducer, INITIAL_RUN_STATE)
  const clientId = useMemo(newClientId, [])
  const [selection, setSelection] = useState<Set<string>>(new Set())
  const [helpOpen, setHelpOpen] = useState(false)
  const [fitRequest, setFitRequest] = useState(0)
  const pointer = useRef<Point | null>(null)
  const clipboard = useRef<NodeClipboard | null>(null)
  const fileInput = useRef<HTMLInputElement>(null)
  const selectionRef = useRef(selection)
  selectionRef.current = selection

  useServerSocket(clientId, dispatch)
  useEffect(() => startAutosave(store), [store])

  const loadWorkflow = useCallback(
    (workflow: Workflow) => {
      store.change(() => workflowToDocument(workflow))
      setSelection(new Set())
      setFitRequest((value) => value + 1)
    },
    [store],
  )

  const openFile = useCallback(
    async (file: Blob) => {
      try {
        loadWorkflow(await readWorkflowFile(file, catalog))
      } catch (error) {
        dispatch({ type: 'failed', message: `Cannot open ${(file as File).name ?? 'the file'}: ${(error as Error).message}` })
      }
    },
    [catalog, loadWorkflow],
  )

  const loadPrompt = useCallback(
    (prompt: unknown) => {
      try {
        loadWorkflow(workflowFromJson(prompt, catalog))
      } catch (error) {
        dispatch({ type: 'failed', message: (error as Error).message })
      }
    },
    [catalog, loadWorkflow],
  )

  const queue = useCallback(async () => {
    // Commit a widget being edited (its change lands on blur) before reading the document.
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur()
    const current = store.getSnapshot()
    try {
      const result = await queuePrompt(documentToWorkflow(current), clientId)
      if (!result.ok) {
        dispatch({ type: 'rejected', body: result.body })
        return
      }
      dispatch({ type: 'queued', promptId: result.promptId })
      if (current.randomizeSeeds.length > 0) {
        store.change(
          (draft) => {
            for (const key of draft.randomizeSeeds) {
              const dot = key.lastIndexOf('.')
              setWidget(draft, key.slice(0, dot), key.slice(dot + 1), randomSeed())
            }
          },
          { record: false },
        )
      }
    } catch (error) {
      dispatch({ type: 'failed', message: `Cannot reach the server: ${(error as Error).message}` })
    }
  }, [store, clientId])

  const save = useCallback(() => {
    const workflow = documentToWorkflow(store.getSnapshot())
    const name = typeof workflow.meta?.name === 'string' ? workflow.meta.name : 'workflow'
    download(`${name.replace(/[^\w.-]+/g, '_') || 'workflow'}.json`, `${JSON.stringify(workflow, null, 2)}\n`)
  }, [store])

  const loadDefault = useCallback(() => {
    fetchDefaultWorkflow()
      .then(loadWorkflow)
      .catch((error: Error) => dispatch({ type: 'failed', message: error.message }))
  }, [loadWorkflow])

  const runShortcut = useCallback(
    (action: NonNullable<ReturnType<typeof shortcutFor>>) => {
      switch (action) {
        case 'queue':
          return void queue()
        case 'undo':
          return void store.undo()
        case 'redo':
          return void store.redo()
        case 'copy':
          clipboard.current = copyNodes(store.getSnapshot(), selectionRef.current) ?? clipboard.current
          return
        case 'paste': {
          const copied = clipboard.current
          if (!copied) return
          const ids = pasteIds(store.getSnapshot(), Object.keys(copied.nodes))
          store.change((draft) => pasteNodes(draft, copied, ids, pasteOffset(copied, pointer.current)))
          setSelection(new Set(Object.values(ids)))
          return
        }
        case 'selectAll':
          return setSelection(new Set(Object.keys(store.getSnapshot().nodes)))
        case 'collapse': {
          const ids = [...selectionRef.current]
          const collapse = ids.some((id) => !store.getSnapshot().nodes[id]?.collapsed)
          return void store.change((draft) => setCollapsed(draft, ids, collapse))
        }
        case 'fitView':
          return void flow.fitView({ padding: 0.1 })
        case 'save':
          return save()
        case 'open':
          return fileInput.current?.click()
        case 'help':
          return setHelpOpen((open) => !open)
      }
    },
    [queue, store, flow, save],
  )

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setHelpOpen(false)
      const action = shortcutFor(event)
      if (!action) return
      event.preventDefault()
      runShortcut(action)
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [runShortcut])

  useEffect(() => {
    window.__latentflow = {
      getWorkflow: () => documentToWorkflow(store.getSnapshot()),
      loadWorkflow: (workflow) => loadWorkflow(workflowFromJson(workflow, catalog)),
      connect(source, sourceHandle, target, targetHandle) {
        const link = { source, sourceHandle, target, targetHandle }
        if (!isValidConnection(store.getSnapshot(), catalog, link)) return false
        store.change((draft) => connect(draft, link))
        return true
      },
    }
  }, [store, catalog, loadWorkflow])

  const onDrop = (event: DragEvent) => {
    const file = event.dataTransfer?.files?.[0]
    if (!file) return
    event.preventDefault()
    void openFile(file)
  }
  const context = useMemo(() => ({ store, catalog, run }), [store, catalog, run])
  const name = typeof graph.meta?.name === 'string' ? graph.meta.name : 'Untitled workflow'
  return (
    <EditorContext.Provider value={context}>
      <div className="lf-app" onDrop={onDrop} onDragOver={(event) => event.preventDefault()}>
        <Toolbar
          name={name}
          canUndo={store.canUndo}
          canRedo={store.canRedo}
          queueRemaining={run.queueRemaining}
          connected={run.connected}
          message={run.message}
          fileInput={fileInput}
          onQueue={() => void queue()}
          onUndo={() => store.undo()}
          onRedo={() => store.redo()}
          onSave={save}
          onOpenFile={(file) => void openFile(file)}
          onFitView={() => void flow.fitView({ padding: 0.1 })}
          onHelp={() => setHelpOpen((open) => !open)}
          onNewDefault={loadDefault}
          onDismissMessage={() => dispatch({ type: 'dismiss' })}
        />
        <div className="lf-main">
          <GraphCanvas selection={selection} onSelectionChange={setSelection} pointer={pointer} fitRequest={fitRequest} />
          <HistoryPanel revision={run.queueRevision} onLoadPrompt={loadPrompt} />
        </div>
        {helpOpen ? <HelpPanel onClose={() => setHelpOpen(false)} /> : null}
      </div>
    </EditorContext.Provider>
  )
}

export function Editor(props: EditorProps) {
  return (
    <ReactFlowProvider>
      <EditorInner {...props} />
    </ReactFlowProvider>
  )
}
