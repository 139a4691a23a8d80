/**
 * A SEED widget: the seed as digits (up to 2^64-1, so text, not a JS number), a dice button,
 * and "randomize after queue".
 */
import type { InputDescription } from '@latentflow/engine'
import { useEffect, useState } from 'react'
import { randomSeed } from './random-seed'

export interface SeedWidgetProps {
  readonly input: InputDescription
  readonly value: string | number
  readonly randomize: boolean
  readonly onCommit: (value: string | number) => void
  readonly onRandomizeChange: (on: boolean) => void
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)

/** Digits as a number when exact, else as a decimal string (as the workflow format writes big seeds). */
export function seedValue(digits: string): string | number | null {
  if (!/^\d{1,20}$/.test(digits)) return null
  const big = BigInt(digits)
  if (big > 18446744073709551615n) return null
  return big <= MAX_SAFE ? Number(big) : big.toString()
}

export function SeedWidget({ input, value, randomize, onCommit, onRandomizeChange }: SeedWidgetProps) {
  const [text, setText] = useState(String(value))
  useEffect(() => setText(String(value)), [value])
  const commit = () => {
    const next = seedValue(text.trim())
    if (next === null) setText(String(value))
    else if (String(next) !== String(value)) onCommit(next)
  }
  return (
    <div className="lf-widget lf-widget-seed">
      <span className="lf-widget-label" title={input.tooltip ?? input.name}>
        {input.name}
      </span>
      <input
        className="nodrag"
        type="text"
        inputMode="numeric"
        data-testid={`widget-${input.name}`}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => event.key === 'Enter' && commit()}
      />
      <button type="button" className="nodrag lf-icon-button" title="New random seed" onClick={() => onCommit(randomSeed())}>
        ↻
      </button>
      <label className="lf-seed-randomize nodrag" title="Pick a new random seed after each queue">
        <input type="checkbox" data-testid={`seed-randomize-${input.name}`} checked={randomize} onChange={(event) => onRandomizeChange(event.target.checked)} />
        randomize after queue
      </label>
    </div>
  )
}
