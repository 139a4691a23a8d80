import { describe, expect, it } from 'vitest'
import { hash128 } from './hash.js'

describe('hash128', () => {
  it('is deterministic, 128 bits, and spreads near-identical inputs', () => {
    expect(hash128('abc')).toBe(hash128('abc'))
    expect(hash128('abc')).toMatch(/^[0-9a-f]{32}$/)
    const seen = new Set<string>()
    for (let i = 0; i < 100_000; i++) seen.add(hash128(`["Add",1,"a","link","${i}","value"]`))
    expect(seen.size).toBe(100_000)
    expect(hash128('ab')).not.toBe(hash128('ba'))
    expect(hash128('')).not.toBe(hash128('\0'))
  })
})
