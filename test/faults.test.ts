/**
 * Faults the server survives, on the embedded tiny model (in-process server): broken model
 * files, an output folder that cannot be written (or a full disk), a client that leaves mid-run,
 * and an interrupt storm. Each fault fails its prompt (or not) cleanly, is recorded in the
 * history, and the next prompt succeeds. Signals and crashes of the real process are in
 * faults-process.test.ts.
 */
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { outputFileSystem } from '@latentflow/nodes'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { openSocket, removeFolders, startTestServer, waitForHistory, type TestServer } from '../packages/server/src/server/test-support/test-server.js'
import { MODELS_DIR } from './repo-paths.js'
import { txt2img, type WorkflowJson as Workflow } from './support/txt2img-prompt.js'

const models = mkdtempSync(path.join(os.tmpdir(), 'latentflow-fault-models-'))
let server: TestServer
beforeAll(async () => {
  // Broken copies of the tiny model: the UNet missing, cut in half, or not ONNX at all.
  for (const name of ['missing', 'truncated', 'garbage']) cpSync(path.join(MODELS_DIR, 'tiny-shapes'), path.join(models, name), { recursive: true })
  rmSync(path.join(models, 'missing', 'unet', 'model.onnx'))
  const truncated = path.join(models, 'truncated', 'unet', 'model.onnx')
  truncateSync(truncated, Math.floor(statSync(truncated).size / 2))
  writeFileSync(path.join(models, 'garbage', 'unet', 'model.onnx'), 'this is not an ONNX model\n'.repeat(100))
  server = await startTestServer({ modelDirs: [models, MODELS_DIR] })
})
afterAll(async () => {
  await server.close()
  await removeFolders(server.folders)
  rmSync(models, { recursive: true, force: true })
})

async function submit(workflow: Workflow, clientId?: string): Promise<string> {
  const response = await server.post('/prompt', { prompt: workflow, ...(clientId ? { client_id: clientId } : {}) })
  expect(response.status, response.text).toBe(200)
  return response.json.prompt_id as string
}

async function waitForEmptyQueue(timeoutMs = 60_000): Promise<void> {
  const started = Date.now()
  for (;;) {
    const queue = (await server.api('/queue')).json
    if (queue.queue_running.length === 0 && queue.queue_pending.length === 0) return
    if (Date.now() - started > timeoutMs) throw new Error(`the queue did not drain in ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

const errorOf = (entry: { status: { messages: [string, { exception_message?: string }][] } }) =>
  entry.status.messages.find(([type]) => type === 'execution_error')?.[1].exception_message ?? ''

/** Files in the output folder (recursively) that are PNGs or leftover temporary files. */
function outputFiles(): { png: string[]; tmp: string[] } {
  const all = readdirSync(server.folders.outputDir, { recursive: true }).map(String)
  return { png: all.filter((file) => file.endsWith('.png')), tmp: all.filter((file) => file.endsWith('.tmp')) }
}

describe('broken model files', () => {
  it.each([
    ['missing', /missing unet[/\\]model\.onnx/],
    ['truncated', /Cannot load the ONNX model .*truncated[/\\]unet[/\\]model\.onnx/],
    ['garbage', /Cannot load the ONNX model .*garbage[/\\]unet[/\\]model\.onnx/],
  ])('a %s UNet fails the prompt with execution_error naming the file; the next prompt succeeds', async (name, message) => {
    const socket = await openSocket(server.url, `models-${name}`)
    const bad = await submit(txt2img({ 'model.model': name }), `models-${name}`)
    const error = await socket.waitFor((m) => m.type === 'execution_error' && m.data.prompt_id === bad, 60_000)
    expect(error.data.exception_message).toMatch(message)
    const entry = await waitForHistory(server, bad)
    expect(entry.status).toMatchObject({ status_str: 'error', completed: false })
    expect(errorOf(entry)).toMatch(message)
    socket.close()
    const good = await submit(txt2img())
    expect((await waitForHistory(server, good, 60_000)).status.status_str).toBe('success')
  }, 90_000)
})

describe('an output folder that cannot be written', () => {
  afterEach(() => {
    outputFileSystem.writeFile = writeFile
  })

  it('fails the prompt clearly when the output folder is not writable, leaves no file, and the queue goes on', async () => {
    const outputDir = server.folders.outputDir
    const before = outputFiles().png.length
    const aside = `${outputDir}.aside`
    renameSync(outputDir, aside)
    // Tests run as root on the test machines, where mode 0555 does not stop writes: there the
    // output folder is replaced by a plain file, so creating anything in it fails (EEXIST /
    // ENOTDIR) for every user. Other users get a real read-only folder.
    const asRoot = process.getuid?.() === 0
    if (asRoot) writeFileSync(outputDir, 'a file where the output folder should be')
    else {
      mkdirSync(outputDir)
      chmodSync(outputDir, 0o555)
    }
    try {
      const bad = await submit(txt2img())
      const entry = await waitForHistory(server, bad, 60_000)
      expect(entry.status.status_str).toBe('error')
      expect(errorOf(entry)).toMatch(/Cannot (create the output folder|write the output file)/)
      expect(errorOf(entry)).toContain(outputDir)
      if (!asRoot) expect(readdirSync(outputDir)).toEqual([]) // nothing, not even a temporary file
    } finally {
      if (!asRoot) chmodSync(outputDir, 0o755)
      rmSync(outputDir, { recursive: true, force: true })
      renameSync(aside, outputDir)
    }
    expect(outputFiles()).toEqual({ png: expect.any(Array), tmp: [] })
    expect(outputFiles().png.length).toBe(before)
    const good = await submit(txt2img())
    expect((await waitForHistory(server, good, 60_000)).status.status_str).toBe('success')
  }, 90_000)

  it('fails the prompt on a full disk (ENOSPC after a partial write): no half-written PNG, no temporary file', async () => {
    const before = outputFiles().png.length
    let calls = 0
    // The seam: the first write puts half the bytes on disk, then the disk is full.
    outputFileSystem.writeFile = (async (file: string, data: Uint8Array) => {
      calls++
      await writeFile(file, data.subarray(0, Math.floor(data.length / 2)), { flag: 'wx' })
      throw Object.assign(new Error(`ENOSPC: no space left on device, write '${file}'`), { code: 'ENOSPC' })
    }) as typeof writeFile
    const bad = await submit(txt2img())
    const entry = await waitForHistory(server, bad, 60_000)
    outputFileSystem.writeFile = writeFile
    expect(calls).toBe(1)
    expect(entry.status.status_str).toBe('error')
    expect(errorOf(entry)).toMatch(/Cannot write the output file .*ENOSPC: no space left on device/)
    expect(outputFiles()).toEqual({ png: expect.any(Array), tmp: [] })
    expect(outputFiles().png.length).toBe(before)
    const good = await submit(txt2img())
    expect((await waitForHistory(server, good, 60_000)).status.status_str).toBe('success')
    expect(outputFiles().png.length).toBe(before + 1)
  }, 90_000)
})

describe('clients and interrupts', () => {
  it('finishes a run whose client disconnects during progress, records it, and keeps serving', async () => {
    const socket = await openSocket(server.url, 'leaver')
    const id = await submit(txt2img({ 'scheduler.steps': 100 }), 'leaver')
    await socket.waitFor((m) => m.type === 'progress' && m.data.prompt_id === id, 60_000)
    socket.close()
    const entry = await waitForHistory(server, id, 90_000)
    expect(entry.status.status_str).toBe('success')
    expect(entry.outputs.save.images).toHaveLength(1)
    expect((await server.api('/system_stats')).status).toBe(200)
  }, 120_000)

  it('survives an interrupt storm: every prompt ends (success or interrupted), the queue drains, the next one succeeds', async () => {
    const ids: string[] = []
    for (let i = 0; i < 6; i++) ids.push(await submit(txt2img({ 'scheduler.steps': 30 })))
    const storm: Promise<unknown>[] = []
    for (let i = 0; i < 150; i++) {
      storm.push(server.post('/interrupt', i % 3 === 0 ? { prompt_id: ids[i % ids.length] } : {}).then((r) => expect(r.status).toBe(200)))
      if (i % 40 === 20) ids.push(await submit(txt2img({ 'scheduler.steps': 10 })))
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    await Promise.all(storm)
    await waitForEmptyQueue()
    const history = (await server.api('/history')).json
    const outcomes = { success: 0, interrupted: 0 }
    for (const id of ids) {
      const entry = history[id]
      expect(entry, id).toBeDefined()
      const types = entry.status.messages.map(([type]: [string]) => type)
      if (entry.status.status_str === 'success') outcomes.success++
      else {
        expect(types, id).toContain('execution_interrupted')
        outcomes.interrupted++
      }
    }
    expect(outcomes.interrupted).toBeGreaterThan(0)
    expect(outcomes.success + outcomes.interrupted).toBe(ids.length)
    const final = await submit(txt2img())
    expect((await waitForHistory(server, final, 60_000)).status.status_str).toBe('success')
  }, 120_000)
})
