/**
 * Pipeline benchmarks on the embedded tiny model (models/tiny-shapes, 64x64, 20 Euler steps,
 * guidance 7.5):
 * - one txt2img image, every node running (no output cache; ONNX sessions already open), split
 *   into the time inside onnxruntime's `session.run` and everything else;
 * - classifier-free guidance as one batched UNet call per step vs two calls per step.
 */
import { readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createExecutor, NoOutputCache, readWorkflow } from '@latentflow/engine'
import { createDefaultRegistry, createOnnxBackend, createScheduler, readModelFolder, sampleLatents, TorchGenerator } from '@latentflow/nodes'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/**
 * Median whole-run and session.run milliseconds of `runs` txt2img images, each with a new seed.
 * `cached: false` runs every node every time; `cached: true` is the everyday case, where the
 * executor's cache keeps the model, the tokenizers and the text encodings, so a new seed runs
 * the sampler, the decoder and the save.
 */
export async function measureTxt2img({ runs = 20, cached = false } = {}) {
  const dir = path.join(os.tmpdir(), `latentflow-bench-${process.pid}-${cached}`)
  const files = { outputDir: path.join(dir, 'output'), tempDir: path.join(dir, 'temp'), inputDir: dir }
  const backend = createOnnxBackend({ log: () => {} })
  const registry = createDefaultRegistry()
  const executor = createExecutor({ registry, ...(cached ? {} : { cache: new NoOutputCache() }), services: { files, backend } })
  const { workflow } = readWorkflow(readFileSync(path.join(ROOT, 'workflows', 'txt2img.json'), 'utf8'), registry)
  const onnxMs = () => backend.models().reduce((sum, model) => sum + model.stats.runMs, 0)
  const whole = []
  const onnx = []
  for (let i = 0; i < runs + 2; i++) {
    const seeded = { ...workflow, nodes: { ...workflow.nodes, sampler: { ...workflow.nodes.sampler, inputs: { ...workflow.nodes.sampler.inputs, seed: i } } } }
    const before = onnxMs()
    const started = performance.now()
    const result = await executor.run(seeded)
    const elapsed = performance.now() - started
    if (result.status !== 'success') throw new Error(`txt2img failed: ${result.status} ${result.error?.message ?? JSON.stringify(result.issues)}`)
    if (i < 2) continue // warm-up: sessions open, JIT warm
    whole.push(elapsed)
    onnx.push(onnxMs() - before)
  }
  await backend.release()
  const wholeMs = median(whole)
  const onnxMedian = median(onnx)
  return { wholeMs, onnxMs: onnxMedian, otherMs: wholeMs - onnxMedian, ratio: wholeMs / onnxMedian }
}

/** Median milliseconds of 20 CFG sampling steps with one batched UNet call per step vs two calls. */
export async function measureGuidanceBatching({ runs = 5 } = {}) {
  const folder = await readModelFolder(path.join(ROOT, 'models', 'tiny-shapes'))
  const backend = createOnnxBackend({ log: () => {} })
  const unet = await backend.open(folder.unetPath)
  const width = unet.input('encoder_hidden_states').shape[2]
  const conditioning = { batch: 1, tokens: 77, width, hidden: Float32Array.from({ length: 77 * width }, (_, i) => Math.sin(i) * 0.1) }
  const latent = { batch: 1, channels: 4, height: 8, width: 8, samples: new Float32Array(256), empty: true }
  const call = (sample, batch, timestep, hidden) =>
    unet.runForFloat({ sample: { data: sample, dims: [batch, 4, 8, 8] }, timestep: { data: [timestep], dims: [1] }, encoder_hidden_states: { data: hidden, dims: [batch, 77, width] } }, 'out_sample')
  const twoCalls = async (sample, batch, timestep, hidden) => {
    const half = batch / 2
    const a = await call(sample.subarray(0, sample.length / 2), half, timestep, hidden.subarray(0, hidden.length / 2))
    const b = await call(sample.subarray(sample.length / 2), half, timestep, hidden.subarray(hidden.length / 2))
    const out = new Float32Array(a.length + b.length)
    out.set(a)
    out.set(b, a.length)
    return out
  }
  const time = async (denoise) => {
    const times = []
    for (let i = 0; i < runs + 1; i++) {
      const started = performance.now()
      await sampleLatents({
        denoise, scheduler: createScheduler('euler', folder.schedulerConfig), steps: 20, latent,
        positive: conditioning, negative: conditioning, guidance: 7.5, strength: 1, generator: new TorchGenerator(i),
      })
      if (i > 0) times.push(performance.now() - started)
    }
    return median(times)
  }
  const batchedMs = await time(call)
  const twoCallsMs = await time(twoCalls)
  await backend.release()
  return { batchedMs, twoCallsMs }
}
