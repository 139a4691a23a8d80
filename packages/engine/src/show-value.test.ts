import { describe, expect, it } from 'vitest'
import { MAX_SHOWN_LENGTH, showValue } from './show-value.js'

describe('showValue', () => {
  it('shows JSON, bigints as digits, and never throws on deep or cyclic values', () => {
    expect(showValue({ a: [1, 'x'] })).toBe('{"a":[1,"x"]}')
    expect(showValue(18446744073709551615n)).toBe('18446744073709552000')
    expect(showValue(undefined)).toBe('undefined')
    expect(showValue(JSON.parse(`${'['.repeat(50_000)}${']'.repeat(50_000)}`))).toBe('a list too deeply nested to show')
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    expect(showValue(cyclic)).toBe('a object too deeply nested to show')
  })

  it('cuts long values', () => {
    const shown = showValue('x'.repeat(1_000_000))
    expect(shown.length).toBeLessThan(MAX_SHOWN_LENGTH + 40)
    expect(shown).toMatch(/\.\.\. \(1000002 characters\)$/)
  })
})
