import { describe, expect, it } from 'vitest'
import { defineNode } from './define-node.js'
import { int } from './inputs.js'
import { ISSUE_CODES, type IssueCode, type ValidationIssue } from './issues.js'
import { createCountingRegistry } from './test-support/counting-nodes.js'
import { validateWorkflow } from './validate.js'

const { registry } = createCountingRegistry([
  defineNode({
    type: 'Evolving',
    version: 3,
    inputs: { size: int({ default: 8 }) },
    outputs: { value: 'INT' },
    migrate: (inputs, from) => (from === 2 ? { size: inputs.width } : inputs),
    run: ({ size }) => ({ value: size }),
  }),
])

const good = {
  version: 1,
  nodes: {
    a: { type: 'Number', inputs: { value: 2 } },
    b: { type: 'Number', inputs: { value: 3 } },
    sum: { type: 'Add', inputs: { a: ['a', 'value'], b: ['b', 'value'] } },
    show: { type: 'Show', inputs: { value: ['sum', 'sum'] } },
  },
}

function codes(issues: readonly ValidationIssue[]): IssueCode[] {
  return issues.map((issue) => issue.code)
}

function withNodes(nodes: Record<string, unknown>) {
  return { version: 1, nodes: { ...good.nodes, ...nodes } }
}

describe('validateWorkflow', () => {
  it('accepts a good workflow and normalises it (defaults filled, versions stamped)', () => {
    const result = validateWorkflow(good, registry)
    expect(result.issues).toEqual([])
    expect(result.ok).toBe(true)
    expect(result.workflow?.nodes.sum).toEqual({ type: 'Add', version: 1, inputs: { a: ['a', 'value'], b: ['b', 'value'], offset: 0 } })
  })

  it('accepts JSON text', () => {
    expect(validateWorkflow(JSON.stringify(good), registry).ok).toBe(true)
  })

  it('reports text that is not JSON', () => {
    expect(codes(validateWorkflow('{"version": 1, nodes', registry).issues)).toEqual(['invalid_json'])
  })

  it.each([
    ['an array', []],
    ['a number', 42],
    ['null', null],
    ['an object without nodes', { hello: 'world' }],
    ['nodes that are not an object', { version: 1, nodes: [] }],
  ])('reports %s as invalid_shape', (_label, value) => {
    expect(codes(validateWorkflow(value, registry).issues)).toEqual(['invalid_shape'])
  })

  it("explains ComfyUI's UI format instead of guessing", () => {
    const [issue] = validateWorkflow({ nodes: [], links: [], version: 0.4 }, registry).issues
    expect(issue?.code).toBe('invalid_shape')
    expect(issue?.message).toMatch(/API format/)
  })

  it('reports bad node entries and bad values as shape issues naming the node', () => {
    const result = validateWorkflow(
      withNodes({ x: 'Number', y: { inputs: {} }, z: { type: 'Number', inputs: { value: { nested: true } } } }),
      registry,
    )
    expect(result.issues.map((issue) => [issue.code, issue.node, issue.input])).toEqual([
      ['invalid_shape', 'x', undefined],
      ['invalid_shape', 'y', undefined],
      ['invalid_value', 'z', 'value'],
    ])
  })

  it('reports a format version newer than this release', () => {
    const result = validateWorkflow({ ...good, version: 99 }, registry)
    expect(codes(result.issues)).toEqual(['unsupported_version'])
    expect(result.issues[0]?.message).toMatch(/newer/)
  })

  it('reports an unknown node type with a suggestion', () => {
    const result = validateWorkflow(withNodes({ x: { type: 'number', inputs: {} } }), registry)
    expect(codes(result.issues)).toEqual(['unknown_node_type'])
    expect(result.issues[0]).toMatchObject({ node: 'x', nodeType: 'number' })
    expect(result.issues[0]?.message).toMatch(/did you mean "Number"/)
  })

  it('reports a missing required socket input, naming node and input', () => {
    const result = validateWorkflow(withNodes({ sum: { type: 'Add', inputs: { a: ['a', 'value'] } } }), registry)
    expect(result.issues).toMatchObject([{ code: 'missing_input', node: 'sum', input: 'b', expected: 'INT' }])
  })

  it('reports an input the node does not declare', () => {
    const result = validateWorkflow(withNodes({ a: { type: 'Number', inputs: { value: 2, valeu: 3 } } }), registry)
    expect(result.issues).toMatchObject([{ code: 'unknown_input', node: 'a', input: 'valeu' }])
  })

  it('reports links to missing nodes and missing outputs', () => {
    const result = validateWorkflow(
      withNodes({ sum: { type: 'Add', inputs: { a: ['nope', 'value'], b: ['b', 'total'] } } }),
      registry,
    )
    expect(result.issues).toMatchObject([
      { code: 'missing_node', node: 'sum', input: 'a', received: 'nope' },
      { code: 'missing_output', node: 'sum', input: 'b', received: 'total', expected: ['value'] },
    ])
  })

  it('reports a socket type mismatch with both types', () => {
    const result = validateWorkflow(
      withNodes({ t: { type: 'Text', inputs: { text: 'hi' } }, sum: { type: 'Add', inputs: { a: ['t', 'text'], b: ['b', 'value'] } } }),
      registry,
    )
    expect(result.issues).toMatchObject([{ code: 'socket_type_mismatch', node: 'sum', input: 'a', expected: 'INT', received: 'STRING' }])
    expect(result.issues[0]?.message).toMatch(/expects INT, but "t.text" is STRING/)
  })

  it('lets a widget take a link from an output of its kind', () => {
    const result = validateWorkflow(
      withNodes({ t: { type: 'Text', inputs: { text: 'hi' } }, u: { type: 'Text', inputs: { text: ['t', 'text'] } } }),
      registry,
    )
    expect(result.issues).toEqual([])
  })

  it('reports values of the wrong kind', () => {
    const result = validateWorkflow(
      withNodes({
        a: { type: 'Number', inputs: { value: 'two' } },
        b: { type: 'Number', inputs: { value: 2.5 } },
        sum: { type: 'Add', inputs: { a: 5, b: ['b', 'value'] } },
        s: { type: 'Seeded', inputs: { seed: 'abc' } },
      }),
      registry,
    )
    expect(result.issues.map((issue) => [issue.code, issue.node, issue.input])).toEqual([
      ['invalid_value', 'a', 'value'],
      ['invalid_value', 'b', 'value'],
      ['invalid_value', 'sum', 'a'],
      ['invalid_value', 's', 'seed'],
    ])
  })

  it('reports values out of range', () => {
    const result = validateWorkflow(
      withNodes({
        a: { type: 'Number', inputs: { value: 5000 } },
        t: { type: 'Text', inputs: { text: 'x'.repeat(101) } },
        s: { type: 'Seeded', inputs: { seed: '18446744073709551616' } },
        big: { type: 'Seeded', inputs: { seed: 2 ** 60 } },
      }),
      registry,
    )
    expect(result.issues.map((issue) => [issue.code, issue.node])).toEqual([
      ['out_of_range', 'a'],
      ['out_of_range', 't'],
      ['out_of_range', 's'],
      ['out_of_range', 'big'],
    ])
    expect(result.issues[3]?.message).toMatch(/decimal string/)
  })

  it('accepts seeds up to 2^64-1 as strings', () => {
    const result = validateWorkflow(withNodes({ s: { type: 'Seeded', inputs: { seed: '18446744073709551615' } } }), registry)
    expect(result.issues).toEqual([])
  })

  it('reports a combo value that is not among the options, listing them', () => {
    const result = validateWorkflow(withNodes({ t: { type: 'Text', inputs: { text: 'x', mode: 'title' } } }), registry)
    expect(result.issues).toMatchObject([{ code: 'value_not_in_options', node: 't', input: 'mode', expected: ['upper', 'lower'] }])
  })

  it('reports every node of a cycle', () => {
    const result = validateWorkflow(
      withNodes({
        x: { type: 'Add', inputs: { a: ['y', 'sum'], b: ['b', 'value'] } },
        y: { type: 'Add', inputs: { a: ['x', 'sum'], b: ['b', 'value'] } },
        self: { type: 'Add', inputs: { a: ['self', 'sum'], b: ['b', 'value'] } },
      }),
      registry,
    )
    expect(result.issues.map((issue) => [issue.code, issue.node]).sort()).toEqual([
      ['cycle', 'self'],
      ['cycle', 'x'],
      ['cycle', 'y'],
    ])
  })

  it('reports a workflow without an output node', () => {
    const result = validateWorkflow({ version: 1, nodes: { a: { type: 'Number', inputs: {} } } }, registry)
    expect(result.issues).toMatchObject([{ code: 'no_output_node', node: null }])
  })

  it('reports every problem at once', () => {
    const result = validateWorkflow(
      {
        version: 1,
        nodes: {
          a: { type: 'Number', inputs: { value: 'x' } },
          b: { type: 'Nope', inputs: {} },
          c: { type: 'Add', inputs: { a: ['a', 'value'] } },
        },
      },
      registry,
    )
    expect(codes(result.issues)).toEqual(['invalid_value', 'unknown_node_type', 'missing_input', 'no_output_node'])
  })

  it('rejects prototype-polluting ids and input names without polluting', () => {
    const text = '{"version":1,"nodes":{"__proto__":{"type":"Number","inputs":{}},"a":{"type":"Number","inputs":{"constructor":1}},"s":{"type":"Show","inputs":{"value":["a","value"]}}}}'
    const result = validateWorkflow(text, registry)
    expect(result.issues.map((issue) => [issue.code, issue.node])).toEqual([
      ['invalid_shape', '__proto__'],
      ['invalid_shape', 'a'],
    ])
    expect(({} as Record<string, unknown>).type).toBeUndefined()
  })

  it('migrates a node saved with an older version, and names both versions when it cannot', () => {
    const migrated = validateWorkflow(withNodes({ e: { type: 'Evolving', version: 2, inputs: { width: 16 } } }), registry)
    expect(migrated.issues).toEqual([])
    expect(migrated.workflow?.nodes.e).toEqual({ type: 'Evolving', version: 3, inputs: { size: 16 } })

    const newer = validateWorkflow(withNodes({ e: { type: 'Evolving', version: 4, inputs: {} } }), registry)
    expect(newer.issues).toMatchObject([{ code: 'node_version_mismatch', node: 'e', expected: 3, received: 4 }])
    expect(newer.issues[0]?.message).toMatch(/version 4 .* version 3/)

    const noMigration = validateWorkflow(withNodes({ a: { type: 'Number', version: 0 + 2, inputs: {} } }), registry)
    expect(noMigration.issues).toMatchObject([{ code: 'node_version_mismatch', node: 'a' }])
  })

  it('runs a node definition’s own validate hook', () => {
    const custom = createCountingRegistry([
      defineNode({
        type: 'Even',
        output: true,
        inputs: { n: int() },
        outputs: {},
        validate: ({ n }) => ((n as number) % 2 === 0 ? [] : [{ input: 'n', message: 'must be even' }]),
        run: () => ({}),
      }),
    ]).registry
    const result = validateWorkflow({ version: 1, nodes: { e: { type: 'Even', inputs: { n: 3 } } } }, custom)
    expect(result.issues).toMatchObject([{ code: 'invalid_value', node: 'e', input: 'n', message: 'node "e" (Even): input "n": must be even' }])
    // Reported together with the node's other problems, not after they are fixed.
    const both = validateWorkflow({ version: 1, nodes: { e: { type: 'Even', inputs: { n: 3, typo: 1 } } } }, custom)
    expect(both.issues.map((issue) => issue.code)).toEqual(['unknown_input', 'invalid_value'])
  })

  it('accepts ComfyUI API format', () => {
    const result = validateWorkflow(
      {
        '1': { class_type: 'Number', inputs: { value: 2 } },
        '2': { class_type: 'Add', inputs: { a: ['1', 0], b: ['1', 0] } },
        '3': { class_type: 'Show', inputs: { value: ['2', 0] } },
      },
      registry,
    )
    expect(result.ok).toBe(true)
    expect(result.format).toBe('comfy-api')
    expect(result.workflow?.nodes['2']?.inputs).toEqual({ a: ['1', 'value'], b: ['1', 'value'], offset: 0 })
  })

  it('covers every issue code in these tests', () => {
    // A guard: a new code must come with a test above.
    expect(ISSUE_CODES).toHaveLength(15)
  })
})
