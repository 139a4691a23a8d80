import { createRegistry, defineNode, input, seed, string } from '@latentflow/engine'
import { describe, expect, it } from 'vitest'
import { parseJson } from '../http/lossless-json.js'
import { readPromptRequest } from './prompt-request.js'

const Source = defineNode({ type: 'Source', inputs: { seed: seed(), text: string() }, outputs: { text: 'STRING' }, run: ({ text }) => ({ text }) })
const Sink = defineNode({ type: 'Sink', output: true, inputs: { text: input('STRING') }, outputs: {}, run: () => ({}) })
const registry = createRegistry([Source, Sink])

describe('readPromptRequest', () => {
  it('keeps a ComfyUI prompt as sent, with seeds up to 2^64-1 exact', () => {
    const body = parseJson('{"client_id":"c1","front":true,"extra_data":{"x":1},"prompt":{"1":{"class_type":"Source","inputs":{"seed":18446744073709551615,"text":"a"}},"2":{"class_type":"Sink","inputs":{"text":["1",0]}}}}')
    const read = readPromptRequest(body, registry)
    expect(read.ok).toBe(true)
    if (!read.ok) return
    const { submission } = read
    expect(submission).toMatchObject({ front: true, clientId: 'c1', outputsToExecute: '["2"]', extraData: '{"x":1,"client_id":"c1"}' })
    expect(submission.prompt).toContain('"seed":18446744073709551615')
    expect(JSON.parse(submission.workflow).nodes['1'].inputs.seed).toBe('18446744073709551615')
  })

  it('converts a native prompt to the API format for the history', () => {
    const read = readPromptRequest({ prompt: { version: 1, nodes: { s: { type: 'Source', inputs: { text: 'a', seed: '18446744073709551615' } }, k: { type: 'Sink', inputs: { text: ['s', 'text'] } } } } }, registry)
    expect(read.ok && JSON.parse(read.submission.prompt)).toEqual({ s: { class_type: 'Source', inputs: { text: 'a', seed: '18446744073709551615' }, _meta: { latentflow_version: 1 } }, k: { class_type: 'Sink', inputs: { text: ['s', 0] }, _meta: { latentflow_version: 1 } } })
  })

  it("answers ComfyUI's error bodies", () => {
    expect(readPromptRequest({}, registry)).toMatchObject({ ok: false, body: { error: { type: 'no_prompt' }, node_errors: {} } })
    expect(readPromptRequest([], registry)).toMatchObject({ ok: false, body: { error: { type: 'invalid_request' } } })
    expect(readPromptRequest({ prompt: { '1': { class_type: 'Sink', inputs: {} } } }, registry)).toMatchObject({
      ok: false,
      body: { node_errors: { '1': { class_type: 'Sink', errors: [{ code: 'missing_input', extra_info: { input_name: 'text' } }] } } },
    })
  })
})
