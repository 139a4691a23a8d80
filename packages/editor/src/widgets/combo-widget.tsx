/** A COMBO widget (model folders, scheduler names): a select; a saved value the server no longer offers stays listed. */
import type { InputDescription } from '@latentflow/engine'

export interface ComboWidgetProps {
  readonly input: InputDescription
  readonly value: string
  readonly onCommit: (value: string) => void
}

export function ComboWidget({ input, value, onCommit }: ComboWidgetProps) {
  const options = input.options ?? []
  const all = options.includes(value) ? options : [value, ...options]
  return (
    <label className="lf-widget lf-widget-combo">
      <span className="lf-widget-label" title={input.tooltip ?? input.name}>
        {input.name}
      </span>
      <select className="nodrag" data-testid={`widget-${input.name}`} value={value} onChange={(event) => onCommit(event.target.value)}>
        {all.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </label>
  )
}
