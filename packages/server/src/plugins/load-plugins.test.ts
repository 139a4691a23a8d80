import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { createRegistry, defineNode, string, type NodeRegistry } from '@latentflow/engine'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { checkEngineRange } from './engine-compatibility.js'
import { loadPlugins } from './load-plugins.js'
import { pluginSources } from './plugin-sources.js'
import { linkEngine, textPluginCode, writePlugin } from './test-support/plugin-fixtures.js'

const SaveImage = defineNode({ type: 'SaveImage', output: true, inputs: { prefix: string() }, outputs: {}, run: () => ({}) })

let root: string
let customNodes: string
let registry: NodeRegistry
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'latentflow-plugins-'))
  await linkEngine(root)
  customNodes = path.join(root, 'custom_nodes')
  await mkdir(customNodes)
  registry = createRegistry([SaveImage])
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

describe('loadPlugins', () => {
  it('loads the good plugin and reports each broken one with its reason', async () => {
    await writePlugin(customNodes, 'a-good', { code: textPluginCode('latentflow-good', 'Shout') })
    await writePlugin(customNodes, 'b-throws', { code: `import '@latentflow/engine'\nthrow new Error('no GPU here')\n` })
    await writePlugin(customNodes, 'c-duplicate', { code: textPluginCode('latentflow-dup', 'Shout') })
    await writePlugin(customNodes, 'd-builtin', { code: textPluginCode('latentflow-builtin', 'SaveImage') })
    await writePlugin(customNodes, 'e-future', { code: textPluginCode('latentflow-future', 'Future', { apiVersion: 99 }) })
    await writePlugin(customNodes, 'f-old-engine', { code: textPluginCode('latentflow-old', 'Old'), packageJson: { latentflow: { plugin: './index.js', engine: '^9.0.0' } } })
    await writePlugin(customNodes, 'g-not-a-plugin', { code: 'export default { hello: 1 }\n' })

    const report = await loadPlugins(registry, pluginSources({ cwd: root }))

    expect(report.loaded).toEqual([{ name: 'latentflow-good', version: '1.0.0', path: path.join(customNodes, 'a-good'), nodes: ['Shout'] }])
    expect(registry.get('Shout')?.plugin).toBe('latentflow-good')
    const reasons = Object.fromEntries(report.failed.map((failure) => [path.basename(failure.path), failure]))
    expect(reasons['b-throws']).toMatchObject({ name: 'b-throws', error: expect.stringMatching(/^importing .*index\.js failed: no GPU here$/) })
    expect(reasons['c-duplicate']).toMatchObject({ name: 'latentflow-dup', error: 'Node type "Shout" is already registered by latentflow-good' })
    expect(reasons['d-builtin']).toMatchObject({ error: 'Node type "SaveImage" is already registered by the built-in nodes' })
    expect(reasons['e-future']).toMatchObject({ name: 'latentflow-future', error: 'plugin API 99, this Latentflow supports 1' })
    expect(reasons['f-old-engine']).toMatchObject({ error: 'needs @latentflow/engine ^9.0.0, this Latentflow has 0.1.0' })
    expect(reasons['g-not-a-plugin']?.error).toMatch(/^the default export is not a plugin made by definePlugin: name undefined/)
    expect(report.failed).toHaveLength(6)
    expect(registry.has('Future')).toBe(false)
    expect(registry.has('Old')).toBe(false)
    expect(registry.get('SaveImage')?.plugin).toBeUndefined()
  })

  it('finds the entry from exports or main, and says when it is missing or unbuilt', async () => {
    await writePlugin(customNodes, 'by-exports', { code: textPluginCode('by-exports', 'ByExports'), packageJson: { latentflow: undefined, exports: { '.': { import: './index.js' } } } })
    await writePlugin(customNodes, 'by-main', { code: textPluginCode('by-main', 'ByMain'), packageJson: { latentflow: { engine: '>=0.1.0' }, main: 'index.js' } })
    await writePlugin(customNodes, 'unbuilt', { code: '', packageJson: { latentflow: { plugin: './dist/index.js' } } })
    await mkdir(path.join(customNodes, 'no-manifest'))
    await mkdir(path.join(customNodes, '.hidden'))

    const report = await loadPlugins(registry, pluginSources({ cwd: root }))

    expect(report.loaded.map((plugin) => plugin.name)).toEqual(['by-exports', 'by-main'])
    expect(report.failed).toEqual([
      { path: path.join(customNodes, 'no-manifest'), error: 'no package.json: a plugin folder needs one, naming its entry as "latentflow": { "plugin": "./dist/index.js" }' },
      { name: 'unbuilt', path: path.join(customNodes, 'unbuilt'), error: 'the entry ./dist/index.js does not exist (is the plugin built?)' },
    ])
  })

  it('loads packages listed in latentflow.config.json and --custom-nodes folders', async () => {
    await writePlugin(path.join(root, 'node_modules'), 'latentflow-plugin-npm', { code: textPluginCode('latentflow-plugin-npm', 'FromNpm') })
    await writeFile(path.join(root, 'latentflow.config.json'), JSON.stringify({ plugins: ['latentflow-plugin-npm', 'latentflow-missing'] }))
    const extra = path.join(root, 'more')
    await writePlugin(extra, 'extra', { code: textPluginCode('extra', 'Extra') })

    const report = await loadPlugins(registry, pluginSources({ cwd: root, customNodes: ['more'] }))

    expect(report.loaded.map((plugin) => [plugin.name, plugin.nodes])).toEqual([['extra', ['Extra']], ['latentflow-plugin-npm', ['FromNpm']]])
    expect(report.failed).toEqual([
      { name: 'latentflow-missing', path: path.join(root, 'latentflow.config.json'), error: `cannot find the package "latentflow-missing" from ${root} (npm install it there)` },
    ])
  })

  it("registers a plugin's socket types with their colours", async () => {
    await writePlugin(customNodes, 'matrix', {
      code: `import { defineNode, definePlugin, defineSocketType, input } from '@latentflow/engine'
const Transpose = defineNode({ type: 'Transpose', inputs: { m: input('MATRIX') }, outputs: { m: 'MATRIX' }, run: ({ m }) => ({ m }) })
export default definePlugin({ name: 'matrix', version: '0.1.0', apiVersion: 1, description: 'Matrices', nodes: [Transpose], socketTypes: [defineSocketType('MATRIX', '#123456')] })
`,
    })
    const report = await loadPlugins(registry, pluginSources({ cwd: root }))
    expect(report.loaded).toEqual([{ name: 'matrix', version: '0.1.0', description: 'Matrices', path: path.join(customNodes, 'matrix'), nodes: ['Transpose'] }])
    expect(registry.socketType('MATRIX')).toEqual({ name: 'MATRIX', color: '#123456' })
  })

  it('loads nothing when there are no sources', async () => {
    expect(await loadPlugins(registry, pluginSources({ cwd: path.join(root, 'nowhere') }))).toEqual({ loaded: [], failed: [] })
  })
})

describe('checkEngineRange', () => {
  it('checks ranges with semver', () => {
    expect(checkEngineRange('^0.1.0', '0.1.5')).toBeUndefined()
    expect(checkEngineRange('~0.1.0', '0.2.0')).toBe('needs @latentflow/engine ~0.1.0, this Latentflow has 0.2.0')
    expect(checkEngineRange('>=0.1.0', '1.0.0')).toBeUndefined()
    expect(checkEngineRange('banana', '0.1.0')).toBe('"latentflow.engine" "banana" is not a semver range (e.g. "^0.1.0")')
  })
})
