/**
 * `npm run bench`: executor overhead per node on 1,000-node workflows of trivial nodes
 * (see executor.mjs for the definitions). Prints a markdown table on stdout.
 */
import os from 'node:os'
import { chainWorkflow, fanOutWorkflow, measureExecutor } from './executor.mjs'

const NODES = 1000
const GOALS = { cold: 20, cached: 5 }

const scenarios = [
  ['chain', chainWorkflow(NODES)],
  ['fan-out', fanOutWorkflow(NODES)],
]

const rows = []
for (const [name, workflow] of scenarios) {
  const { coldMs, cachedMs } = await measureExecutor(workflow)
  const cold = (coldMs * 1000) / NODES
  const cached = (cachedMs * 1000) / NODES
  rows.push(`| ${name} | ${NODES} | ${coldMs.toFixed(2)} | ${cold.toFixed(2)} ${cold <= GOALS.cold ? 'ok' : 'MISSED'} | ${cachedMs.toFixed(2)} | ${cached.toFixed(2)} ${cached <= GOALS.cached ? 'ok' : 'MISSED'} |`)
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU'
console.log(`Executor overhead, median of 25 runs after 10 warm-up runs; Node ${process.version}, ${os.cpus().length} cores (${cpu}).`)
console.log(`Goals: cold <= ${GOALS.cold} µs/node, cached <= ${GOALS.cached} µs/node.\n`)
console.log('| workflow | nodes | cold run (ms) | cold µs/node | cached run (ms) | cached µs/node |')
console.log('| --- | ---: | ---: | ---: | ---: | ---: |')
for (const row of rows) console.log(row)
