/** A STRING widget: a multi-line text area (prompts) or a one-line field; commits on blur (and Enter for one line). */
import type { InputDescription } from '@latentflow/engine'
import { useEffect, useState } from 'react'

export interface TextWidgetProps {
  readonly input: InputDescription
  readonly value: string
  readonly onCommit: (value: string) => void
}

export function TextWidget({ input, value, onCommit }: TextWidgetProps) {
  const [text, setText] = useState(value)
  useEffect(() => setText(value), [value])
  const commit = () => {
    if (text !== value) onCommit(text)
  }
  const common = {
    'data-testid': `widget-${input.name}`,
    value: text,
    placeholder: input.name,
    title: input.tooltip ?? input.name,
    ...(input.maxLength !== undefined ? { maxLength: input.maxLength } : {}),
    onBlur: commit,
  }
  return (
    <label className={`lf-widget lf-widget-text${input.multiline ? ' lf-multiline' : ''}`}>
      <span className="lf-widget-label">{input.name}</span>
      {input.multiline ? (
        <textarea className="nodrag nowheel" rows={3} {...common} onChange={(event) => setText(event.target.value)} />
      ) : (
        <input className="nodrag" type="text" {...common} onChange={(event) => setText(event.target.value)} onKeyDown={(event) => event.key === 'Enter' && commit()} />
      )}
    </label>
  )
}
