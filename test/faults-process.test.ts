/**
 * The real `latentflow serve` process stopped mid-run (the bin shim and the built dist; `npm
 * test` builds first): SIGTERM is a graceful shutdown (the running prompt stays queued, exit 0
 * promptly) and SIGKILL a crash; either way a restart on the same data folder runs the cut-off
 * prompt first, then the queued ones, and the history from before is intact.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { openSocket } from '../packages/server/src/server/test-support/test-server.js'
import { REPO_ROOT } from './repo-paths.js'
import { txt2img } from './support/txt2img-prompt.js'

const bin = path.join(REPO_ROOT, 'packages', 'server', 'bin', 'latentflow.js')

interface Served {
  readonly child: ChildProcessWithoutNullStreams
  readonly url: string
  readonly banner: string
  readonly exited: Promise<number | null>
}

let dir: string
const children: ChildProcessWithoutNullStreams[] = []
beforeAll(() => {
  if (!existsSync(path.join(REPO_ROOT, 'packages', 'server', 'dist', 'cli', 'main.js'))) {
    throw new Error('packages/server/dist is missing or stale: run `npm run build` first (`npm test` does)')
  }
})
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'latentflow-faults-'))
})
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  await rm(dir, { recursive: true, force: true })
})

/** Starts `latentflow serve --port 0` on `dir`'s folders; resolves with the URL it prints. */
async function serve(): Promise<Served> {
  const args = [bin, 'serve', '--port', '0', '--data', 'data', '--output', 'output', '--input', 'input', '--temp', 'temp', '--no-plugins']
  const child = spawn(process.execPath, args, { cwd: dir, env: { ...process.env, LATENTFLOW_TOKEN: '' } })
  children.push(child)
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  let stdout = ''
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const banner = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      if (/serving on http:\/\/\S+/.test(stdout)) resolve(stdout)
    })
    void exited.then((code) => reject(new Error(`exited with ${code}: ${stderr}`)))
  })
  return { child, url: /serving on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)![1]!, banner, exited }
}

async function api(url: string, pathname: string, body?: unknown) {
  const response = await fetch(`${url}${pathname}`, body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, json: (await response.json()) as any }
}

async function submit(url: string, steps: number, clientId = 'faults'): Promise<string> {
  const response = await api(url, '/prompt', { prompt: txt2img({ 'scheduler.steps': steps }), client_id: clientId })
  expect(response.status).toBe(200)
  return response.json.prompt_id as string
}

async function waitForHistory(url: string, id: string, timeoutMs = 60_000) {
  const started = Date.now()
  for (;;) {
    const entry = (await api(url, `/history/${id}`)).json[id]
    if (entry) return entry
    if (Date.now() - started > timeoutMs) throw new Error(`prompt ${id} did not finish in ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

const running = async (url: string) => (await api(url, '/queue')).json.queue_running.map((item: unknown[]) => item[1])

describe('latentflow serve stopped mid-run', () => {
  it('SIGTERM: stops gracefully (exit 0, the running prompt stays queued), and the restart runs it to success', async () => {
    const first = await serve()
    const socket = await openSocket(first.url, 'faults')
    const id = await submit(first.url, 300)
    await socket.waitFor((m) => m.type === 'progress' && m.data.prompt_id === id && m.data.value >= 5, 60_000)
    const signalled = Date.now()
    first.child.kill('SIGTERM')
    expect(await first.exited).toBe(0)
    expect(Date.now() - signalled).toBeLessThan(5_000)
    // Not marked failed: no history entry, no image; it is still queued.
    expect(socket.messages.some((m) => m.type === 'execution_error' || (m.type === 'executing' && m.data.node === null))).toBe(false)
    socket.close()

    const second = await serve()
    expect(second.banner).toContain('(1 prompt(s) resumed from the last run)')
    const entry = await waitForHistory(second.url, id, 90_000)
    expect(entry.status.status_str).toBe('success')
    expect(Object.keys((await api(second.url, '/history')).json)).toEqual([id])
    expect(readdirSync(path.join(dir, 'output')).filter((file) => file.endsWith('.png'))).toHaveLength(1)
    second.child.kill('SIGTERM')
    expect(await second.exited).toBe(0)
  }, 150_000)

  it('SIGKILL: the restart resumes the cut-off prompt first, then the queued ones; the earlier history is intact', async () => {
    const first = await serve()
    const done = await submit(first.url, 4)
    expect((await waitForHistory(first.url, done)).status.status_str).toBe('success')
    const socket = await openSocket(first.url, 'faults')
    const cut = await submit(first.url, 300)
    const queued = [await submit(first.url, 4), await submit(first.url, 4)]
    await socket.waitFor((m) => m.type === 'progress' && m.data.prompt_id === cut, 60_000)
    socket.close()
    first.child.kill('SIGKILL')
    expect(await first.exited).toBe(null)

    const second = await serve() // the lock of the killed process is stale: taken over
    expect(second.banner).toContain('(3 prompt(s) resumed from the last run)')
    expect(await running(second.url)).toEqual([cut])
    for (const id of [cut, ...queued]) expect((await waitForHistory(second.url, id, 90_000)).status.status_str).toBe('success')
    expect(Object.keys((await api(second.url, '/history')).json)).toEqual([done, cut, ...queued])
    second.child.kill('SIGTERM')
    expect(await second.exited).toBe(0)
  }, 150_000)
})
