/** A BOOLEAN widget: a checkbox. */
import type { InputDescription } from '@latentflow/engine'

export interface BooleanWidgetProps {
  readonly input: InputDescription
  readonly value: boolean
  readonly onCommit: (value: boolean) => void
}

export function BooleanWidget({ input, value, onCommit }: BooleanWidgetProps) {
  return (
    <label className="lf-widget lf-widget-boolean" title={input.tooltip ?? input.name}>
      <span className="lf-widget-label">{input.name}</span>
      <input className="nodrag" type="checkbox" data-testid={`widget-${input.name}`} checked={value} onChange={(event) => onCommit(event.target.checked)} />
    </label>
  )
}
