import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { ClipTokenizer } from './clip-tokenizer.js'

interface TokenizerCase {
  id: string
  category: string
  text: string
  normalized?: string
  ids: number[]
  input_ids_77?: number[]
}

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url))
const vocabDir = path.resolve(repoRoot, '../shared/clip-tokenizer')
const readCases = (file: string): TokenizerCase[] => (JSON.parse(readFileSync(file, 'utf8')) as { cases: TokenizerCase[] }).cases
const publicCases = readCases(path.resolve(repoRoot, '../shared/reference/tokenizer_cases_public.json'))
const extraCases = readCases(fileURLToPath(new URL('./fixtures/tokenizer-cases.json', import.meta.url)))

let tokenizer: ClipTokenizer
beforeAll(async () => {
  tokenizer = await ClipTokenizer.fromDirectory(vocabDir)
})

function expectCase(testCase: TokenizerCase): void {
  if (testCase.normalized !== undefined) expect(tokenizer.normalize(testCase.text)).toBe(testCase.normalized)
  expect(tokenizer.encode(testCase.text)).toEqual(testCase.ids)
  const body = [49406, ...testCase.ids.slice(0, 75), 49407]
  const padded = [...body, ...new Array<number>(77 - body.length).fill(49407)]
  expect(tokenizer.encodePadded(testCase.text)).toEqual(testCase.input_ids_77 ?? padded)
}

describe('ClipTokenizer on the real CLIP vocabulary', () => {
  it('has the reference cases', () => {
    expect(publicCases.length).toBeGreaterThan(0)
    expect(extraCases.length).toBeGreaterThan(100)
  })
  it.each(publicCases.map((c) => [c.id, c.category, c] as const))('public %s (%s)', (_, __, testCase) => expectCase(testCase))
  it.each(extraCases.map((c) => [c.id, c.category, c] as const))('extra %s (%s)', (_, __, testCase) => expectCase(testCase))
})
