import { describe, expect, it } from 'vitest'
import { migrateFormat } from './migrate.js'
import { readWorkflow } from './read-workflow.js'
import { createCountingRegistry } from './test-support/counting-nodes.js'

describe('format migrations', () => {
  // A hypothetical format 0 kept links as "node:output" strings.
  const fromZero = {
    from: 0,
    migrate: (raw: Record<string, unknown>) => {
      const nodes = raw.nodes as Record<string, { type: string; inputs: Record<string, unknown> }>
      const upgraded = Object.fromEntries(
        Object.entries(nodes).map(([id, node]) => [
          id,
          { ...node, inputs: Object.fromEntries(Object.entries(node.inputs).map(([k, v]) => [k, typeof v === 'string' && v.startsWith('@') ? v.slice(1).split(':') : v])) },
        ]),
      )
      return { ...raw, nodes: upgraded }
    },
  }

  it('upgrades an older format through the chain', () => {
    const { registry } = createCountingRegistry()
    const old = { version: 0, nodes: { a: { type: 'Number', inputs: {} }, out: { type: 'Show', inputs: { value: '@a:value' } } } }
    const result = readWorkflow(old, registry, { formatMigrations: [fromZero] })
    expect(result.issues).toEqual([])
    expect(result.workflow?.version).toBe(1)
    expect(result.workflow?.nodes.out?.inputs.value).toEqual(['a', 'value'])
  })

  it('explains a version it cannot reach', () => {
    expect(migrateFormat({ version: 0, nodes: {} }, [])).toEqual({ error: 'no migration from format version 0' })
    expect(migrateFormat({ version: 'one', nodes: {} })).toMatchObject({ error: expect.stringMatching(/format version number/) })
  })
})
