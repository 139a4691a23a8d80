import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { createRegistry, defineNode, int, string, type ExecutionEvent, type NodeRegistry } from '@latentflow/engine'
import { createDefaultRegistry } from '@latentflow/nodes'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RunResultLine } from './json-lines.js'
import { runWorkflowCommand, type RunCommandOptions } from './run-command.js'

/** A text sink that keeps what was written. */
function collector(isTTY = false) {
  let text = ''
  return {
    isTTY,
    write: (chunk: string) => {
      text += chunk
      return true
    },
    get text() {
      return text
    },
  }
}

/** Reports its (typed) inputs. */
const Echo = defineNode({
  type: 'Echo',
  output: true,
  inputs: { count: int({ default: 1, min: 0, max: 10 }), label: string({ default: '' }) },
  outputs: {},
  run({ count, label }, ctx) {
    ctx.ui({ echo: [{ count, kind: typeof count, label }] })
    return {}
  },
})
const Fail = defineNode({
  type: 'Fail',
  output: true,
  inputs: {},
  outputs: {},
  run() {
    throw new RangeError('boom')
  },
})
/** Reports progress, then waits to be interrupted. */
const Wait = defineNode({
  type: 'Wait',
  output: true,
  inputs: {},
  outputs: {},
  async run(_inputs, ctx) {
    ctx.progress(1, 2)
    await new Promise<never>((_resolve, reject) => {
      if (ctx.signal.aborted) reject(new Error('aborted'))
      ctx.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true })
    })
    return {}
  },
})
const testRegistry = () => createRegistry([Echo, Fail, Wait])

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'latentflow-run-command-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function run(workflow: unknown, options: Partial<RunCommandOptions> = {}, registry: NodeRegistry = createDefaultRegistry(), signal?: AbortSignal) {
  const file = path.join(dir, 'workflow.json')
  await writeFile(file, typeof workflow === 'string' ? workflow : JSON.stringify(workflow))
  const stdout = collector()
  const stderr = collector()
  const code = await runWorkflowCommand({ workflow: 'workflow.json', ...options }, { registry, stdout, stderr, cwd: dir, ...(signal ? { signal } : {}) })
  return { code, stdout: stdout.text, stderr: stderr.text }
}

const jsonLines = (text: string) => text.trim().split('\n').map((line) => JSON.parse(line) as ExecutionEvent | RunResultLine)

const saveWorkflow = (text: string) => ({
  version: 1,
  nodes: {
    text: { type: 'PrimitiveString', inputs: { value: text } },
    save: { type: 'SaveText', inputs: { text: ['text', 'value'], filename_prefix: 'notes/run' } },
  },
})

describe('runWorkflowCommand', () => {
  it('runs a workflow, writes into ./output and lists the written files', async () => {
    const { code, stdout, stderr } = await run(saveWorkflow('hello'))
    expect(code).toBe(0)
    expect(stderr).toBe('')
    expect(await readFile(path.join(dir, 'output', 'notes', 'run_00001_.txt'), 'utf8')).toBe('hello')
    expect(stdout).toContain('done     save (SaveText)')
    expect(stdout).toContain(`Wrote 1 file(s):\n  ${path.join('output', 'notes', 'run_00001_.txt')}\n`)
  })

  it('writes into --out, resolved against cwd', async () => {
    expect((await run(saveWorkflow('x'), { out: 'elsewhere' })).code).toBe(0)
    expect(await readdir(path.join(dir, 'elsewhere', 'notes'))).toEqual(['run_00001_.txt'])
  })

  it('applies --set overrides, typed by the input', async () => {
    const { code } = await run(saveWorkflow('before'), { set: ['text.value=hello world', 'save.filename_prefix=over/ridden'] })
    expect(code).toBe(0)
    expect(await readFile(path.join(dir, 'output', 'over', 'ridden_00001_.txt'), 'utf8')).toBe('hello world')

    const echo = { version: 1, nodes: { e: { type: 'Echo', inputs: { count: 1, label: 'a' } } } }
    const { stdout } = await run(echo, { set: ['e.count=7', 'e.label=42'], json: true }, testRegistry())
    const result = jsonLines(stdout).at(-1) as RunResultLine
    expect(result.outputs.e).toEqual({ echo: [{ count: 7, kind: 'number', label: '42' }] })
  })

  it('exits 2 naming an unknown node or input in --set', async () => {
    const { code, stderr } = await run(saveWorkflow('x'), { set: ['nope.value=1', 'text.colour=red'] })
    expect(code).toBe(2)
    expect(stderr).toContain('error [missing_node] --set nope.value: the workflow has no node "nope"')
    expect(stderr).toContain('error [unknown_input] --set text.colour: node "text" (PrimitiveString) has no input "colour"')
  })

  it('exits 2 for a malformed --set', async () => {
    const { code, stderr } = await run(saveWorkflow('x'), { set: ['no-equals-sign'] })
    expect(code).toBe(2)
    expect(stderr).toContain('--set "no-equals-sign" must look like <node>.<input>=<value>')
  })

  it('exits 2 printing every issue of an invalid workflow, one per line, and runs nothing', async () => {
    const echo = { version: 1, nodes: { e: { type: 'Echo', inputs: { count: 11, label: 3 } }, x: { type: 'Nope', inputs: {} } } }
    const { code, stderr, stdout } = await run(echo, {}, testRegistry())
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr.trim().split('\n')).toEqual([
      'error [out_of_range] node "e" (Echo): input "count" must be at most 10, got 11',
      'error [invalid_value] node "e" (Echo): input "label" must be text, got 3',
      'error [unknown_node_type] node "x" (Nope): unknown node type "Nope"',
    ])
  })

  it('exits 2 for text that is not JSON and for a file that cannot be read', async () => {
    const notJson = await run('{ nope')
    expect(notJson.code).toBe(2)
    expect(notJson.stderr).toMatch(/^error \[invalid_json\] The workflow is not valid JSON/)

    const stderr = { write: (text: string) => (missing += text) }
    let missing = ''
    const code = await runWorkflowCommand({ workflow: 'missing.json' }, { registry: createDefaultRegistry(), stdout: stderr, stderr, cwd: dir })
    expect(code).toBe(2)
    expect(missing).toContain('error: cannot read the workflow "missing.json"')
  })

  it('exits 1 for a failing node, naming it, with the stack only when --verbose', async () => {
    const workflow = { version: 1, nodes: { bad: { type: 'Fail', inputs: {} } } }
    const quiet = await run(workflow, {}, testRegistry())
    expect(quiet.code).toBe(1)
    expect(quiet.stderr).toContain('error: node "bad" (Fail) failed: boom')
    expect(quiet.stderr).not.toContain('at ')

    const verbose = await run(workflow, { verbose: true }, testRegistry())
    expect(verbose.stderr).toMatch(/RangeError: boom\n\s+at /)
  })

  it('exits 1 when the output folder cannot be created', async () => {
    await writeFile(path.join(dir, 'a-file'), '')
    const { code, stderr } = await run(saveWorkflow('x'), { out: 'a-file' })
    expect(code).toBe(1)
    expect(stderr).toContain('error: node "save" (SaveText) failed: Cannot create the output folder')
  })

  it('exits 130 when interrupted, after an execution_interrupted event', async () => {
    const controller = new AbortController()
    const workflow = { version: 1, nodes: { w: { type: 'Wait', inputs: {} } } }
    const stdout = collector()
    const stderr = collector()
    const file = path.join(dir, 'wait.json')
    await writeFile(file, JSON.stringify(workflow))
    const abortOnProgress = (text: string) => {
      stdout.write(text)
      if (text.includes('"type":"progress"')) controller.abort()
    }
    const code = await runWorkflowCommand({ workflow: file, json: true }, { registry: testRegistry(), stdout: { write: abortOnProgress }, stderr, cwd: dir, signal: controller.signal })
    expect(code).toBe(130)
    const lines = jsonLines(stdout.text)
    expect(lines.map((line) => line.type)).toContain('execution_interrupted')
    expect(lines.at(-1)).toMatchObject({ type: 'result', status: 'interrupted' })
    expect(stderr.text).toContain('Interrupted')
  })

  it('with --json prints every event and a result line on stdout, human output on stderr', async () => {
    const { code, stdout, stderr } = await run(saveWorkflow('json'), { json: true })
    expect(code).toBe(0)
    const lines = jsonLines(stdout)
    expect(lines.map((line) => line.type)).toEqual(['execution_start', 'execution_cached', 'executing', 'executing', 'executed', 'execution_success', 'result'])
    expect(lines.at(-1)).toEqual({
      type: 'result',
      status: 'success',
      prompt_id: expect.any(String),
      outputs: { save: { texts: [{ filename: 'run_00001_.txt', subfolder: 'notes', type: 'output' }] } },
      executed: ['text', 'save'],
      cached: [],
      files: [path.join(dir, 'output', 'notes', 'run_00001_.txt')],
      issues: [],
    })
    expect(stderr).toContain('Wrote 1 file(s)')
  })

  it('with --json ends an invalid run with a result line holding the issues', async () => {
    const { code, stdout } = await run({ version: 1, nodes: { x: { type: 'Nope', inputs: {} } } }, { json: true })
    expect(code).toBe(2)
    expect(jsonLines(stdout)).toEqual([expect.objectContaining({ type: 'result', status: 'invalid', issues: expect.arrayContaining([expect.objectContaining({ code: 'unknown_node_type' })]) })])
  })

  it('runs the ComfyUI API format', async () => {
    const prompt = {
      '1': { class_type: 'PrimitiveString', inputs: { value: 'from comfy' } },
      '2': { class_type: 'SaveText', inputs: { text: ['1', 0], filename_prefix: 'comfy' } },
    }
    const { code } = await run(prompt, { set: ['2.filename_prefix=comfy2'] })
    expect(code).toBe(0)
    expect(await readFile(path.join(dir, 'output', 'comfy2_00001_.txt'), 'utf8')).toBe('from comfy')
  })

  it('reports a ComfyUI link to a missing output once', async () => {
    const prompt = {
      '1': { class_type: 'PrimitiveString', inputs: { value: 'x' } },
      '2': { class_type: 'SaveText', inputs: { text: ['1', 3] } },
    }
    const { code, stderr } = await run(prompt)
    expect(code).toBe(2)
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^error \[missing_output\] node "2" \(SaveText\): input "text" links to output 3 of node "1"/)])
  })
})
