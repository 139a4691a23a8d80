/**
 * Property-based tests of validateWorkflow: whatever the input (random JSON, random workflows in
 * both formats, prototype-pollution keys, huge numbers, deep nesting, long strings) it returns
 * coded issues and never throws nor touches Object.prototype; valid workflows built from the
 * registry's own descriptions validate.
 */
import fc from 'fast-check'
import { ISSUE_CODES, validateWorkflow, type NodeRegistry, type ValidationResult } from '@latentflow/engine'
import { createDefaultRegistry } from '@latentflow/nodes'
import { describe, expect, it } from 'vitest'
import { createCountingRegistry } from '../packages/engine/src/test-support/counting-nodes.js'
import { deepJson, jsonText, jsonTreeArb, randomWorkflowArb, validWorkflowArb, type JsonTree } from './support/workflow-arbitraries.js'

const counting = createCountingRegistry().registry
const builtin = createDefaultRegistry()
const prototypeKeys = () => Reflect.ownKeys(Object.prototype).map(String).sort()
const cleanPrototype = prototypeKeys()

function expectWellFormed(result: ValidationResult): void {
  expect(typeof result.ok).toBe('boolean')
  expect(Array.isArray(result.issues)).toBe(true)
  expect(result.ok).toBe(result.issues.length === 0)
  for (const issue of result.issues) {
    expect(ISSUE_CODES).toContain(issue.code)
    expect(issue.node === null || typeof issue.node === 'string').toBe(true)
    expect(typeof issue.message).toBe('string')
    expect(issue.message.length).toBeGreaterThan(0)
  }
}

function expectUnpolluted(): void {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  expect(({} as Record<string, unknown>).type).toBeUndefined()
  expect(prototypeKeys()).toEqual(cleanPrototype)
}

/** Validates the tree as text and as the parsed value, checking both answers. */
function validateBoth(tree: JsonTree, registry: NodeRegistry): void {
  const text = jsonText(tree)
  expectWellFormed(validateWorkflow(text, registry))
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return // numbers like 1e309 parse to Infinity; anything JSON.parse refuses was checked as text
  }
  expectWellFormed(validateWorkflow(parsed, registry))
  expectUnpolluted()
}

describe.each([
  ['counting nodes', counting],
  ['built-in nodes', builtin],
])('validateWorkflow with the %s', (_name, registry) => {
  it('returns coded issues for any JSON value, never throwing or polluting Object.prototype', () => {
    fc.assert(fc.property(jsonTreeArb, (tree) => validateBoth(tree, registry)), { numRuns: 500 })
  })

  it('returns coded issues for random workflows: unknown types, bad links, cycles, dangerous ids and input names', () => {
    fc.assert(fc.property(randomWorkflowArb(registry), (tree) => validateBoth(tree, registry)), { numRuns: 1000 })
  })

  it('survives deep nesting and huge strings', () => {
    for (const objects of [false, true]) {
      const deep = { kind: 'raw', text: deepJson(20_000, objects) } as const
      validateBoth({ kind: 'object', entries: [['version', { kind: 'raw', text: '1' }], ['nodes', { kind: 'object', entries: [['n', { kind: 'object', entries: [['type', { kind: 'raw', text: '"Show"' }], ['inputs', { kind: 'object', entries: [['value', deep], ['label', deep], ['__proto__', deep]] }]] }]] }]] }, registry)
      validateBoth({ kind: 'object', entries: [['version', { kind: 'raw', text: '1' }], ['nodes', deep]] }, registry)
    }
    const huge = 'x'.repeat(5_000_000)
    expectWellFormed(validateWorkflow({ version: 1, nodes: { [huge]: { type: huge, inputs: { [huge]: huge } } } }, registry))
  })
})

describe('validateWorkflow on valid workflows', () => {
  it('accepts every workflow built from the counting nodes\' descriptions, with random in-range values', () => {
    const types = ['Number', 'Add', 'Scale', 'Text', 'Seeded', 'Show']
    fc.assert(fc.property(validWorkflowArb(counting, { types, randomNumbers: true }), (workflow) => {
      const result = validateWorkflow(workflow, counting)
      expect(result.issues).toEqual([])
      expectUnpolluted()
    }), { numRuns: 500 })
  })

  it('accepts every workflow built from the built-in nodes\' descriptions', () => {
    const types = ['LoadModel', 'Tokenizer', 'TextEncoder', 'EmptyLatent', 'Scheduler', 'UNetCFG', 'VAEDecode', 'VAEEncode', 'SaveImage', 'PreviewImage', 'PrimitiveInt', 'PrimitiveString', 'SaveText']
    fc.assert(fc.property(validWorkflowArb(builtin, { types }), (workflow) => {
      const result = validateWorkflow(workflow, builtin)
      expect(result.issues).toEqual([])
      expectUnpolluted()
    }), { numRuns: 300 })
  })
})
