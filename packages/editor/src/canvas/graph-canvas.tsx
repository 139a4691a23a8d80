/**
 * The React Flow canvas. Its nodes and edges are derived from the graph document; every
 * user edit React Flow reports (drag, connect, delete, reconnect) becomes a change function on
 * the store. Double-click on empty canvas, or drop a link there, to add a node.
 */
import type { InputValue, NodeDescription } from '@latentflow/engine'
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type FinalConnectionState,
  type NodeChange,
  type Viewport,
} from '@xyflow/react'
import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent as ReactMouseEvent, type MutableRefObject } from 'react'
import { categoryColor } from '../catalog/category-color'
import { isValidConnection } from '../catalog/is-valid-connection'
import { newNode, defaultWidgetValue } from '../catalog/new-node'
import { addNode, connect, disconnect, moveNodes, removeNodes } from '../document/change-functions'
import type { GraphDocument, Point } from '../document/graph-document'
import { uniqueNodeId } from '../document/node-ids'
import { useDocument, useEditor } from '../editor-context'
import { AddNodeDialog, type PendingLink } from './add-node-dialog'
import { deriveEdges, deriveNodes, type Measured, type WorkflowFlowNode } from './derive-flow'
import { SocketLegend } from './socket-legend'
import { WorkflowNodeView } from './workflow-node-view'

const NODE_TYPES = { workflow: WorkflowNodeView }

export interface GraphCanvasProps {
  readonly selection: ReadonlySet<string>
  readonly onSelectionChange: (selection: Set<string>) => void
  /** The last pointer position over the canvas, in flow coordinates (where pastes land). */
  readonly pointer: MutableRefObject<Point | null>
  /** Bumped to fit the view (after opening a workflow). */
  readonly fitRequest: number
}

interface DialogState {
  readonly at: { x: number; y: number }
  readonly flow: Point
  readonly pending?: PendingLink
}

export function GraphCanvas({ selection, onSelectionChange, pointer, fitRequest }: GraphCanvasProps) {
  const { store, catalog } = useEditor()
  const document = useDocument(store)
  const flow = useReactFlow()
  const [measured, setMeasured] = useState<ReadonlyMap<string, Measured>>(new Map())
  const [edgeSelection, setEdgeSelection] = useState<ReadonlySet<string>>(new Set())
  const [dialog, setDialog] = useState<DialogState | null>(null)
  const cache = useRef(new Map<string, WorkflowFlowNode>())
  const dragStart = useRef<GraphDocument | null>(null)
  const reconnected = useRef(true)
  const selectionRef = useRef(selection)
  selectionRef.current = selection

  const nodes = useMemo(() => {
    const list = deriveNodes(document, selection, measured, cache.current)
    cache.current = new Map(list.map((node) => [node.id, node]))
    return list
  }, [document, selection, measured])
  const edges = useMemo(() => deriveEdges(document, catalog, edgeSelection), [document, catalog, edgeSelection])

  useEffect(() => {
    if (fitRequest === 0) return
    // An opened workflow shows its saved view, or all of it.
    const viewport = store.getSnapshot().viewport
    requestAnimationFrame(() => void (viewport ? flow.setViewport(viewport) : flow.fitView({ padding: 0.1 })))
  }, [fitRequest, flow, store])

  const onNodesChange = useCallback(
    (changes: NodeChange<WorkflowFlowNode>[]) => {
      const positions: Record<string, Point> = {}
      let sizes: Map<string, Measured> | null = null
      let selected: Set<string> | null = null
      for (const change of changes) {
        if (change.type === 'position' && change.position) positions[change.id] = change.position
        else if (change.type === 'dimensions' && change.dimensions) (sizes ??= new Map()).set(change.id, change.dimensions)
        else if (change.type === 'select') {
          selected ??= new Set(selectionRef.current)
          if (change.selected) selected.add(change.id)
          else selected.delete(change.id)
        }
      }
      if (Object.keys(positions).length > 0) store.change((draft) => moveNodes(draft, positions), { record: dragStart.current === null })
      if (sizes) {
        const add = sizes
        setMeasured((old) => {
          const next = new Map(old)
          for (const [id, size] of add) next.set(id, size)
          return next
        })
      }
      if (selected) onSelectionChange(selected)
    },
    [store, onSelectionChange],
  )

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    const selects = changes.filter((change) => change.type === 'select')
    if (selects.length === 0) return
    setEdgeSelection((old) => {
      const next = new Set(old)
      for (const change of selects) if (change.selected) next.add(change.id)
      else next.delete(change.id)
      return next
    })
  }, [])

  /** The value a widget input goes back to when its link is removed. */
  const fallbackFor = useCallback(
    (target: string, input: string): InputValue | undefined => {
      const type = store.getSnapshot().nodes[target]?.type
      const description = type ? catalog.byType.get(type)?.inputs.find((entry) => entry.name === input) : undefined
      return description && description.kind !== 'SOCKET' ? defaultWidgetValue(description) : undefined
    },
    [store, catalog],
  )

  const onDelete = useCallback(
    ({ nodes: gone, edges: cut }: { nodes: WorkflowFlowNode[]; edges: Edge[] }) => {
      store.change((draft) => {
        for (const edge of cut) if (edge.targetHandle) disconnect(draft, edge.target, edge.targetHandle, fallbackFor(edge.target, edge.targetHandle))
        if (gone.length > 0) removeNodes(draft, gone.map((node) => node.id))
      })
      setEdgeSelection(new Set())
      if (gone.length > 0) onSelectionChange(new Set([...selectionRef.current].filter((id) => !gone.some((node) => node.id === id))))
    },
    [store, fallbackFor, onSelectionChange],
  )

  const validConnection = useCallback((link: Connection | Edge) => isValidConnection(store.getSnapshot(), catalog, link), [store, catalog])

  const onConnect = useCallback(
    (link: Connection) => {
      if (!isValidConnection(store.getSnapshot(), catalog, link)) return
      store.change((draft) => connect(draft, { source: link.source, sourceHandle: link.sourceHandle!, target: link.target, targetHandle: link.targetHandle! }))
    },
    [store, catalog],
  )

  const onReconnect = useCallback(
    (old: Edge, link: Connection) => {
      reconnected.current = true
      if (!isValidConnection(store.getSnapshot(), catalog, link)) return
      store.change((draft) => {
        if (old.targetHandle && (old.target !== link.target || old.targetHandle !== link.targetHandle)) disconnect(draft, old.target, old.targetHandle, fallbackFor(old.target, old.targetHandle))
        connect(draft, { source: link.source, sourceHandle: link.sourceHandle!, target: link.target, targetHandle: link.targetHandle! })
      })
    },
    [store, catalog, fallbackFor],
  )

  const onReconnectEnd = useCallback(
    (_event: MouseEvent | TouchEvent, edge: Edge) => {
      // A link dragged off its input and dropped on nothing is removed.
      if (!reconnected.current && edge.targetHandle) store.change((draft) => disconnect(draft, edge.target, edge.targetHandle!, fallbackFor(edge.target, edge.targetHandle!)))
      reconnected.current = true
    },
    [store, fallbackFor],
  )

  const openDialog = useCallback(
    (clientX: number, clientY: number, pending?: PendingLink) => {
      setDialog({ at: { x: clientX, y: clientY }, flow: flow.screenToFlowPosition({ x: clientX, y: clientY }), ...(pending ? { pending } : {}) })
    },
    [flow],
  )

  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid || !state.fromNode || !state.fromHandle?.id) return
      const target = event.target as Element | null
      if (!target?.classList.contains('react-flow__pane')) return
      const point = 'changedTouches' in event ? event.changedTouches[0]! : event
      const type = store.getSnapshot().nodes[state.fromNode.id]?.type
      const description = type ? catalog.byType.get(type) : undefined
      const handleType = state.fromHandle.type
      const pending: PendingLink =
        handleType === 'source'
          ? { nodeId: state.fromNode.id, handleId: state.fromHandle.id, handleType, outputType: description?.outputs.find((o) => o.name === state.fromHandle!.id)?.type ?? '' }
          : { nodeId: state.fromNode.id, handleId: state.fromHandle.id, handleType, ...optionalInput(description, state.fromHandle.id) }
      openDialog(point.clientX, point.clientY, pending)
    },
    [store, catalog, openDialog],
  )

  const onChoose = useCallback(
    (description: NodeDescription, handle: string | undefined) => {
      if (!dialog) return
      const id = uniqueNodeId(store.getSnapshot(), description.type)
      const pending = dialog.pending
      store.change((draft) => {
        addNode(draft, id, newNode(description, dialog.flow))
        if (!pending || !handle) return
        if (pending.handleType === 'source') connect(draft, { source: pending.nodeId, sourceHandle: pending.handleId, target: id, targetHandle: handle })
        else connect(draft, { source: id, sourceHandle: handle, target: pending.nodeId, targetHandle: pending.handleId })
      })
      onSelectionChange(new Set([id]))
      setDialog(null)
    },
    [dialog, store, onSelectionChange],
  )

  const onDoubleClick = useCallback(
    (event: ReactMouseEvent) => {
      if ((event.target as Element).classList.contains('react-flow__pane')) openDialog(event.clientX, event.clientY)
    },
    [openDialog],
  )

  const onDragStart = useCallback(() => {
    dragStart.current = store.getSnapshot()
  }, [store])
  const onDragStop = useCallback(
    (_event: unknown, _node: unknown, moved: WorkflowFlowNode[]) => {
      const base = dragStart.current
      dragStart.current = null
      if (!base) return
      const current = store.getSnapshot()
      const final: Record<string, Point> = {}
      for (const node of moved) if (current.nodes[node.id]) final[node.id] = current.nodes[node.id]!.position
      store.changeFrom(base, (draft) => moveNodes(draft, final))
    },
    [store],
  )

  const onMoveEnd = useCallback(
    (_event: unknown, viewport: Viewport) => store.change((draft) => void (draft.viewport = { x: viewport.x, y: viewport.y, zoom: viewport.zoom }), { record: false }),
    [store],
  )

  const initialViewport = useRef(store.getSnapshot().viewport)

  return (
    <div
      className="lf-canvas"
      onDoubleClick={onDoubleClick}
      onMouseMove={(event) => (pointer.current = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }))}
    >
      <ReactFlow<WorkflowFlowNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onDelete={onDelete}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={validConnection}
        edgesReconnectable
        onReconnectStart={() => (reconnected.current = false)}
        onReconnect={onReconnect}
        onReconnectEnd={onReconnectEnd}
        onNodeDragStart={onDragStart}
        onNodeDragStop={onDragStop}
        onSelectionDragStart={onDragStart}
        onSelectionDragStop={(event, moved) => onDragStop(event, null, moved)}
        onMoveEnd={onMoveEnd}
        {...(initialViewport.current ? { defaultViewport: initialViewport.current } : { fitView: true, fitViewOptions: { padding: 0.1 } })}
        zoomOnDoubleClick={false}
        deleteKeyCode={['Delete', 'Backspace']}
        colorMode="dark"
        minZoom={0.1}
        maxZoom={4}
        proOptions={{ hideAttribution: true }}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1} />
        <Controls />
        <MiniMap pannable zoomable nodeColor={(node) => categoryColor(catalog.byType.get((node as WorkflowFlowNode).data.node.type)?.category ?? '')} />
        <SocketLegend />
      </ReactFlow>
      {dialog ? <AddNodeDialog catalog={catalog} at={dialog.at} {...(dialog.pending ? { pending: dialog.pending } : {})} onChoose={onChoose} onClose={() => setDialog(null)} /> : null}
    </div>
  )
}

function optionalInput(description: NodeDescription | undefined, name: string) {
  const input = description?.inputs.find((entry) => entry.name === name)
  return input ? { input } : {}
}
