/** A FLOAT or INT widget declared with `display: 'slider'` (guidance, denoise): a range and its value. */
import type { InputDescription } from '@latentflow/engine'
import { useEffect, useRef, useState } from 'react'

export interface SliderWidgetProps {
  readonly input: InputDescription
  readonly value: number
  readonly onCommit: (value: number) => void
}

export function SliderWidget({ input, value, onCommit }: SliderWidgetProps) {
  const [current, setCurrent] = useState(value)
  const dragging = useRef(false)
  useEffect(() => setCurrent(value), [value])
  const commit = (next: number) => {
    if (next !== value) onCommit(next)
  }
  return (
    <label className="lf-widget lf-widget-slider">
      <span className="lf-widget-label" title={input.tooltip ?? input.name}>
        {input.name}
      </span>
      <input
        className="nodrag"
        type="range"
        data-testid={`widget-${input.name}`}
        min={input.min ?? 0}
        max={input.max ?? 1}
        step={input.step ?? 0.01}
        value={current}
        onPointerDown={() => (dragging.current = true)}
        onPointerUp={() => {
          dragging.current = false
          commit(current)
        }}
        onChange={(event) => {
          const next = Number(event.target.value)
          setCurrent(next)
          if (!dragging.current) commit(next)
        }}
        onBlur={() => commit(current)}
      />
      <output className="lf-slider-value">{current}</output>
    </label>
  )
}
