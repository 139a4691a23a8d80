/**
 * End to end: the `latentflow` command as users run it, from its bin shim and the built dist.
 * `npm test` builds first; run `npm run build` before running this file on its own.
 */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { decode } from 'fast-png'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { classify } from './support/shape-classifier.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const bin = path.join(root, 'packages', 'server', 'bin', 'latentflow.js')

interface Result {
  code: number
  stdout: string
  stderr: string
}

function latentflow(cwd: string, ...args: string[]): Promise<Result> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
      resolve({ code, stdout, stderr })
    })
  })
}

let dir: string
beforeAll(() => {
  if (!existsSync(path.join(root, 'packages', 'server', 'dist', 'cli', 'main.js'))) {
    throw new Error('packages/server/dist is missing: run `npm run build` first (`npm test` does)')
  }
})
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'latentflow-cli-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const textWorkflow = {
  version: 1,
  nodes: {
    text: { type: 'PrimitiveString', inputs: { value: 'hello' } },
    count: { type: 'PrimitiveInt', inputs: { value: 1 } },
    save: { type: 'SaveText', inputs: { text: ['text', 'value'], filename_prefix: 'notes/run' } },
  },
}

async function writeJson(name: string, value: unknown): Promise<string> {
  await writeFile(path.join(dir, name), typeof value === 'string' ? value : JSON.stringify(value))
  return name
}

describe('latentflow run', () => {
  it('runs a workflow and writes its file into --out', async () => {
    const result = await latentflow(dir, 'run', await writeJson('w.json', textWorkflow), '--out', 'out')
    expect(result).toMatchObject({ code: 0, stderr: '' })
    expect(await readFile(path.join(dir, 'out', 'notes', 'run_00001_.txt'), 'utf8')).toBe('hello')
    expect(result.stdout).toContain(path.join('out', 'notes', 'run_00001_.txt'))
  })

  it('applies --set overrides (text with spaces, numbers typed by the input)', async () => {
    const file = await writeJson('w.json', textWorkflow)
    const result = await latentflow(dir, 'run', file, '--set', 'text.value=hello world', '--set', 'count.value=42')
    expect(result.code).toBe(0)
    expect(await readFile(path.join(dir, 'output', 'notes', 'run_00001_.txt'), 'utf8')).toBe('hello world')

    const notANumber = await latentflow(dir, 'run', file, '--set', 'count.value=many')
    expect(notANumber.code).toBe(2)
    expect(notANumber.stderr).toContain('error [invalid_value] node "count" (PrimitiveInt): input "value" must be an integer, got "many"')
  })

  it('exits 2 naming an unknown node or input in --set', async () => {
    const file = await writeJson('w.json', textWorkflow)
    const unknownNode = await latentflow(dir, 'run', file, '--set', 'ghost.value=1')
    expect(unknownNode.code).toBe(2)
    expect(unknownNode.stderr).toContain('the workflow has no node "ghost"')
    const unknownInput = await latentflow(dir, 'run', file, '--set', 'text.colour=red')
    expect(unknownInput.code).toBe(2)
    expect(unknownInput.stderr).toContain('node "text" (PrimitiveString) has no input "colour"')
    expect((await latentflow(dir, 'run', file, '--set', 'malformed')).code).toBe(2)
  })

  it('exits 2 printing every issue of an invalid workflow', async () => {
    const invalid = {
      version: 1,
      nodes: {
        count: { type: 'PrimitiveInt', inputs: { value: 'three' } },
        save: { type: 'SaveText', inputs: { text: ['count', 'value'] } },
      },
    }
    const result = await latentflow(dir, 'run', await writeJson('bad.json', invalid))
    expect(result.code).toBe(2)
    expect(result.stderr.trim().split('\n')).toEqual([
      'error [invalid_value] node "count" (PrimitiveInt): input "value" must be an integer, got "three"',
      'error [socket_type_mismatch] node "save" (SaveText): input "text" expects STRING, but "count.value" is INT',
    ])
  })

  it('exits 2 for a file that is not JSON or does not exist', async () => {
    const notJson = await latentflow(dir, 'run', await writeJson('x.json', 'not json'))
    expect(notJson.code).toBe(2)
    expect(notJson.stderr).toContain('error [invalid_json]')
    expect((await latentflow(dir, 'run', 'missing.json')).code).toBe(2)
  })

  it('exits 1 when a node fails (the output folder is a file)', async () => {
    await writeFile(path.join(dir, 'occupied'), '')
    const result = await latentflow(dir, 'run', await writeJson('w.json', textWorkflow), '--out', 'occupied')
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('error: node "save" (SaveText) failed: Cannot create the output folder')
    expect(result.stderr).not.toMatch(/\n\s+at /)
    expect((await latentflow(dir, 'run', 'w.json', '--out', 'occupied', '--verbose')).stderr).toMatch(/\n\s+at /)
  })

  it('prints JSON lines with --json', async () => {
    const result = await latentflow(dir, 'run', await writeJson('w.json', textWorkflow), '--json')
    expect(result.code).toBe(0)
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string; status?: string; files?: string[] })
    const types = lines.map((line) => line.type)
    for (const type of ['execution_start', 'executing', 'executed', 'execution_success']) expect(types).toContain(type)
    expect(lines.at(-1)).toMatchObject({ type: 'result', status: 'success', files: [path.join(dir, 'output', 'notes', 'run_00001_.txt')] })
    expect(result.stderr).toContain('Wrote 1 file(s)')
  })

  it('runs the ComfyUI API format', async () => {
    const prompt = {
      '1': { class_type: 'PrimitiveString', inputs: { value: 'comfy' } },
      '2': { class_type: 'SaveText', inputs: { text: ['1', 0], filename_prefix: 'ComfyUI' } },
    }
    const result = await latentflow(dir, 'run', await writeJson('api.json', prompt))
    expect(result.code).toBe(0)
    expect(await readFile(path.join(dir, 'output', 'ComfyUI_00001_.txt'), 'utf8')).toBe('comfy')
  })
})

describe('latentflow nodes', () => {
  it('prints the registry description with --json', async () => {
    const result = await latentflow(dir, 'nodes', '--json')
    expect(result.code).toBe(0)
    const description = JSON.parse(result.stdout) as { nodes: { type: string }[]; socketTypes: unknown[] }
    expect(description.nodes.map((node) => node.type)).toEqual(expect.arrayContaining(['LoadModel', 'UNetCFG', 'SaveImage', 'PrimitiveString', 'SaveText']))
    expect(description.socketTypes.length).toBeGreaterThan(0)
  })
})

describe('latentflow run on the shipped workflows', () => {
  it('draws the prompt given with --set into a PNG', async () => {
    const result = await latentflow(dir, 'run', path.join(root, 'workflows', 'txt2img.json'), '--set', 'positive.text=a blue square on a yellow background', '--out', 'out')
    expect(result.stderr).not.toMatch(/error/i)
    expect(result.code).toBe(0)
    const png = decode(await readFile(path.join(dir, 'out', 'txt2img_00001_.png')))
    const rgb = Float32Array.from(png.data as Uint8Array, (value) => value / 255)
    expect(classify(rgb, png.height, png.width)).toEqual({ colour: 'blue', shape: 'square', background: 'yellow' })
  })

  it("runs ComfyUI's default API-format workflow unchanged but for the checkpoint and size", async () => {
    const workflow = path.join(root, 'test', 'fixtures', 'comfyui-default-api.json')
    const result = await latentflow(dir, 'run', workflow, '--set', '4.ckpt_name=tiny-shapes', '--set', '5.width=64', '--set', '5.height=64', '--set', '6.text=a white triangle on a black background', '--out', 'out')
    expect(result.stderr).not.toMatch(/error/i)
    expect(result.code).toBe(0)
    const png = decode(await readFile(path.join(dir, 'out', 'ComfyUI_00001_.png')))
    expect(classify(Float32Array.from(png.data as Uint8Array, (value) => value / 255), 64, 64)).toMatchObject({ colour: 'white', background: 'black' })
  })

  it('runs img2img from an input folder', async () => {
    const result = await latentflow(dir, 'run', path.join(root, 'workflows', 'img2img.json'), '--input', path.join(root, 'workflows', 'input'), '--out', 'out')
    expect(result.code).toBe(0)
    expect(existsSync(path.join(dir, 'out', 'img2img_00001_.png'))).toBe(true)
  })

  it('exits 2 naming the node and input for a width that is not a multiple of 8', async () => {
    const result = await latentflow(dir, 'run', path.join(root, 'workflows', 'txt2img.json'), '--set', 'latent.width=100')
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/node "latent" \(EmptyLatent\): input "width" must be a multiple of 8/)
  })
})
