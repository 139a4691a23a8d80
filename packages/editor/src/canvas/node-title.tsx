/** A node's title: double-click to rename (Enter or leaving the field keeps it, Esc cancels, empty restores the type's title). */
import { useState } from 'react'

export interface NodeTitleProps {
  readonly title: string
  readonly onRename: (title: string) => void
}

export function NodeTitle({ title, onRename }: NodeTitleProps) {
  const [editing, setEditing] = useState(false)
  if (!editing) {
    return (
      <span
        className="lf-node-title"
        data-testid="node-title"
        title="Double-click to rename"
        onDoubleClick={(event) => {
          event.stopPropagation()
          setEditing(true)
        }}
      >
        {title}
      </span>
    )
  }
  const finish = (value: string | null) => {
    setEditing(false)
    if (value !== null && value !== title) onRename(value)
  }
  return (
    <input
      className="lf-node-title-input nodrag"
      data-testid="node-title-input"
      autoFocus
      defaultValue={title}
      onFocus={(event) => event.target.select()}
      onBlur={(event) => finish(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') finish(event.currentTarget.value)
        if (event.key === 'Escape') finish(null)
      }}
    />
  )
}
