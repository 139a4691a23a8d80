import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { TorchGenerator } from './torch-generator.js'

/** The expected result of one randn call: all values, or a summary for large shapes. */
interface Expected {
  shape: number[]
  numel: number
  values?: number[]
  first64?: number[]
  last64?: number[]
  stride1000?: number[]
  sum: number
  sum_sq: number
  sha256_f32le?: string
}
interface Case extends Partial<Expected> {
  id: string
  kind: 'single' | 'sequence'
  seed: number | string
  calls?: Expected[]
}

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url))
const readCases = (file: string): Case[] => (JSON.parse(readFileSync(file, 'utf8')) as { cases: Case[] }).cases
const publicCases = readCases(path.resolve(repoRoot, '../shared/reference/randn_cases_public.json'))
const extraCases = readCases(fileURLToPath(new URL('./fixtures/randn-cases.json', import.meta.url)))

/** Python's math.fsum: the exactly rounded sum (Shewchuk's partials). */
function fsum(values: Iterable<number>): number {
  const partials: number[] = []
  for (let x of values) {
    let i = 0
    for (let y of partials) {
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x]
      const hi = x + y
      const lo = y - (hi - x)
      if (lo !== 0) partials[i++] = lo
      x = hi
    }
    partials.length = i
    partials.push(x)
  }
  let n = partials.length
  if (n === 0) return 0
  let hi = partials[--n]!
  let lo = 0
  while (n > 0) {
    const x = hi
    const y = partials[--n]!
    hi = x + y
    lo = y - (hi - x)
    if (lo !== 0) break
  }
  if (n > 0 && ((lo < 0 && partials[n - 1]! < 0) || (lo > 0 && partials[n - 1]! > 0))) {
    const y = lo * 2
    const x = hi + y
    if (y === x - hi) hi = x
  }
  return hi
}

function expectMatches(actual: Float32Array, expected: Expected): void {
  expect(actual.length).toBe(expected.numel)
  const values = Array.from(actual)
  if (expected.values) {
    expect(values).toEqual(expected.values)
  } else {
    expect(values.slice(0, 64)).toEqual(expected.first64)
    expect(values.slice(-64)).toEqual(expected.last64)
    expect(values.filter((_, i) => i % 1000 === 0)).toEqual(expected.stride1000)
  }
  expect(fsum(values)).toBe(expected.sum)
  expect(fsum(values.map((v) => v * v))).toBe(expected.sum_sq)
  if (expected.sha256_f32le) {
    const bytes = Buffer.from(actual.buffer, actual.byteOffset, actual.byteLength)
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(expected.sha256_f32le)
  }
}

function runCase(testCase: Case): void {
  const generator = new TorchGenerator(BigInt(testCase.seed))
  const calls = testCase.kind === 'sequence' ? testCase.calls! : [testCase as Expected]
  for (const call of calls) expectMatches(generator.randn(call.shape), call)
}

describe('TorchGenerator.randn against torch.randn', () => {
  it('has the reference cases', () => {
    expect(publicCases.length).toBeGreaterThan(0)
    expect(extraCases.length).toBeGreaterThan(100)
  })
  it.each(publicCases.map((c) => [c.id, c] as const))('public %s', (_, testCase) => runCase(testCase))
  it.each(extraCases.map((c) => [c.id, c] as const))('extra %s', (_, testCase) => runCase(testCase))
})

describe('TorchGenerator', () => {
  it('seeds mt19937 with the low 32 bits, as torch does', () => {
    const low = new TorchGenerator(5).randn([40])
    expect(new TorchGenerator(2n ** 32n + 5n).randn([40])).toEqual(low)
    expect(new TorchGenerator('4294967301').randn([40])).toEqual(low)
  })

  it('reports the 64-bit seed, negative seeds wrapped like manual_seed', () => {
    expect(new TorchGenerator(-1).seed).toBe(2n ** 64n - 1n)
    expect(new TorchGenerator('18446744073709551615').seed).toBe(2n ** 64n - 1n)
    expect(new TorchGenerator(42).seed).toBe(42n)
  })

  it('rejects seeds torch rejects and unsafe numbers', () => {
    expect(() => new TorchGenerator(2n ** 64n)).toThrow(RangeError)
    expect(() => new TorchGenerator(-(2n ** 63n) - 1n)).toThrow(RangeError)
    expect(() => new TorchGenerator(2 ** 60)).toThrow(/bigint or string/)
    expect(() => new TorchGenerator(1.5)).toThrow(RangeError)
    expect(() => new TorchGenerator('12abc')).toThrow(/decimal integer/)
  })

  it('rejects bad shapes and gives an empty array for a zero size', () => {
    expect(() => new TorchGenerator(0).randn([2, -1])).toThrow(RangeError)
    expect(() => new TorchGenerator(0).randn([1.5])).toThrow(RangeError)
    expect(new TorchGenerator(0).randn([4, 0])).toHaveLength(0)
  })
})
