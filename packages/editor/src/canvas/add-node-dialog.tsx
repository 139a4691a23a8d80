/**
 * The searchable add-node dialog (double-click on the canvas, or a link dropped on empty
 * canvas): fuzzy search, arrows + Enter to pick, Esc to close. With a pending link it lists
 * only the node types that can take it.
 */
import type { InputDescription, NodeDescription } from '@latentflow/engine'
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { categoryColor } from '../catalog/category-color'
import { searchNodes } from '../catalog/fuzzy-match'
import { acceptedTypes, typesMatch } from '../catalog/is-valid-connection'
import { socketColor, type NodeCatalog } from '../catalog/node-catalog'

/** A link being dragged when it was dropped on empty canvas. */
export interface PendingLink {
  readonly nodeId: string
  readonly handleId: string
  /** `source`: dragged from an output (the new node takes it as input). */
  readonly handleType: 'source' | 'target'
  /** The output's socket type (source), or the input's description (target). */
  readonly outputType?: string
  readonly input?: InputDescription
}

/** Node types that can take the pending link, with the handle to connect on the new node. */
export function candidatesFor(catalog: NodeCatalog, pending: PendingLink | undefined): { node: NodeDescription; handle?: string }[] {
  if (!pending) return catalog.list.map((node) => ({ node }))
  const out: { node: NodeDescription; handle?: string }[] = []
  for (const node of catalog.list) {
    if (pending.handleType === 'source' && pending.outputType !== undefined) {
      const type = pending.outputType
      const input = node.inputs.find((entry) => entry.kind === 'SOCKET' && typesMatch(type, entry)) ?? node.inputs.find((entry) => typesMatch(type, entry))
      if (input) out.push({ node, handle: input.name })
    } else if (pending.handleType === 'target' && pending.input) {
      const accepted = acceptedTypes(pending.input)
      const output = node.outputs.find((entry) => accepted.includes(entry.type))
      if (output) out.push({ node, handle: output.name })
    }
  }
  return out
}

export interface AddNodeDialogProps {
  readonly catalog: NodeCatalog
  /** Where it opens, in screen pixels. */
  readonly at: { readonly x: number; readonly y: number }
  readonly pending?: PendingLink
  readonly onChoose: (node: NodeDescription, handle: string | undefined) => void
  readonly onClose: () => void
}

export function AddNodeDialog({ catalog, at, pending, onChoose, onClose }: AddNodeDialogProps) {
  const [query, setQuery] = useState('')
  const [active, setActive] = useState(0)
  const listRef = useRef<HTMLUListElement>(null)
  const candidates = useMemo(() => candidatesFor(catalog, pending), [catalog, pending])
  const results = useMemo(() => {
    const order = searchNodes(candidates.map((entry) => entry.node), query)
    const handles = new Map(candidates.map((entry) => [entry.node.type, entry.handle]))
    return order.map((node) => ({ node, handle: handles.get(node.type) }))
  }, [candidates, query])
  useEffect(() => setActive(0), [query])
  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' })
  }, [active])

  const onKeyDown = (event: KeyboardEvent) => {
    event.stopPropagation()
    if (event.key === 'ArrowDown') {
      event.preventDefault()
      setActive((index) => Math.min(results.length - 1, index + 1))
    } else if (event.key === 'ArrowUp') {
      event.preventDefault()
      setActive((index) => Math.max(0, index - 1))
    } else if (event.key === 'Enter') {
      event.preventDefault()
      const chosen = results[active]
      if (chosen) onChoose(chosen.node, chosen.handle)
    } else if (event.key === 'Escape') {
      event.preventDefault()
      onClose()
    }
  }
  const left = Math.min(at.x, window.innerWidth - 360)
  const top = Math.min(at.y, window.innerHeight - 420)
  const title = pending ? `Add a node for ${pending.outputType ?? pending.input?.type ?? 'this link'}` : 'Add a node'
  return (
    <div className="lf-dialog-backdrop" onMouseDown={onClose}>
      <div className="lf-add-node" data-testid="add-node-dialog" role="dialog" aria-label={title} style={{ left, top }} onMouseDown={(event) => event.stopPropagation()} onKeyDown={onKeyDown}>
        <div className="lf-add-node-title">{title}</div>
        <input
          data-testid="add-node-search"
          autoFocus
          placeholder="Search nodes… (↑↓ Enter, Esc)"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          aria-activedescendant={results[active] ? `add-node-${results[active].node.type}` : undefined}
        />
        <ul ref={listRef} role="listbox">
          {results.map(({ node, handle }, index) => (
            <li
              key={node.type}
              id={`add-node-${node.type}`}
              role="option"
              data-testid="add-node-option"
              data-type={node.type}
              aria-selected={index === active}
              className={index === active ? 'active' : ''}
              onMouseEnter={() => setActive(index)}
              onClick={() => onChoose(node, handle)}
            >
              <span className="lf-category-dot" style={{ background: categoryColor(node.category) }} />
              <span className="lf-option-title">{node.title}</span>
              <span className="lf-option-meta">
                {node.type !== node.title ? `${node.type} · ` : ''}
                {node.category}
                {node.plugin ? ` · ${node.plugin}` : ''}
              </span>
              <span className="lf-option-sockets">
                {node.outputs.slice(0, 4).map((output) => (
                  <span key={output.name} className="lf-socket-dot" title={output.type} style={{ background: socketColor(catalog, output.type) }} />
                ))}
              </span>
            </li>
          ))}
          {results.length === 0 ? <li className="lf-empty">No node matches</li> : null}
        </ul>
      </div>
    </div>
  )
}
