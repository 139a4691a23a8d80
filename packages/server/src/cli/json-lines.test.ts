import { describe, expect, it } from 'vitest'
import { eventForJson, writeJsonLine } from './json-lines.js'

describe('eventForJson', () => {
  it('drops the binary preview of progress events and keeps the rest', () => {
    const preview = { width: 1, height: 1, channels: 3 as const, data: new Uint8Array(3) }
    const event = { type: 'progress' as const, data: { prompt_id: 'p', node: 'n', value: 1, max: 2 }, preview }
    expect(eventForJson(event)).toEqual({ type: 'progress', data: { prompt_id: 'p', node: 'n', value: 1, max: 2 } })
    const start = { type: 'execution_start' as const, data: { prompt_id: 'p', timestamp: 1 } }
    expect(eventForJson(start)).toBe(start)
  })
})

describe('writeJsonLine', () => {
  it('writes one line, with bigints as decimal strings', () => {
    let text = ''
    writeJsonLine({ write: (chunk: string) => (text += chunk) }, { seed: 18446744073709551615n })
    expect(text).toBe('{"seed":"18446744073709551615"}\n')
  })
})
