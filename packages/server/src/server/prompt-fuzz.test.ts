/**
 * POST /prompt under 10,000 generated bodies on the real server: random JSON, random workflows
 * in both formats, truncated JSON, wrong content types, huge numbers, deep nesting and
 * `__proto__` keys. Every answer is JSON with 200 or 4xx (never 5xx, never a hang), nothing
 * pollutes Object.prototype, and the server still serves and runs prompts afterwards.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deepJson, jsonText, jsonTreeArb, randomWorkflowArb, type JsonTree } from '../../../../test/support/workflow-arbitraries.js'
import { slowRegistry, slowWorkflow } from './test-support/slow-nodes.js'
import { removeFolders, startTestServer, waitForHistory, type TestServer } from './test-support/test-server.js'

const REQUESTS = 10_000
const CONCURRENCY = 16

let server: TestServer
beforeAll(async () => {
  server = await startTestServer({ registry: slowRegistry(), plugins: false })
})
afterAll(async () => {
  await server?.close()
  if (server) await removeFolders(server.folders)
})

interface FuzzRequest {
  readonly body: string
  readonly contentType: string | undefined
}

const raw = (text: string): JsonTree => ({ kind: 'raw', text })

function requestArb(): fc.Arbitrary<FuzzRequest> {
  const registry = slowRegistry()
  const workflow = randomWorkflowArb(registry)
  const envelope = fc
    .tuple(fc.oneof(workflow, jsonTreeArb), fc.option(jsonTreeArb), fc.option(jsonTreeArb), fc.option(jsonTreeArb), fc.option(jsonTreeArb), fc.option(jsonTreeArb))
    .map(([prompt, clientId, extra, number, front, promptId]): JsonTree => ({
      kind: 'object',
      entries: [
        ['prompt', prompt],
        ...(clientId ? [['client_id', clientId] as const] : []),
        ...(extra ? [['extra_data', extra] as const] : []),
        ...(number ? [['number', number] as const] : []),
        ...(front ? [['front', front] as const] : []),
        ...(promptId ? [['prompt_id', promptId] as const] : []),
      ],
    }))
  const pollution = fc.constantFrom(
    '{"__proto__":{"polluted":1},"prompt":{"__proto__":{"polluted":2}}}',
    '{"prompt":{"version":1,"nodes":{"__proto__":{"type":"SlowText","inputs":{"polluted":1}}}}}',
    '{"prompt":{"1":{"class_type":"SaveText","inputs":{"__proto__":{"polluted":3},"constructor":{"prototype":{"polluted":4}}}}}}',
    '{"prompt":{"constructor":{"prototype":{"polluted":5}}},"extra_data":{"__proto__":{"polluted":6}}}',
  )
  const deep = fc.constantFrom(
    `{"prompt":${deepJson(50_000, false)}}`,
    `{"prompt":{"version":1,"nodes":{"n":{"type":"SlowText","inputs":{"text":${deepJson(50_000, true)}}}}}}`,
    `{"prompt":${JSON.stringify(slowWorkflow())},"extra_data":{"x":${deepJson(50_000, false)}}}`,
    `{"prompt":{"version":1,"nodes":{"n":{"type":"SlowText","inputs":{"seed":1${'0'.repeat(5000)}}}}}}`,
  )
  const text = fc.oneof(
    { weight: 6, arbitrary: envelope.map(jsonText) },
    { weight: 2, arbitrary: jsonTreeArb.map(jsonText) },
    { weight: 2, arbitrary: fc.tuple(envelope.map(jsonText), fc.double({ min: 0, max: 1, noNaN: true })).map(([body, at]) => body.slice(0, Math.floor(body.length * at))) },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
    { weight: 1, arbitrary: pollution },
    { weight: 1, arbitrary: deep },
  )
  const contentType = fc.constantFrom(undefined, 'application/json', 'application/json', 'application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=xyz', 'application/json; charset=latin1', 'image/png', 'application/json; charset=utf-16')
  return fc.record({ body: text, contentType })
}

describe('POST /prompt under generated bodies', () => {
  it(`answers ${REQUESTS} requests with JSON 200 or 4xx, then still serves`, async () => {
    const requests = fc.sample(requestArb(), { numRuns: REQUESTS, seed: 20_261_125 })
    // one valid prompt that must run after the storm: raw() keeps the tree shape for the envelope
    expect(jsonText({ kind: 'object', entries: [['prompt', raw(JSON.stringify(slowWorkflow({ ms: 0 })))]] })).toContain('SlowText')
    const failures: string[] = []
    const statuses = new Map<number, number>()
    let next = 0
    const send = async ({ body, contentType }: FuzzRequest) => {
      const response = await fetch(`${server.url}/prompt`, {
        method: 'POST',
        headers: contentType ? { 'Content-Type': contentType } : {},
        body,
        signal: AbortSignal.timeout(10_000),
      })
      const text = await response.text()
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1)
      let json: unknown
      try {
        json = JSON.parse(text)
      } catch {
        json = undefined
      }
      const ok = (response.status === 200 || (response.status >= 400 && response.status < 500)) && typeof json === 'object' && json !== null
      if (!ok && failures.length < 5) failures.push(`${response.status} ${text.slice(0, 200)} for ${contentType} ${body.slice(0, 300)}`)
    }
    const worker = async () => {
      while (next < requests.length) await send(requests[next++]!)
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, worker))
    expect(failures).toEqual([])
    expect([...statuses.keys()].every((status) => status === 200 || (status >= 400 && status < 500))).toBe(true)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()

    // still serving: stats answer, and a valid prompt runs once the queue is cleared
    expect((await server.api('/system_stats')).status).toBe(200)
    await server.post('/queue', { clear: true })
    await server.post('/interrupt', {})
    const queued = await server.post('/prompt', { prompt: slowWorkflow({ ms: 0, text: 'after the storm' }) })
    expect(queued.status).toBe(200)
    const entry = await waitForHistory(server, queued.json.prompt_id)
    expect(entry.status.status_str).toBe('success')
  }, 120_000)
})
