/**
 * End to end: plain-JS plugins in custom_nodes folders, loaded by the server (in process) and
 * by the `latentflow` bin (from the built dist): their nodes show in /object_info, /plugins and
 * `latentflow nodes`, run in workflows, and a node that throws names its plugin.
 * `npm test` builds first; run `npm run build` before running this file on its own.
 */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { linkEngine, textPluginCode, writePlugin } from '../packages/server/src/plugins/test-support/plugin-fixtures.js'
import { makeFolders, removeFolders, startTestServer, waitForHistory, type TestServer } from '../packages/server/src/server/test-support/test-server.js'
import { REPO_ROOT } from './repo-paths.js'

const bin = path.join(REPO_ROOT, 'packages', 'server', 'bin', 'latentflow.js')

/** PrimitiveString -> Shout (the plugin's node) -> SaveText; or Boom, which throws. */
function workflow(node: 'Shout' | 'Boom') {
  return {
    version: 1,
    nodes: {
      text: { type: 'PrimitiveString', inputs: { value: 'hello plugin' } },
      loud: { type: node, inputs: { text: ['text', 'value'] } },
      save: { type: 'SaveText', inputs: { text: ['loud', 'text'], filename_prefix: 'shout' } },
    },
  }
}

/** Writes the good plugin (Shout), a failing one (Boom) and one for a newer plugin API into `dir`. */
async function writePlugins(dir: string): Promise<void> {
  await writePlugin(dir, 'shout', { code: textPluginCode('latentflow-shout', 'Shout') })
  await writePlugin(dir, 'boom', { code: textPluginCode('latentflow-boom', 'Boom', { fail: true }) })
  await writePlugin(dir, 'future', { code: textPluginCode('latentflow-future', 'Future', { apiVersion: 2 }) })
}

describe('plugins in the server', () => {
  let server: TestServer
  beforeAll(async () => {
    const folders = await makeFolders()
    await linkEngine(folders.root)
    await writePlugins(path.join(folders.dataDir, 'custom_nodes'))
    server = await startTestServer({}, folders)
  })
  afterAll(async () => {
    await server.close()
    await removeFolders(server.folders)
  })

  it('lists the plugins and their nodes in /plugins and /object_info', async () => {
    const plugins = await server.api('/api/plugins')
    expect(plugins.status).toBe(200)
    expect(plugins.json.loaded).toEqual([
      { name: 'latentflow-boom', version: '1.0.0', path: path.join(server.folders.dataDir, 'custom_nodes', 'boom'), nodes: ['Boom'] },
      { name: 'latentflow-shout', version: '1.0.0', path: path.join(server.folders.dataDir, 'custom_nodes', 'shout'), nodes: ['Shout'] },
    ])
    expect(plugins.json.failed).toEqual([{ name: 'latentflow-future', path: path.join(server.folders.dataDir, 'custom_nodes', 'future'), error: 'plugin API 2, this Latentflow supports 1' }])
    expect((await server.api('/plugins')).json).toEqual(plugins.json)

    const info = (await server.api('/object_info')).json
    expect(info.Shout).toMatchObject({ name: 'Shout', category: 'text', python_module: 'custom_nodes.latentflow-shout', latentflow: { version: 1, plugin: 'latentflow-shout' } })
    expect(info.SaveImage.python_module).toBe('latentflow')
    expect(info.Future).toBeUndefined()
  })

  it("runs a plugin's node in a workflow", async () => {
    const queued = await server.post('/prompt', { prompt: workflow('Shout') })
    expect(queued.status).toBe(200)
    const entry = await waitForHistory(server, queued.json.prompt_id)
    expect(entry.status).toMatchObject({ status_str: 'success', completed: true })
    const file = entry.outputs.save.texts[0]
    expect(await readFile(path.join(server.folders.outputDir, file.subfolder, file.filename), 'utf8')).toBe('HELLO PLUGIN')
  })

  it('records a plugin node that throws as execution_error naming the plugin and the node', async () => {
    const queued = await server.post('/prompt', { prompt: workflow('Boom') })
    const entry = await waitForHistory(server, queued.json.prompt_id)
    expect(entry.status.status_str).toBe('error')
    const [, error] = entry.status.messages.find(([type]: [string]) => type === 'execution_error')
    expect(error).toMatchObject({ node_id: 'loud', node_type: 'Boom', plugin: 'latentflow-boom', exception_message: 'Boom exploded' })
  })
})

describe('plugins in the CLI', () => {
  let dir: string
  const latentflow = (...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [bin, ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr })
      })
    })
  beforeAll(async () => {
    if (!existsSync(path.join(REPO_ROOT, 'packages', 'server', 'dist', 'plugins', 'load-plugins.js'))) {
      throw new Error('packages/server/dist is missing the plugin loader: run `npm run build` first (`npm test` does)')
    }
    dir = await mkdtemp(path.join(os.tmpdir(), 'latentflow-cli-plugins-'))
    await linkEngine(dir)
    await writePlugins(path.join(dir, 'my-nodes'))
    await writeFile(path.join(dir, 'shout.json'), JSON.stringify(workflow('Shout')))
    await writeFile(path.join(dir, 'boom.json'), JSON.stringify(workflow('Boom')))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('runs a workflow with a plugin node from --custom-nodes', async () => {
    const result = await latentflow('run', 'shout.json', '--custom-nodes', 'my-nodes', '--out', 'out')
    expect(result.stderr).toContain('warning: plugin "latentflow-future"')
    expect(result.code).toBe(0)
    expect(await readFile(path.join(dir, 'out', 'shout_00001_.txt'), 'utf8')).toBe('HELLO PLUGIN')
  })

  it('exits 1 naming the plugin and the node when a plugin node throws', async () => {
    const result = await latentflow('run', 'boom.json', '--custom-nodes', 'my-nodes', '--out', 'out')
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('error: node "loud" (Boom, plugin latentflow-boom) failed: Boom exploded')
  })

  it('lists loaded and failed plugins in `latentflow nodes`, and none with --no-plugins', async () => {
    const text = await latentflow('nodes', '--custom-nodes', 'my-nodes')
    expect(text.code).toBe(0)
    expect(text.stdout).toMatch(/Shout \[plugin latentflow-shout\]/)
    expect(text.stdout).toContain('plugins:\n  latentflow-boom 1.0.0')
    expect(text.stdout).toContain('FAILED latentflow-future')
    expect(text.stdout).toContain('plugin API 2, this Latentflow supports 1')

    const json = JSON.parse((await latentflow('nodes', '--json', '--custom-nodes', 'my-nodes')).stdout)
    expect(json.plugins.loaded.map((plugin: { name: string }) => plugin.name)).toEqual(['latentflow-boom', 'latentflow-shout'])
    expect(json.plugins.failed).toEqual([{ name: 'latentflow-future', path: path.join(dir, 'my-nodes', 'future'), error: 'plugin API 2, this Latentflow supports 1' }])

    const none = await latentflow('run', 'shout.json', '--custom-nodes', 'my-nodes', '--no-plugins')
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('unknown node type "Shout"')
  })

  it('loads plugins from ./custom_nodes without options', async () => {
    await mkdir(path.join(dir, 'custom_nodes'))
    await writePlugin(path.join(dir, 'custom_nodes'), 'shout', { code: textPluginCode('latentflow-shout', 'Shout') })
    const result = await latentflow('run', 'shout.json', '--out', 'out2')
    expect(result.code).toBe(0)
    expect(await readFile(path.join(dir, 'out2', 'shout_00001_.txt'), 'utf8')).toBe('HELLO PLUGIN')
  })
})
