/**
 * Adversarial requests against the real server, each test failing if its protection goes:
 * path traversal on every file endpoint and file-naming input, cross-origin writes and
 * WebSockets, remote binds without a token, files that are not images or are decompression
 * bombs, and prototype-pollution keys in JSON bodies. The threat model: docs/security.md.
 */
import { existsSync } from 'node:fs'
import { readdir, writeFile } from 'node:fs/promises'
import http from 'node:http'
import path from 'node:path'
import { crc32, deflateSync } from 'node:zlib'
import { encode } from 'fast-png'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { slowRegistry, slowWorkflow } from './test-support/slow-nodes.js'
import { openSocket, removeFolders, startTestServer, waitForHistory, type TestServer } from './test-support/test-server.js'
import { ServerConfigError, startServer } from './start-server.js'

const SECRET = 'top-secret-content'
let server: TestServer

beforeAll(async () => {
  // The built-in registry (SaveImage, PreviewImage, LoadImage...): nothing here runs a model.
  server = await startTestServer({ plugins: false, maxQueue: 3, editorDir: '/nonexistent' })
  await writeFile(path.join(server.folders.root, 'secret.txt'), SECRET)
  await writeFile(path.join(server.folders.root, 'secret.png'), SECRET)
})
afterAll(async () => {
  await server.close()
  await removeFolders(server.folders)
})

/** A PNG chunk: length, type, data, CRC. */
function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/** A ~100-byte PNG whose header declares width x height RGB pixels (20000 x 20000 = 1.2 GB decoded). */
function pngBomb(width = 20_000, height = 20_000): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8-bit RGB, deflate, no filter, no interlace
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.alloc(1024))), chunk('IEND', Buffer.alloc(0))])
}

const png = encode({ width: 2, height: 2, channels: 3, data: new Uint8Array(12).fill(100) })

function upload(data: Uint8Array, name: string, fields: Record<string, string> = {}, headers: Record<string, string> = {}) {
  const form = new FormData()
  form.append('image', new Blob([data as Uint8Array<ArrayBuffer>]), name)
  for (const [key, value] of Object.entries(fields)) form.append(key, value)
  return server.api('/upload/image', { method: 'POST', body: form, headers })
}

/** GET with the path sent byte for byte (fetch would normalise `..` and backslashes). */
function rawGet(pathname: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port: server.port, path: pathname }, (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (part: string) => (body += part))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }))
    }).on('error', reject)
  })
}

/** Every file under the server's temporary root, relative to it. */
async function allFiles(): Promise<string[]> {
  const entries = await readdir(server.folders.root, { recursive: true, withFileTypes: true })
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(server.folders.root, path.join(entry.parentPath, entry.name)))
}

describe('path traversal', () => {
  const root = () => server.folders.root
  it('GET /view refuses every way out of the folders: encoded, backslashes, null bytes, absolute paths', async () => {
    const queries = [
      'filename=..%2Fsecret.txt', 'filename=%2e%2e%2Fsecret.txt', 'filename=%2E%2E/secret.txt', 'filename=..%5Csecret.txt', 'filename=..\\secret.txt',
      'filename=secret.txt&subfolder=..', 'filename=secret.txt&subfolder=%2e%2e', 'filename=secret.txt&subfolder=..%5C', 'filename=secret.txt&subfolder=a%2F..%2F..',
      'filename=secret.txt&subfolder=output%2F..%2F..', `filename=secret.txt&subfolder=${encodeURIComponent(root())}`,
      `filename=${encodeURIComponent(path.join(root(), 'secret.txt'))}`, 'filename=%2Fetc%2Fpasswd', 'filename=C%3A%5CWindows%5Cwin.ini', 'filename=%5C%5Cserver%5Cshare%5Cx',
      'filename=..%00.png', 'filename=secret.txt%00.png&subfolder=..', 'filename=secret.txt&subfolder=%00', 'filename=%252e%252e%252fsecret.txt',
      'filename=secret.txt&type=..', 'filename=secret.txt&type=%2e%2e%2f', 'filename=secret.txt&type=data', 'filename[]=x&subfolder[]=..',
    ]
    for (const prefix of ['', '/api']) {
      for (const query of queries) {
        const response = await rawGet(`${prefix}/view?${query}`)
        expect(response.status, query).toBeGreaterThanOrEqual(400)
        expect(response.status, query).toBeLessThan(500)
        expect(response.body, query).not.toContain(SECRET)
        expect(() => JSON.parse(response.body), query).not.toThrow()
      }
    }
  })

  it('the other routes that read files refuse traversal too (workflows, static files)', async () => {
    for (const pathname of [
      '/latentflow/workflows/..%2F..%2Fpackage', '/latentflow/workflows/..%2f..%2f..%2fsecret', '/latentflow/workflows/%2e%2e', '/api/latentflow/workflows/..%5Cpackage',
      '/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2F..%2F..%2Fsecret.txt', '/..%5Csecret.txt',
    ]) {
      const response = await rawGet(pathname)
      expect(response.status, pathname).toBeGreaterThanOrEqual(400)
      expect(response.body, pathname).not.toContain(SECRET)
      expect(response.body, pathname).not.toContain('"workspaces"')
    }
  })

  it('POST /upload/image refuses subfolders that leave the folder and strips directories from file names', async () => {
    for (const subfolder of ['..', '../x', '..\\x', 'a/../../x', path.join(root(), 'x'), '/tmp', 'C:\\x', 'x\u0000y']) {
      const response = await upload(png, 'x.png', { subfolder })
      expect(response.status, subfolder).toBe(400)
      expect(response.json.error.type, subfolder).toBe('invalid_path')
    }
    const before = new Set(await allFiles())
    for (const name of ['../../escape.png', '..\\..\\escape.png', `${root()}/escape.png`, 'C:\\escape.png', '..', '.png', '\u0000.png']) {
      const response = await upload(png, name)
      if (response.status !== 200) {
        expect(response.status, name).toBe(400)
        continue
      }
      expect(response.json.name, name).not.toMatch(/[\\/]|^\.\.?$/)
      expect(response.json.subfolder).toBe('')
    }
    const created = (await allFiles()).filter((file) => !before.has(file))
    for (const file of created) expect(file.startsWith(`input${path.sep}`), file).toBe(true)
    expect(existsSync(path.join(root(), 'escape.png'))).toBe(false)
  })

  it("SaveImage's filename_prefix cannot leave the output folder", async () => {
    for (const prefix of ['../escape', '../../escape', '/tmp/escape', 'a/../../escape', '..\\escape', 'C:\\escape', 'x\u0000y', path.join(root(), 'escape')]) {
      const response = await server.post('/prompt', { prompt: { '1': { class_type: 'SaveImage', inputs: { images: ['2', 0], filename_prefix: prefix } }, '2': { class_type: 'LoadImage', inputs: { image: 'x.png' } } } })
      expect(response.status, prefix).toBe(400)
      const errors = response.json.node_errors['1'].errors as { extra_info: { input_name?: string } }[]
      expect(errors.some((error) => error.extra_info.input_name === 'filename_prefix'), prefix).toBe(true)
    }
  })

  it("LoadImage's image cannot name a file outside the input folder", async () => {
    for (const image of ['../secret.png', '../../secret.png', path.join(root(), 'secret.png'), '/etc/passwd', '..\\secret.png', 'x.png\u0000', '../input/x.png']) {
      const response = await server.post('/prompt', { prompt: { load: { type: 'LoadImage', inputs: { image } }, preview: { type: 'PreviewImage', inputs: { images: ['load', 'image'] } } }, version: 1 })
      // the native format: wrap as {version, nodes}
      const native = await server.post('/prompt', { prompt: { version: 1, nodes: { load: { type: 'LoadImage', inputs: { image } }, preview: { type: 'PreviewImage', inputs: { images: ['load', 'image'] } } } } })
      for (const answer of [response, native]) expect(answer.status, image).toBe(400)
      expect(native.json.node_errors.load.errors[0].extra_info.input_name, image).toBe('image')
    }
  })
})

describe('cross-origin requests', () => {
  const foreign = ['https://evil.example', 'null', 'http://localhost.evil.example', 'http://127.0.0.1.evil.example', 'file://', 'chrome-extension://abc']

  it('refuse every state-changing endpoint, under / and /api/, and change nothing', async () => {
    const before = await server.api('/queue')
    for (const origin of foreign) {
      for (const prefix of ['', '/api']) {
        for (const [pathname, body] of [['/prompt', { prompt: slowWorkflow() }], ['/queue', { clear: true }], ['/history', { clear: true }], ['/interrupt', {}]] as const) {
          const response = await server.post(`${prefix}${pathname}`, body, { Origin: origin })
          expect(response.status, `${origin} ${prefix}${pathname}`).toBe(403)
          expect(response.json.error.type).toBe('forbidden_origin')
        }
        const uploaded = await upload(png, 'drive-by.png', {}, { Origin: origin })
        expect(uploaded.status, `${origin} upload`).toBe(403)
        // a form post with a "simple" content type, as a web page can send without preflight
        const form = await server.api(`${prefix}/prompt`, { method: 'POST', headers: { Origin: origin, 'Content-Type': 'text/plain' }, body: JSON.stringify({ prompt: slowWorkflow() }) })
        expect(form.status).toBe(403)
      }
    }
    expect(existsSync(path.join(server.folders.inputDir, 'drive-by.png'))).toBe(false)
    expect((await server.api('/queue')).json).toEqual(before.json)
  })

  it('refuse WebSockets from foreign origins', async () => {
    for (const origin of foreign) await expect(openSocket(server.url, 'evil', { origin }), origin).rejects.toMatchObject({ status: 403 })
  })
})

describe('remote binds', () => {
  it('refuse to listen beyond loopback without a token (an empty one included)', async () => {
    for (const host of ['0.0.0.0', '::', '192.0.2.1', 'example.com']) {
      for (const token of [undefined, '']) {
        await expect(startServer({ host, port: 0, ...(token !== undefined ? { token } : {}), dataDir: path.join(server.folders.root, 'remote-data'), plugins: false }), host).rejects.toBeInstanceOf(ServerConfigError)
      }
    }
    expect(existsSync(path.join(server.folders.root, 'remote-data'))).toBe(false)
  })
})

describe('uploads that are not images', () => {
  it('refuse text, SVG, HTML, scripts and truncated images, whatever their name', async () => {
    const files: [string, string | Uint8Array][] = [
      ['notes.png', 'just some text'],
      ['image.png', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'],
      ['page.png', '<!doctype html><script>alert(document.cookie)</script>'],
      ['page.jpg', '<html><body>hi</body></html>'],
      ['script.webp', 'RIFF0000WEBX<script>'],
      ['image.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>'],
      ['half.png', png.subarray(0, 12)],
      ['fake.png', Buffer.concat([Buffer.from(png.subarray(0, 8)), Buffer.from('<html><script>alert(1)</script></html>')])],
    ]
    for (const [name, content] of files) {
      const response = await upload(typeof content === 'string' ? new TextEncoder().encode(content) : content, name)
      expect(response.status, name).toBe(400)
      expect(response.json.error.type, name).toBe('invalid_image')
    }
  })

  it('refuse a decompression bomb: a tiny PNG declaring 20000 x 20000 pixels, at upload and in LoadImage', async () => {
    const bomb = pngBomb()
    expect(bomb.length).toBeLessThan(200)
    const response = await upload(bomb, 'bomb.png')
    expect(response).toMatchObject({ status: 400, json: { error: { type: 'image_too_large' } } })
    expect(response.json.error.message).toContain('20000 x 20000')
    expect(existsSync(path.join(server.folders.inputDir, 'bomb.png'))).toBe(false)

    // one that got into the input folder another way: LoadImage fails with a clear error, the server lives
    await writeFile(path.join(server.folders.inputDir, 'bomb.png'), bomb)
    const queued = await server.post('/prompt', { prompt: { version: 1, nodes: { load: { type: 'LoadImage', inputs: { image: 'bomb.png' } }, preview: { type: 'PreviewImage', inputs: { images: ['load', 'image'] } } } } })
    expect(queued.status).toBe(200)
    const entry = await waitForHistory(server, queued.json.prompt_id)
    expect(entry.status.status_str).toBe('error')
    expect(JSON.stringify(entry.status.messages)).toMatch(/pixel limit/i)
    expect((await server.api('/system_stats')).status).toBe(200)
  })
})

describe('prototype pollution through the HTTP API', () => {
  it('leaves Object.prototype alone whatever the JSON keys, and answers each body with JSON', async () => {
    const prototypeKeys = Reflect.ownKeys(Object.prototype).map(String).sort()
    const bodies: [string, string][] = [
      ['/prompt', '{"prompt":{"__proto__":{"polluted":"yes"}}}'],
      ['/prompt', '{"__proto__":{"polluted":"yes"},"prompt":{"1":{"class_type":"SaveImage","inputs":{"__proto__":{"polluted":"yes"}}}}}'],
      ['/prompt', '{"prompt":{"version":1,"nodes":{"__proto__":{"type":"SaveText","inputs":{"text":"x"}},"constructor":{"type":"SaveText","inputs":{"prototype":{"polluted":"yes"}}}}}}'],
      ['/prompt', '{"prompt":{"1":{"class_type":"__proto__","inputs":{"constructor":{"prototype":{"polluted":"yes"}}}}}}'],
      ['/prompt', '{"prompt":{"version":1,"nodes":{"a":{"type":"SaveText","inputs":{"text":["__proto__","polluted"]}}}}}'],
      ['/prompt', '{"prompt":{"version":1,"nodes":{"a":{"type":"SaveText","inputs":{"text":"x"}}}},"extra_data":{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}}'],
      ['/queue', '{"__proto__":{"polluted":"yes"},"delete":["__proto__"]}'],
      ['/history', '{"constructor":{"prototype":{"polluted":"yes"}},"delete":["constructor"]}'],
      ['/interrupt', '{"__proto__":{"polluted":"yes"},"prompt_id":"__proto__"}'],
    ]
    for (const [pathname, body] of bodies) {
      const response = await server.post(pathname, body)
      expect(response.status, body).toBeLessThan(500)
      expect(response.json, body).toBeTypeOf('object')
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Reflect.ownKeys(Object.prototype).map(String).sort()).toEqual(prototypeKeys)
  })
})

describe('limits', () => {
  it('answer 429 queue_full once --max-queue prompts wait, and 400 naming node and input past a size limit', async () => {
    await server.post('/interrupt', {})
    await server.post('/queue', { clear: true })
    const big = { prompt: { version: 1, nodes: { latent: { type: 'EmptyLatent', inputs: { width: 8192, height: 8192, batch: 4 } }, save: { type: 'SaveText', inputs: { text: 'x' } } } } }
    const refused = await server.post('/prompt', big)
    expect(refused.status).toBe(400)
    expect(refused.json.node_errors.latent.errors[0]).toMatchObject({ code: 'out_of_range', extra_info: { input_name: 'width' } })
    expect(refused.json.node_errors.latent.errors[0].details).toContain('268435456 pixels is above the limit of 4194304 (--max-pixels)')

    // a server whose first prompt runs for 20 s: the next ones wait in the queue
    const idle = await startTestServer({ plugins: false, maxQueue: 2, registry: slowRegistry() })
    try {
      const slow = { prompt: slowWorkflow({ ms: 20_000, steps: 400 }) }
      const answers = []
      for (let i = 0; i < 4; i++) answers.push(await idle.post('/prompt', slow))
      // 2 waiting is the limit (the running one counts while it runs, as queue_remaining does)
      expect(answers.slice(0, 2).map((answer) => answer.status)).toEqual([200, 200])
      const full = answers.filter((answer) => answer.status === 429)
      expect(full.length).toBeGreaterThanOrEqual(1)
      expect(full[0]!.json.error.type).toBe('queue_full')
      expect(full[0]!.json.error.message).toContain('--max-queue')
      await idle.post('/queue', { clear: true })
      await idle.post('/interrupt', {})
    } finally {
      await idle.close()
      await removeFolders(idle.folders)
    }
  })
})
