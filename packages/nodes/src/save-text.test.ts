import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { createExecutor, createRegistry, type Workflow } from '@latentflow/engine'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { FileLocations } from './host-services.js'
import { PrimitiveString } from './primitive-nodes.js'
import { SaveText } from './save-text.js'

let dir: string
let files: FileLocations
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'latentflow-save-text-'))
  files = { outputDir: path.join(dir, 'output'), tempDir: path.join(dir, 'temp'), inputDir: path.join(dir, 'input') }
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const registry = createRegistry([PrimitiveString, SaveText])
const workflow = (text: string, prefix?: string): Workflow => ({
  version: 1,
  nodes: {
    text: { type: 'PrimitiveString', inputs: { value: text } },
    save: { type: 'SaveText', inputs: { text: ['text', 'value'], ...(prefix === undefined ? {} : { filename_prefix: prefix }) } },
  },
})

describe('SaveText', () => {
  it('writes <prefix>_00001_.txt in the output folder and reports it', async () => {
    const result = await createExecutor({ registry, services: { files } }).run(workflow('hello'))
    expect(result.status).toBe('success')
    expect(result.outputs.save).toEqual({ texts: [{ filename: 'latentflow_00001_.txt', subfolder: '', type: 'output' }] })
    expect(await readFile(path.join(files.outputDir, 'latentflow_00001_.txt'), 'utf8')).toBe('hello')
  })

  it('counts up across runs and never overwrites', async () => {
    const executor = createExecutor({ registry, services: { files } })
    await executor.run(workflow('one', 'notes/run'))
    const second = await executor.run(workflow('two', 'notes/run'))
    expect(second.outputs.save).toEqual({ texts: [{ filename: 'run_00002_.txt', subfolder: 'notes', type: 'output' }] })
    const folder = path.join(files.outputDir, 'notes')
    expect((await readdir(folder)).sort()).toEqual(['run_00001_.txt', 'run_00002_.txt'])
    expect(await readFile(path.join(folder, 'run_00001_.txt'), 'utf8')).toBe('one')
    expect(await readFile(path.join(folder, 'run_00002_.txt'), 'utf8')).toBe('two')
  })

  it('is cached: the same inputs again report the first file and write none', async () => {
    const executor = createExecutor({ registry, services: { files } })
    const first = await executor.run(workflow('same'))
    const again = await executor.run(workflow('same'))
    expect(again.cached).toEqual(['save'])
    expect(again.outputs.save).toEqual(first.outputs.save)
    expect(await readdir(files.outputDir)).toEqual(['latentflow_00001_.txt'])
  })

  it('accepts typed text as well as a link', async () => {
    const typed: Workflow = { version: 1, nodes: { save: { type: 'SaveText', inputs: { text: 'typed' } } } }
    await createExecutor({ registry, services: { files } }).run(typed)
    expect(await readFile(path.join(files.outputDir, 'latentflow_00001_.txt'), 'utf8')).toBe('typed')
  })

  it.each(['../escape', '/tmp/escape', 'a/../../escape'])('rejects the prefix %j at validation time', async (prefix) => {
    const result = await createExecutor({ registry, services: { files } }).run(workflow('x', prefix))
    expect(result.status).toBe('invalid')
    expect(result.issues).toEqual([expect.objectContaining({ code: 'invalid_value', node: 'save', input: 'filename_prefix' })])
  })

  it('rejects a linked prefix that would escape when it runs', async () => {
    const linked: Workflow = {
      version: 1,
      nodes: {
        prefix: { type: 'PrimitiveString', inputs: { value: '../escape' } },
        save: { type: 'SaveText', inputs: { text: 'x', filename_prefix: ['prefix', 'value'] } },
      },
    }
    const result = await createExecutor({ registry, services: { files } }).run(linked)
    expect(result.status).toBe('error')
    expect(result.error?.message).toContain('must not contain ".."')
  })

  it('fails clearly when the host gives no file locations', async () => {
    const result = await createExecutor({ registry }).run(workflow('x'))
    expect(result.status).toBe('error')
    expect(result.error?.message).toMatch(/SaveText needs file locations/)
  })
})
