/**
 * One node on the canvas: a header coloured by category, typed handles (id = input/output
 * name) coloured by socket type, widgets inline, the run's progress and live preview, output
 * images, and the server's errors on the node and the offending input.
 */
import { isLink, type InputDescription, type NodeDescription } from '@latentflow/engine'
import { Handle, Position, type NodeProps } from '@xyflow/react'
import { memo, useSyncExternalStore } from 'react'
import { categoryColor } from '../catalog/category-color'
import { socketColor, type NodeCatalog } from '../catalog/node-catalog'
import { setCollapsed, setTitle } from '../document/change-functions'
import { useEditor } from '../editor-context'
import { viewUrl } from '../server/server-api'
import { WidgetField } from '../widgets/widget-field'
import type { WorkflowFlowNode } from './derive-flow'
import { NodeTitle } from './node-title'

function handleStyle(catalog: NodeCatalog, type: string) {
  return { background: socketColor(catalog, type) }
}

/** Inputs as the catalog declares them, or (for an unknown type) as the node has them. */
function inputsOf(description: NodeDescription | undefined, inputs: Readonly<Record<string, unknown>>): InputDescription[] {
  if (description) return [...description.inputs]
  return Object.entries(inputs).map(([name, value]) => (isLink(value) ? { name, kind: 'SOCKET', type: '?', optional: true } : { name, kind: 'STRING', type: 'STRING', optional: true }))
}

function WorkflowNodeViewImpl({ id, data, selected }: NodeProps<WorkflowFlowNode>) {
  const { store, catalog, run } = useEditor()
  const node = data.node
  const description = catalog.byType.get(node.type)
  const randomizeSeeds = useSyncExternalStore(store.subscribe, () => store.getSnapshot().randomizeSeeds)
  const inputs = inputsOf(description, node.inputs)
  const outputs = description?.outputs ?? []
  const errors = run.errors[id] ?? []
  const running = run.runningNode === id
  const progress = run.progress?.node === id ? run.progress : null
  const images = run.outputs[id] ?? []
  const color = categoryColor(description?.category ?? 'unknown')
  const collapsed = node.collapsed === true
  const toggle = () => store.change((draft) => setCollapsed(draft, [id], !collapsed))
  const classes = ['lf-node', selected ? 'selected' : '', running ? 'running' : '', errors.length > 0 ? 'has-error' : '', collapsed ? 'collapsed' : ''].join(' ')

  return (
    <div className={classes} style={{ ['--lf-category' as string]: color }} data-node-type={node.type}>
      <header className="lf-node-header" onDoubleClick={toggle} title={description?.description ?? node.type}>
        <button type="button" className="lf-collapse nodrag" title={collapsed ? 'Expand' : 'Collapse'} onClick={toggle}>
          {collapsed ? '▸' : '▾'}
        </button>
        <NodeTitle
          title={node.title ?? description?.title ?? node.type}
          onRename={(title) => store.change((draft) => setTitle(draft, id, title === description?.title ? '' : title))}
        />
        {node.title || description?.title !== node.type ? <span className="lf-node-type">{node.type}</span> : null}
      </header>
      {progress || running ? (
        <div className="lf-progress" data-testid="node-progress" title={progress ? `${progress.value} / ${progress.max}` : 'running'}>
          <div className={`lf-progress-bar${progress ? '' : ' lf-indeterminate'}`} style={{ width: progress ? `${(100 * progress.value) / Math.max(1, progress.max)}%` : '100%' }} />
          {progress ? <span className="lf-progress-label">{`${progress.value} / ${progress.max}`}</span> : null}
        </div>
      ) : null}
      {!description ? <div className="lf-node-warning">Unknown node type "{node.type}"</div> : null}
      <div className="lf-node-body">
        {outputs.map((output) => (
          <div className="lf-row lf-output" key={`out-${output.name}`} title={output.tooltip ?? output.type}>
            <span className="lf-socket-label">
              {output.name} <small>{output.type}</small>
            </span>
            <Handle type="source" position={Position.Right} id={output.name} data-testid={`handle-out-${output.name}`} style={handleStyle(catalog, output.type)} />
          </div>
        ))}
        {inputs.map((input) => {
          const value = node.inputs[input.name]
          const linked = isLink(value)
          const type = input.kind === 'SOCKET' ? input.type : input.kind
          const inputError = errors.some((error) => error.input === input.name)
          const widget = input.kind !== 'SOCKET'
          return (
            <div className={`lf-row lf-input${widget ? ' lf-widget-row' : ''}${inputError ? ' lf-input-error' : ''}`} key={`in-${input.name}`}>
              <Handle
                type="target"
                position={Position.Left}
                id={input.name}
                data-testid={`handle-in-${input.name}`}
                className={widget && !linked ? 'lf-widget-handle' : ''}
                style={handleStyle(catalog, type)}
              />
              {widget && !linked ? (
                <WidgetField nodeId={id} input={input} value={value} randomize={randomizeSeeds.includes(`${id}.${input.name}`)} />
              ) : (
                <span className="lf-socket-label" title={input.tooltip ?? type}>
                  {input.name} <small>{linked ? (widget ? `linked from ${value[0]}` : type) : type}</small>
                  {input.optional ? <small> (optional)</small> : null}
                </span>
              )}
            </div>
          )
        })}
        {errors.map((error, index) => (
          <div className="lf-node-error" data-testid="node-error" key={index}>
            {error.input ? <strong>{error.input}: </strong> : null}
            {error.message}
          </div>
        ))}
        {running && run.preview ? <img className="lf-preview" data-testid="live-preview" src={run.preview} alt="live preview" /> : null}
        {images.length > 0 ? (
          <div className="lf-images">
            {images.map((image) => (
              <a key={`${image.type}/${image.subfolder}/${image.filename}`} href={viewUrl(image)} target="_blank" rel="noreferrer">
                <img data-testid="output-image" src={viewUrl(image)} alt={image.filename} />
              </a>
            ))}
          </div>
        ) : null}
      </div>
    </div>
  )
}

export const WorkflowNodeView = memo(WorkflowNodeViewImpl)
