/**
 * The server on a model-free registry (SlowText -> SaveText): the HTTP API, the WebSocket
 * stream, files, errors and the security defaults. The pipeline itself: test/server.test.ts.
 */
import { readFile, symlink, writeFile } from 'node:fs/promises'
import http from 'node:http'
import path from 'node:path'
import { encode } from 'fast-png'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { slowRegistry, slowWorkflow } from './test-support/slow-nodes.js'
import { openSocket, removeFolders, startTestServer, waitForHistory, type TestServer } from './test-support/test-server.js'
import { startServer } from './start-server.js'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer({ registry: slowRegistry(), maxUploadBytes: 64 * 1024, maxJsonBytes: 256 * 1024, editorDir: '/nonexistent' })
})
afterAll(async () => {
  await server.close()
  await removeFolders(server.folders)
})

describe('the prompt API', () => {
  it('queues a prompt, streams its events to its client and records the history', async () => {
    const socket = await openSocket(server.url, 'client-1')
    const status = await socket.waitFor((message) => message.type === 'status')
    expect(status.data).toEqual({ status: { exec_info: { queue_remaining: 0 } }, sid: 'client-1' })

    const queued = await server.post('/prompt', { prompt: slowWorkflow({ text: 'first' }), client_id: 'client-1' })
    expect(queued.status).toBe(200)
    expect(queued.json).toEqual({ prompt_id: expect.any(String), number: expect.any(Number), node_errors: {} })
    const id = queued.json.prompt_id as string
    await socket.waitFor((message) => message.type === 'executing' && message.data.node === null)
    const stream = socket.messages.filter((message) => message.data.prompt_id === id || message.type === 'status')
    expect(stream.filter((message) => message.type !== 'status' && message.type !== 'progress').map((message) => [message.type, message.data.node ?? null])).toEqual([
      ['execution_start', null],
      ['execution_cached', null],
      ['executing', 'slow'],
      ['executing', 'save'],
      ['executed', 'save'],
      ['execution_success', null],
      ['executing', null],
    ])
    expect(stream.filter((message) => message.type === 'progress').map((message) => message.data)).toEqual([
      { prompt_id: id, node: 'slow', value: 1, max: 2 },
      { prompt_id: id, node: 'slow', value: 2, max: 2 },
    ])
    expect(socket.binary.length).toBe(2)
    expect([socket.binary[0]!.readUInt32BE(0), socket.binary[0]!.readUInt32BE(4)]).toEqual([1, 2])
    expect(socket.binary[0]!.subarray(8, 12).toString('latin1')).toBe('\x89PNG')
    expect(socket.messages.some((message) => message.type === 'status' && message.data.status.exec_info.queue_remaining === 1)).toBe(true)

    const entry = await waitForHistory(server, id)
    expect(entry.status).toMatchObject({ status_str: 'success', completed: true })
    expect(entry.status.messages.map(([type]: [string]) => type)).toEqual(['execution_start', 'execution_cached', 'execution_success'])
    expect(entry.prompt).toEqual([queued.json.number, id, expect.objectContaining({ slow: expect.objectContaining({ class_type: 'SlowText' }) }), { client_id: 'client-1' }, ['save']])
    const file = entry.outputs.save.texts[0]
    expect(file).toEqual({ filename: 'slow_00001_.txt', subfolder: '', type: 'output' })
    const view = await server.api(`/view?filename=${file.filename}&type=output`)
    expect(view).toMatchObject({ status: 200, text: 'first 0' })
    expect((await server.api('/api/prompt')).json).toEqual({ exec_info: { queue_remaining: 0 } })
    socket.close()
  })

  it('answers 400 with node_errors naming node and input, and queues nothing', async () => {
    const bad = slowWorkflow({ steps: 0 })
    const response = await server.post('/prompt', { prompt: bad })
    expect(response.status).toBe(400)
    expect(response.json.error.type).toBe('prompt_outputs_failed_validation')
    expect(response.json.node_errors.slow).toMatchObject({
      class_type: 'SlowText',
      dependent_outputs: ['save'],
      errors: [{ type: 'value_smaller_than_min', code: 'out_of_range', extra_info: { input_name: 'steps' } }],
    })
    expect((await server.post('/prompt', '{"prompt": ')).json.error.type).toBe('invalid_json')
    expect((await server.post('/prompt', { client_id: 'x' })).json).toMatchObject({ error: { type: 'no_prompt' }, node_errors: {} })
    expect((await server.api('/queue')).json).toEqual({ queue_running: [], queue_pending: [] })
  })

  it('records a failed prompt with its error and runs the next one', async () => {
    const failing = await server.post('/prompt', { prompt: slowWorkflow({ fail: true, text: 'boom' }) })
    const next = await server.post('/prompt', { prompt: slowWorkflow({ text: 'after' }) })
    const failed = await waitForHistory(server, failing.json.prompt_id)
    expect(failed.status.status_str).toBe('error')
    expect(failed.status.completed).toBe(false)
    const error = failed.status.messages.find(([type]: [string]) => type === 'execution_error')
    expect(error[1]).toMatchObject({ node_id: 'slow', node_type: 'SlowText', exception_message: 'SlowText failed on purpose (boom)' })
    expect((await waitForHistory(server, next.json.prompt_id)).status.status_str).toBe('success')
  })

  it('keeps seeds up to 2^64-1 exact, from the request to the node and back', async () => {
    const prompt = '{"1":{"class_type":"SlowText","inputs":{"text":"seed","ms":0,"steps":1,"seed":18446744073709551615}},"2":{"class_type":"SaveText","inputs":{"text":["1",0],"filename_prefix":"seed"}}}'
    const queued = await server.post('/prompt', `{"prompt":${prompt}}`)
    expect(queued.status).toBe(200)
    await waitForHistory(server, queued.json.prompt_id)
    const raw = await server.api(`/history/${queued.json.prompt_id}`)
    expect(raw.text).toContain('"seed":18446744073709551615')
    const file = raw.json[queued.json.prompt_id].outputs['2'].texts[0]
    expect(await readFile(path.join(server.folders.outputDir, file.filename), 'utf8')).toBe('seed 18446744073709551615')
  })
})

describe('the other endpoints', () => {
  it("describe nodes in ComfyUI's /object_info shape", async () => {
    const all = await server.api('/object_info')
    expect(Object.keys(all.json)).toEqual(['SlowText', 'SaveText'])
    expect(all.text).toContain('"seed":["INT",{"default":0,"min":0,"max":18446744073709551615,"control_after_generate":true}]')
    expect((await server.api('/object_info/SaveText')).json.SaveText).toMatchObject({ output_node: true, python_module: 'latentflow', input_order: { required: ['text', 'filename_prefix'] } })
    expect((await server.api('/object_info/Nope')).json).toEqual({})
  })

  it('report the system, the model folders, and 404s as JSON', async () => {
    const stats = (await server.api('/system_stats')).json
    expect(stats.system).toMatchObject({ python_version: 'n/a', embedded_python: false, comfyui_version: expect.any(String), ram_total: expect.any(Number) })
    expect(stats.devices[0]).toMatchObject({ type: 'cpu', index: 0 })
    expect((await server.api('/models')).json).toEqual(['checkpoints'])
    expect((await server.api('/models/checkpoints')).json).toEqual(expect.any(Array))
    expect(await server.api('/models/loras')).toMatchObject({ status: 404, json: { error: { type: 'not_found' } } })
    expect(await server.api('/no/such/route')).toMatchObject({ status: 404, json: { error: { type: 'not_found' } } })
    const page = await server.api('/')
    expect(page.status).toBe(200)
    expect(page.text).toContain('editor is not built')
  })

  it('limit JSON bodies', async () => {
    const response = await server.post('/prompt', { prompt: slowWorkflow({ text: 'x'.repeat(300 * 1024) }) })
    expect(response).toMatchObject({ status: 413, json: { error: { message: expect.any(String) } } })
  })
})

describe('files', () => {
  const png = encode({ width: 2, height: 2, channels: 3, data: new Uint8Array(12).fill(200) })
  const upload = (data: Uint8Array, name: string, fields: Record<string, string> = {}) => {
    const form = new FormData()
    form.append('image', new Blob([data as Uint8Array<ArrayBuffer>]), name)
    for (const [key, value] of Object.entries(fields)) form.append(key, value)
    return server.api('/upload/image', { method: 'POST', body: form })
  }

  it('takes PNG uploads, numbering name collisions', async () => {
    expect(await upload(png, 'cat.png')).toMatchObject({ status: 200, json: { name: 'cat.png', subfolder: '', type: 'input' } })
    expect((await upload(png, 'cat.png')).json).toEqual({ name: 'cat (1).png', subfolder: '', type: 'input' })
    expect((await upload(png, 'cat.png', { overwrite: 'true' })).json.name).toBe('cat.png')
    expect((await upload(png, 'café.png')).json.name).toBe('café.png')
    expect((await upload(png, 'dog.png', { subfolder: 'pets', type: 'temp' })).json).toEqual({ name: 'dog.png', subfolder: 'pets', type: 'temp' })
    const back = await fetch(`${server.url}/view?filename=dog.png&subfolder=pets&type=temp`)
    expect(back.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await back.arrayBuffer()).equals(Buffer.from(png))).toBe(true)
  })

  it('refuses what is not an image, too large, or aimed outside the folders', async () => {
    expect(await upload(new TextEncoder().encode('<html>hi</html>'), 'page.png')).toMatchObject({ status: 400, json: { error: { type: 'invalid_image' } } })
    expect(await upload(new Uint8Array(65 * 1024), 'big.png')).toMatchObject({ status: 413, json: { error: { type: 'file_too_large' } } })
    expect(await upload(png, 'x.png', { subfolder: '../escape' })).toMatchObject({ status: 400, json: { error: { type: 'invalid_path' } } })
    expect(await upload(png, 'x.png', { type: 'data' })).toMatchObject({ status: 400, json: { error: { type: 'invalid_type' } } })
    expect((await server.api('/upload/image', { method: 'POST', body: 'nothing' })).status).toBe(400)
  })

  it('never serves a path outside the output, input and temp folders', async () => {
    await writeFile(path.join(server.folders.root, 'secret.txt'), 'secret')
    await symlink(path.join(server.folders.root, 'secret.txt'), path.join(server.folders.outputDir, 'link.txt'))
    for (const query of [
      'filename=../secret.txt',
      'filename=secret.txt&subfolder=..',
      `filename=${encodeURIComponent(path.join(server.folders.root, 'secret.txt'))}`,
      `filename=secret.txt&subfolder=${encodeURIComponent(server.folders.root)}`,
      'filename=..%2Fsecret.txt',
      'filename=secret.txt&type=../..',
    ]) {
      const response = await server.api(`/view?${query}`)
      expect(response.status, query).toBe(400)
      expect(response.json.error).toBeDefined()
    }
    expect((await server.api('/view?filename=link.txt')).status).toBe(403)
    expect((await server.api('/view?filename=missing.png')).status).toBe(404)
  })
})

describe('security defaults', () => {
  it('refuses cross-origin POSTs and WebSockets, allows same-origin and localhost', async () => {
    const foreign = await server.post('/prompt', { prompt: slowWorkflow() }, { Origin: 'https://evil.example' })
    expect(foreign).toMatchObject({ status: 403, json: { error: { type: 'forbidden_origin' } } })
    expect((await server.post('/queue', { clear: true }, { Origin: 'http://localhost:5173' })).status).toBe(200)
    expect((await server.post('/queue', { clear: true }, { Origin: server.url })).status).toBe(200)
    await expect(openSocket(server.url, 'evil', { origin: 'https://evil.example' })).rejects.toMatchObject({ status: 403 })
    const ok = await openSocket(server.url, 'local', { origin: server.url })
    ok.close()
  })

  it('refuses Host names that are not this machine (DNS rebinding)', async () => {
    // fetch may not set Host; node:http may.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      http.get(`${server.url}/queue`, { headers: { Host: 'rebound.example:8188' } }, (response) => {
        response.resume()
        resolve(response.statusCode)
      }).on('error', reject)
    })
    expect(status).toBe(403)
  })

  it('needs a token to listen beyond loopback, and then on every request', async () => {
    await expect(startServer({ host: '0.0.0.0', port: 0, dataDir: path.join(server.folders.root, 'data2') })).rejects.toThrow(/token/)
    const remote = await startTestServer({ host: '0.0.0.0', token: 's3cret', registry: slowRegistry() })
    try {
      const base = remote.url.replace('0.0.0.0', '127.0.0.1')
      expect((await fetch(`${base}/queue`)).status).toBe(401)
      expect((await fetch(`${base}/queue`, { headers: { Authorization: 'Bearer s3cret' } })).status).toBe(200)
      expect((await fetch(`${base}/queue?token=s3cret`)).status).toBe(200)
      await expect(openSocket(base, 'c')).rejects.toMatchObject({ status: 401 })
      ;(await openSocket(base, 'c', { query: '&token=s3cret' })).close()
    } finally {
      await remote.close()
      await removeFolders(remote.folders)
    }
  })
})
