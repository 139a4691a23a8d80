/**
 * An INT or FLOAT widget: a number field (step/min/max from the declaration) that commits on
 * blur or Enter, and a label you drag sideways to scrub the value.
 */
import type { InputDescription } from '@latentflow/engine'
import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react'

export interface NumberWidgetProps {
  readonly input: InputDescription
  readonly value: number
  readonly onCommit: (value: number) => void
}

/** Pixels of pointer travel per step when scrubbing. */
const PIXELS_PER_STEP = 6

export function clampToRange(value: number, input: InputDescription): number {
  let out = value
  if (input.min !== undefined) out = Math.max(input.min, out)
  if (input.max !== undefined) out = Math.min(input.max, out)
  return input.kind === 'INT' ? Math.round(out) : out
}

function defaultStep(input: InputDescription): number {
  return input.step ?? input.multipleOf ?? (input.kind === 'INT' ? 1 : 0.01)
}

export function NumberWidget({ input, value, onCommit }: NumberWidgetProps) {
  const [text, setText] = useState(String(value))
  const drag = useRef<{ x: number; start: number; moved: boolean } | null>(null)
  useEffect(() => setText(String(value)), [value])

  const commitText = () => {
    const parsed = Number(text)
    if (text.trim() === '' || !Number.isFinite(parsed)) setText(String(value))
    else if (parsed !== value) onCommit(input.kind === 'INT' ? Math.trunc(parsed) : parsed)
  }
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') commitText()
    if (event.key === 'Escape') setText(String(value))
  }
  const step = defaultStep(input)
  const onPointerDown = (event: PointerEvent<HTMLSpanElement>) => {
    drag.current = { x: event.clientX, start: value, moved: false }
    event.currentTarget.setPointerCapture(event.pointerId)
  }
  const onPointerMove = (event: PointerEvent<HTMLSpanElement>) => {
    if (!drag.current) return
    const steps = Math.round((event.clientX - drag.current.x) / PIXELS_PER_STEP)
    if (steps !== 0) drag.current.moved = true
    const next = clampToRange(Number((drag.current.start + steps * step).toFixed(6)), input)
    setText(String(next))
  }
  const onPointerUp = () => {
    if (!drag.current) return
    const moved = drag.current.moved
    drag.current = null
    if (moved) commitText()
  }
  return (
    <label className="lf-widget lf-widget-number">
      <span className="lf-widget-label lf-scrub nodrag" title={`${input.tooltip ?? input.name} (drag to change)`} onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={onPointerUp}>
        {input.name}
      </span>
      <input
        className="nodrag"
        type="number"
        data-testid={`widget-${input.name}`}
        value={text}
        step={step}
        {...(input.min !== undefined ? { min: input.min } : {})}
        {...(input.max !== undefined ? { max: input.max } : {})}
        onChange={(event) => setText(event.target.value)}
        onBlur={commitText}
        onKeyDown={onKeyDown}
      />
    </label>
  )
}
