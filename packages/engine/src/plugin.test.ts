import { describe, expect, it } from 'vitest'
import { defineNode } from './define-node.js'
import { int } from './inputs.js'
import { checkPluginCompatibility, definePlugin, PLUGIN_API_VERSION, pluginShapeProblem } from './plugin.js'
import { defineSocketType } from './socket-types.js'

const Double = defineNode({
  type: 'Double',
  inputs: { value: int({ default: 2 }) },
  outputs: { value: 'INT' },
  run: ({ value }) => ({ value: value * 2 }),
})

describe('definePlugin', () => {
  it('returns the plugin frozen, with its nodes and socket types', () => {
    const plugin = definePlugin({ name: '@me/math', version: '1.2.3', apiVersion: PLUGIN_API_VERSION, nodes: [Double], socketTypes: [defineSocketType('MATRIX', '#fff')] })
    expect(plugin.name).toBe('@me/math')
    expect(plugin.nodes).toEqual([Double])
    expect(Object.isFrozen(plugin)).toBe(true)
    expect(Object.isFrozen(plugin.nodes)).toBe(true)
    expect(plugin.socketTypes?.[0]?.name).toBe('MATRIX')
  })

  it('rejects a bad name, version, apiVersion or node', () => {
    const base = { name: 'latentflow-math', version: '1.0.0', apiVersion: 1, nodes: [Double] }
    expect(() => definePlugin({ ...base, name: 'Bad Name' })).toThrow(/must be an npm package name/)
    expect(() => definePlugin({ ...base, version: 'one' })).toThrow(/plugin "latentflow-math": version "one" must be a semver version/)
    expect(() => definePlugin({ ...base, apiVersion: 0 })).toThrow(/apiVersion must be an integer >= 1/)
    expect(() => definePlugin({ ...base, nodes: [{ type: 'X' } as never] })).toThrow(/nodes\[0\] is not a node definition made by defineNode/)
    expect(() => definePlugin({ ...base, nodes: 'Double' as never })).toThrow(/nodes must be an array/)
  })
})

describe('pluginShapeProblem', () => {
  it('accepts a plugin made by definePlugin and names what is wrong with anything else', () => {
    expect(pluginShapeProblem(definePlugin({ name: 'ok', version: '0.1.0', apiVersion: 1, nodes: [] }))).toBeUndefined()
    expect(pluginShapeProblem(undefined)).toMatch(/got undefined/)
    expect(pluginShapeProblem(() => {})).toMatch(/got function/)
    expect(pluginShapeProblem({ name: 'ok', version: '0.1.0', apiVersion: 1, nodes: [], socketTypes: [{}] })).toMatch(/socketTypes\[0\]/)
  })
})

describe('checkPluginCompatibility', () => {
  it('accepts the host API version and explains any other', () => {
    expect(checkPluginCompatibility({ apiVersion: PLUGIN_API_VERSION })).toBeUndefined()
    expect(checkPluginCompatibility({ apiVersion: 2 }, 1)).toBe('plugin API 2, this Latentflow supports 1')
    expect(checkPluginCompatibility({ apiVersion: 99 })).toBe(`plugin API 99, this Latentflow supports ${PLUGIN_API_VERSION}`)
  })
})
