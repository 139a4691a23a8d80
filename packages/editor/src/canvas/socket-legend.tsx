/** The socket-type legend in the canvas corner: a colour per type, only the types in use by the catalog. */
import { Panel } from '@xyflow/react'
import { useState } from 'react'
import { useEditor } from '../editor-context'

export function SocketLegend() {
  const { catalog } = useEditor()
  const [open, setOpen] = useState(true)
  const used = new Set(catalog.list.flatMap((node) => node.outputs.map((output) => output.type)))
  const types = catalog.socketTypes.filter((type) => used.has(type.name))
  return (
    <Panel position="top-left" className="lf-legend" data-testid="socket-legend">
      <button type="button" className="lf-legend-toggle" onClick={() => setOpen(!open)}>
        {open ? 'Sockets ▾' : 'Sockets ▸'}
      </button>
      {open ? (
        <ul>
          {types.map((type) => (
            <li key={type.name} title={type.description ?? type.name}>
              <span className="lf-socket-dot" style={{ background: type.color }} />
              {type.name}
            </li>
          ))}
        </ul>
      ) : null}
    </Panel>
  )
}
