/**
 * `npm run bench`: executor overhead on 1,000-node workflows of trivial nodes (executor.mjs),
 * then the txt2img pipeline on the embedded tiny model (pipeline.mjs). Prints markdown tables.
 */
import os from 'node:os'
import { chainWorkflow, fanOutWorkflow, measureExecutor } from './executor.mjs'
import { measureGuidanceBatching, measureTxt2img } from './pipeline.mjs'

const NODES = 1000
const GOALS = { cold: 20, cached: 5, pipelineRatio: 1.1 }
const verdict = (ok) => (ok ? 'ok' : 'MISSED')

const cpu = os.cpus()[0]?.model ?? 'unknown CPU'
console.log(`Node ${process.version}, ${os.cpus().length} cores (${cpu}).\n`)

console.log(`## Executor overhead (median of 25 runs after 10 warm-ups; goals: cold <= ${GOALS.cold} µs/node, cached <= ${GOALS.cached} µs/node)\n`)
console.log('| workflow | nodes | cold run (ms) | cold µs/node | cached run (ms) | cached µs/node |')
console.log('| --- | ---: | ---: | ---: | ---: | ---: |')
for (const [name, workflow] of [['chain', chainWorkflow(NODES)], ['fan-out', fanOutWorkflow(NODES)]]) {
  const { coldMs, cachedMs } = await measureExecutor(workflow)
  const cold = (coldMs * 1000) / NODES
  const cached = (cachedMs * 1000) / NODES
  console.log(`| ${name} | ${NODES} | ${coldMs.toFixed(2)} | ${cold.toFixed(2)} ${verdict(cold <= GOALS.cold)} | ${cachedMs.toFixed(2)} | ${cached.toFixed(2)} ${verdict(cached <= GOALS.cached)} |`)
}

console.log(`\n## txt2img on tiny-shapes (64x64, 20 Euler steps, guidance 7.5; median of 20 images, a new seed each; goal: whole / ONNX <= ${GOALS.pipelineRatio})\n`)
console.log('| run | whole run (ms) | inside session.run (ms) | everything else (ms) | whole / ONNX |')
console.log('| --- | ---: | ---: | ---: | ---: |')
for (const [label, cached] of [['new seed, executor cache on (model, tokens, text encodings cached)', true], ['every node running (no output cache)', false]]) {
  const txt2img = await measureTxt2img({ cached })
  console.log(`| ${label} | ${txt2img.wholeMs.toFixed(1)} | ${txt2img.onnxMs.toFixed(1)} | ${txt2img.otherMs.toFixed(1)} | ${txt2img.ratio.toFixed(3)} ${verdict(txt2img.ratio <= GOALS.pipelineRatio)} |`)
}

console.log('\n## Classifier-free guidance: one batched UNet call per step vs two calls (20 steps, median of 5)\n')
const cfg = await measureGuidanceBatching()
console.log('| one batched call (ms) | two calls (ms) | two / batched |')
console.log('| ---: | ---: | ---: |')
console.log(`| ${cfg.batchedMs.toFixed(1)} | ${cfg.twoCallsMs.toFixed(1)} | ${(cfg.twoCallsMs / cfg.batchedMs).toFixed(2)} |`)
