import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { createOnnxBackend } from './onnx-backend.js'
import { OnnxModel } from './onnx-model.js'

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url))

describe('OnnxModel', () => {
  it('loads a model whose weights are external data beside it, and feeds an int64 timestep', async () => {
    const model = await OnnxModel.open(path.join(fixtures, 'external-data', 'model.onnx'))
    expect(model.input('timestep')).toEqual({ name: 'timestep', type: 'int64', shape: ['batch'] })
    const out = await model.runForFloat(
      {
        sample: { data: new Float32Array(2 * 4 * 8 * 8).fill(0.125), dims: [2, 4, 8, 8] },
        timestep: { data: [500, 500], dims: [2] },
        encoder_hidden_states: { data: new Float32Array(2 * 77 * 8), dims: [2, 77, 8] },
      },
      'out_sample',
    )
    expect(out[0]).toBeCloseTo((1 / 8) * 2 + 0.5, 5)
    expect(model.stats.runs).toBe(1)
  })

  it('feeds int64 token ids to a model that declares them', async () => {
    const model = await OnnxModel.open(path.join(fixtures, 'int64-ids', 'model.onnx'))
    expect(model.input('input_ids').type).toBe('int64')
    const out = await model.runForFloat({ input_ids: { data: Array.from({ length: 77 }, (_, i) => i), dims: [1, 77] } }, 'last_hidden_state')
    expect(out[10]).toBe(5)
  })

  it('names the file when it is missing or not ONNX, and the input when a feed is wrong', async () => {
    await expect(OnnxModel.open('/nonexistent/unet/model.onnx')).rejects.toThrow('Model file not found: /nonexistent/unet/model.onnx')
    const dir = mkdtempSync(path.join(os.tmpdir(), 'latentflow-onnx-'))
    writeFileSync(path.join(dir, 'model.onnx'), 'definitely not protobuf')
    await expect(OnnxModel.open(path.join(dir, 'model.onnx'))).rejects.toThrow(/Cannot load the ONNX model .*model\.onnx/)
    const model = await OnnxModel.open(path.join(fixtures, 'int64-ids', 'model.onnx'))
    await expect(model.run({ input_ids: { data: [1, 2], dims: [1, 77] } })).rejects.toThrow(/Input "input_ids": 2 values do not fill dims \[1, 77\]/)
    await expect(model.run({ tokens: { data: [1], dims: [1] } })).rejects.toThrow(/has no input "tokens" \(its inputs: input_ids\)/)
  })

  it('fails when external data is missing, naming the model', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'latentflow-onnx-'))
    copyFileSync(path.join(fixtures, 'external-data', 'model.onnx'), path.join(dir, 'model.onnx'))
    await expect(OnnxModel.open(path.join(dir, 'model.onnx'))).rejects.toThrow(/Cannot load the ONNX model/)
  })
})

describe('createOnnxBackend', () => {
  it('opens each file once and shares the session', async () => {
    const lines: string[] = []
    const backend = createOnnxBackend({ device: 'cpu', log: (line) => lines.push(line) })
    const file = path.join(fixtures, 'int64-ids', 'model.onnx')
    const [a, b] = await Promise.all([backend.open(file), backend.open(file)])
    expect(a).toBe(b)
    expect(backend.models()).toHaveLength(1)
    await backend.release()
  })

  it('does not cache a failed open, so a fixed file loads on retry', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'latentflow-onnx-'))
    const file = path.join(dir, 'model.onnx')
    const backend = createOnnxBackend({ device: 'cpu', log: () => {} })
    await expect(backend.open(file)).rejects.toThrow(/not found/)
    copyFileSync(path.join(fixtures, 'int64-ids', 'model.onnx'), file)
    expect((await backend.open(file)).input('input_ids').type).toBe('int64')
  })
})
