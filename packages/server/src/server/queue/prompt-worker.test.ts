/** The queue and its worker through the API: order, front, delete, clear, interrupt, restarts. */
import { afterEach, describe, expect, it } from 'vitest'
import { slowRegistry, slowWorkflow } from '../test-support/slow-nodes.js'
import { makeFolders, openSocket, removeFolders, startTestServer, waitForHistory, type TestServer } from '../test-support/test-server.js'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function start(folders?: Awaited<ReturnType<typeof makeFolders>>): Promise<TestServer> {
  const server = await startTestServer({ registry: slowRegistry() }, folders)
  cleanups.push(() => server.close())
  return server
}

async function waitUntilRunning(server: TestServer, promptId: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const queue = (await server.api('/queue')).json
    if (queue.queue_running.some((item: unknown[]) => item[1] === promptId)) return
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error(`${promptId} never ran`)
}

const queueIds = (items: unknown[][]) => items.map((item) => item[1])

describe('the queue', () => {
  it('runs in order, puts front prompts first, deletes and clears pending ones, and interrupts the running one', async () => {
    const server = await start()
    cleanups.push(() => removeFolders(server.folders))
    const socket = await openSocket(server.url, 'watcher')
    const submit = async (inputs: Parameters<typeof slowWorkflow>[0], extra: Record<string, unknown> = {}) =>
      (await server.post('/prompt', { prompt: slowWorkflow(inputs), client_id: 'watcher', ...extra })).json.prompt_id as string

    const a = await submit({ text: 'a', ms: 20_000, steps: 400 })
    await waitUntilRunning(server, a)
    const b = await submit({ text: 'b' })
    const c = await submit({ text: 'c' })
    const d = await submit({ text: 'd' }, { front: true })
    let queue = (await server.api('/queue')).json
    expect(queueIds(queue.queue_running)).toEqual([a])
    expect(queueIds(queue.queue_pending)).toEqual([d, b, c])
    expect(queue.queue_pending[0]).toEqual([expect.any(Number), d, expect.objectContaining({ slow: expect.any(Object) }), { client_id: 'watcher' }, ['save']])
    expect(queue.queue_pending[0][0]).toBeLessThan(0)
    expect((await server.api('/prompt')).json.exec_info.queue_remaining).toBe(4)

    expect((await server.post('/queue', { delete: [c] })).status).toBe(200)
    queue = (await server.api('/queue')).json
    expect(queueIds(queue.queue_pending)).toEqual([d, b])

    expect((await server.post('/interrupt', { prompt_id: 'not-running' })).json).toEqual({ interrupted: false })
    expect((await server.post('/interrupt', {})).json).toEqual({ interrupted: true })
    const interrupted = await socket.waitFor((message) => message.type === 'execution_interrupted')
    expect(interrupted.data).toMatchObject({ prompt_id: a, node_id: 'slow', node_type: 'SlowText' })
    await waitForHistory(server, b)
    const history = (await server.api('/history')).json
    expect(Object.keys(history)).toEqual([a, d, b])
    expect(history[a].status).toMatchObject({ status_str: 'error', completed: false })
    expect(history[a].status.messages.map(([type]: [string]) => type)).toContain('execution_interrupted')
    expect(history[d].status.status_str).toBe('success')

    const e = await submit({ text: 'e', ms: 20_000, steps: 400 })
    await waitUntilRunning(server, e)
    await submit({ text: 'f' })
    await submit({ text: 'g' })
    await server.post('/queue', { clear: true })
    expect((await server.api('/queue')).json.queue_pending).toEqual([])
    expect((await server.post('/interrupt', { prompt_id: e })).json).toEqual({ interrupted: true })
    await waitForHistory(server, e)
    expect((await server.api('/queue')).json).toEqual({ queue_running: [], queue_pending: [] })
    const statuses = socket.messages.filter((message) => message.type === 'status').map((message) => message.data.status.exec_info.queue_remaining)
    expect(statuses.at(-1)).toBe(0)
    socket.close()
  })

  it('keeps running when a client goes away mid-run', async () => {
    const server = await start()
    cleanups.push(() => removeFolders(server.folders))
    const socket = await openSocket(server.url, 'leaver')
    const first = (await server.post('/prompt', { prompt: slowWorkflow({ text: 'gone', ms: 300, steps: 10 }), client_id: 'leaver' })).json.prompt_id
    await socket.waitFor((message) => message.type === 'progress')
    socket.close()
    const second = (await server.post('/prompt', { prompt: slowWorkflow({ text: 'next' }), client_id: 'leaver' })).json.prompt_id
    expect((await waitForHistory(server, first)).status.status_str).toBe('success')
    expect((await waitForHistory(server, second)).status.status_str).toBe('success')
  })

  it('survives a restart: history kept, queued and cut-off prompts run, the cut-off one first', async () => {
    const folders = await makeFolders()
    cleanups.push(() => removeFolders(folders))
    const first = await start(folders)
    const done = (await first.post('/prompt', { prompt: slowWorkflow({ text: 'done' }) })).json.prompt_id
    await waitForHistory(first, done)
    const cut = (await first.post('/prompt', { prompt: slowWorkflow({ text: 'cut', ms: 20_000, steps: 400 }) })).json.prompt_id
    await waitUntilRunning(first, cut)
    const waiting = (await first.post('/prompt', { prompt: slowWorkflow({ text: 'waiting' }) })).json.prompt_id
    await expect(startTestServer({ registry: slowRegistry() }, folders)).rejects.toThrow(/in use by another Latentflow server/)
    await first.close()

    const second = await start(folders)
    expect(second.recovered).toBe(2)
    expect(Object.keys((await second.api('/history')).json)).toContain(done)
    // The cut-off prompt runs again from the start, before the one that was waiting.
    await waitUntilRunning(second, cut)
    expect(queueIds((await second.api('/queue')).json.queue_pending)).toEqual([waiting])
    await second.post('/interrupt', { prompt_id: cut })
    await waitForHistory(second, waiting)
    expect(Object.keys((await second.api('/history')).json)).toEqual([done, cut, waiting])

    expect((await second.post('/history', { delete: [done] })).status).toBe(200)
    expect(Object.keys((await second.api('/history')).json)).toEqual([cut, waiting])
    expect(Object.keys((await second.api('/history?max_items=1')).json)).toEqual([waiting])
    await second.post('/history', { clear: true })
    expect((await second.api('/history')).json).toEqual({})
  })
})
