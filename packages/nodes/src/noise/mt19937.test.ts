import { describe, expect, it } from 'vitest'
import { Mt19937 } from './mt19937.js'

describe('Mt19937', () => {
  it('gives std::mt19937 values (the C++ standard fixes the 10000th output for seed 5489)', () => {
    const engine = new Mt19937(5489)
    expect(engine.nextUint32()).toBe(3499211612)
    let value = 0
    for (let i = 2; i <= 10_000; i++) value = engine.nextUint32()
    expect(value).toBe(4123659995)
  })

  it('keeps only the low 32 bits of the seed', () => {
    const a = new Mt19937(7)
    const b = new Mt19937(2 ** 32 + 7)
    for (let i = 0; i < 1000; i++) expect(b.nextUint32()).toBe(a.nextUint32())
  })
})
