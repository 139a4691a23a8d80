/**
 * `npm run soak` (not part of `npm test`): the real `latentflow serve` process (spawned, temporary
 * folders, 127.0.0.1 only) under a long mixed load: good txt2img prompts (4 steps, 64x64, random
 * seeds), bad ones (invalid width, unknown node, broken JSON, unknown model: answered 4xx) and
 * ones that fail at run time (a truncated UNet), random interrupts, and two restarts in the
 * middle (SIGTERM once, SIGKILL once). At the end it reports what happened and checks that every
 * accepted prompt is in the history exactly once, the queue is empty, and every PNG in the output
 * folder decodes (no half-written file, no leftover temporary file). Exit 1 when a check fails.
 *
 *   node bench/soak.mjs [--prompts 2000] [--minutes 9] [--seed 1]
 */
import { spawn } from 'node:child_process'
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'
import { decode } from 'fast-png'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const BIN = path.join(ROOT, 'packages', 'server', 'bin', 'latentflow.js')
const { values: args } = parseArgs({ options: { prompts: { type: 'string' }, minutes: { type: 'string' }, seed: { type: 'string' } } })
const PROMPTS = Number(args.prompts ?? 2000)
const BUDGET_MS = Number(args.minutes ?? 9) * 60_000
/** Waiting prompts kept at most (below the server's --max-queue). */
const MAX_IN_FLIGHT = 12

// A small seeded PRNG (mulberry32), so a run can be repeated.
let state = Number(args.seed ?? 1) >>> 0
const random = () => {
  state = (state + 0x6d2b79f5) >>> 0
  let t = state
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

const root = mkdtempSync(path.join(os.tmpdir(), 'latentflow-soak-'))
const modelsDir = path.join(root, 'models')
cpSync(path.join(ROOT, 'models', 'tiny-shapes'), path.join(modelsDir, 'broken'), { recursive: true })
const unet = path.join(modelsDir, 'broken', 'unet', 'model.onnx')
truncateSync(unet, Math.floor(statSync(unet).size / 2))
const outputDir = path.join(root, 'output')

const txt2img = JSON.parse(readFileSync(path.join(ROOT, 'workflows', 'txt2img.json'), 'utf8'))
function workflow(set) {
  const copy = structuredClone(txt2img)
  for (const [key, value] of Object.entries({ 'scheduler.steps': 4, 'sampler.seed': Math.floor(random() * 2 ** 32), ...set })) {
    const [node, input] = key.split('.')
    copy.nodes[node].inputs[input] = value
  }
  return copy
}

/** What each kind of request sends, and whether the server should accept it. */
const KINDS = [
  { name: 'good', weight: 50, accept: true, body: () => ({ prompt: workflow({}) }) },
  { name: 'good-long', weight: 5, accept: true, body: () => ({ prompt: workflow({ 'scheduler.steps': 40 }) }) },
  { name: 'runtime-error', weight: 5, accept: true, body: () => ({ prompt: workflow({ 'model.model': 'broken' }) }) },
  { name: 'invalid-width', weight: 10, accept: false, body: () => ({ prompt: workflow({ 'latent.width': 65 + Math.floor(random() * 7) }) }) },
  { name: 'unknown-node', weight: 10, accept: false, body: () => ({ prompt: { version: 1, nodes: { x: { type: `NoSuchNode${Math.floor(random() * 100)}`, inputs: {} } } } }) },
  { name: 'broken-json', weight: 10, accept: false, body: () => `{"prompt": {"version": 1, "nodes": {${'"'.repeat(Math.floor(random() * 3))}` },
  { name: 'unknown-model', weight: 10, accept: false, body: () => ({ prompt: workflow({ 'model.model': 'no-such-model' }) }) },
]
const TOTAL_WEIGHT = KINDS.reduce((sum, kind) => sum + kind.weight, 0)
function pickKind() {
  let roll = random() * TOTAL_WEIGHT
  for (const kind of KINDS) if ((roll -= kind.weight) < 0) return kind
  return KINDS[0]
}

/** Starts the server; resolves with its URL, pid and exit promise. */
async function serve() {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data', 'data', '--output', 'output', '--input', 'input', '--temp', 'temp', '--models', modelsDir, '--no-plugins'], {
    cwd: root,
    env: { ...process.env, LATENTFLOW_TOKEN: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))
  let stdout = ''
  let stderr = ''
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)))
  const url = await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      stdout += chunk
      const match = /serving on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)
      if (match) resolve(match[1])
    })
    exited.then(({ code }) => reject(new Error(`the server exited with ${code}: ${stderr}`)))
  })
  return { child, url, exited, banner: stdout.trim(), rssStart: rssKb(child.pid) }
}

function rssKb(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? Number.NaN)
}

async function call(url, pathname, body) {
  const init = body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) }
  const response = await fetch(`${url}${pathname}`, init)
  const text = await response.text()
  let json
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: response.status, json }
}

const queueSize = async (url) => {
  const { json } = await call(url, '/queue')
  return { running: json.queue_running.map((item) => item[1]), pending: json.queue_pending.length }
}

const counts = { sent: 0, accepted: 0, rejected4xx: 0, queueFull: 0, unexpected: 0, interrupts: 0 }
const byKind = Object.fromEntries(KINDS.map((kind) => [kind.name, 0]))
const accepted = new Set()
const servers = []
/** `request number: VmRSS MiB` every 250 requests (the server in use then). */
const rssSamples = []
const started = Date.now()
let server = await serve()
servers.push({ label: 'first start', pid: server.child.pid, rssStartKb: server.rssStart })

/** Stops the server with `signal` while a prompt runs, then starts it again. */
async function restart(signal) {
  // Make sure something is running, so the signal cuts a prompt off.
  const id = (await call(server.url, '/prompt', { prompt: workflow({ 'scheduler.steps': 200 }) })).json.prompt_id
  accepted.add(id)
  counts.sent++
  counts.accepted++
  for (let i = 0; i < 400 && !(await queueSize(server.url)).running.includes(id); i++) await sleep(25)
  await sleep(300)
  servers.at(-1).rssEndKb = rssKb(server.child.pid)
  const t0 = Date.now()
  server.child.kill(signal)
  const { code, signal: killedBy } = await server.exited
  servers.at(-1).stopped = `${signal}: exit ${code ?? killedBy} after ${Date.now() - t0} ms`
  if (signal === 'SIGTERM' && code !== 0) throw new Error(`SIGTERM should exit 0, got ${code ?? killedBy}`)
  server = await serve()
  servers.push({ label: `after ${signal}`, pid: server.child.pid, rssStartKb: server.rssStart, banner: server.banner })
}

for (let i = 0; i < PROMPTS; i++) {
  if (Date.now() - started > BUDGET_MS) {
    console.log(`time budget reached after ${i} prompts`)
    break
  }
  if (i === Math.floor(PROMPTS / 3)) await restart('SIGTERM')
  if (i === Math.floor((2 * PROMPTS) / 3)) await restart('SIGKILL')
  if (i % 4 === 0) {
    while ((await queueSize(server.url)).pending >= MAX_IN_FLIGHT) await sleep(20)
  }
  if (i % 250 === 0) rssSamples.push(`${i}: ${(rssKb(server.child.pid) / 1024).toFixed(0)}`)
  const kind = pickKind()
  byKind[kind.name]++
  counts.sent++
  const response = await call(server.url, '/prompt', kind.body())
  if (response.status === 200) {
    counts.accepted++
    accepted.add(response.json.prompt_id)
    if (!kind.accept) counts.unexpected++
  } else if (response.status === 429) counts.queueFull++
  else if (response.status >= 400 && response.status < 500) {
    counts.rejected4xx++
    if (kind.accept) counts.unexpected++
  } else counts.unexpected++
  if (random() < 0.03) {
    counts.interrupts++
    await call(server.url, '/interrupt', {})
  }
}

// Drain, then measure and stop.
const drainStarted = Date.now()
for (;;) {
  const { running, pending } = await queueSize(server.url)
  if (running.length === 0 && pending === 0) break
  if (Date.now() - drainStarted > 120_000) throw new Error('the queue did not drain in 2 minutes')
  await sleep(100)
}
const history = (await call(server.url, '/history')).json
servers.at(-1).rssEndKb = rssKb(server.child.pid)
server.child.kill('SIGTERM')
const last = await server.exited
servers.at(-1).stopped = `SIGTERM: exit ${last.code ?? last.signal}`
const elapsedS = (Date.now() - started) / 1000

// Checks.
const failures = []
const outcomes = { success: 0, interrupted: 0, error: 0 }
for (const id of accepted) {
  const entry = history[id]
  if (!entry) {
    failures.push(`accepted prompt ${id} is not in the history`)
    continue
  }
  const types = entry.status.messages.map(([type]) => type)
  if (entry.status.status_str === 'success') outcomes.success++
  else if (types.includes('execution_interrupted')) outcomes.interrupted++
  else outcomes.error++
}
const extra = Object.keys(history).filter((id) => !accepted.has(id))
if (extra.length > 0) failures.push(`${extra.length} history entries were never accepted`)
const db = new Database(path.join(root, 'data', 'latentflow.db'), { readonly: true })
const duplicates = db.prepare('SELECT prompt_id FROM history GROUP BY prompt_id HAVING count(*) > 1').all()
const historyRows = db.prepare('SELECT count(*) AS n FROM history').get().n
const leftInQueue = db.prepare('SELECT count(*) AS n FROM queue').get().n
db.close()
if (duplicates.length > 0) failures.push(`${duplicates.length} prompts are in the history more than once`)
if (historyRows !== accepted.size) failures.push(`history has ${historyRows} rows for ${accepted.size} accepted prompts`)
if (leftInQueue !== 0) failures.push(`${leftInQueue} prompts left in the queue`)

const files = readdirSync(outputDir, { recursive: true }).map(String)
const pngs = files.filter((file) => file.endsWith('.png'))
const temporary = files.filter((file) => file.endsWith('.tmp'))
let broken = 0
for (const file of pngs) {
  try {
    const image = decode(readFileSync(path.join(outputDir, file)))
    if (image.width !== 64 || image.height !== 64) broken++
  } catch {
    broken++
  }
}
if (broken > 0) failures.push(`${broken} PNG files do not decode as 64x64 images`)
if (temporary.length > 0) failures.push(`${temporary.length} temporary files left in the output folder`)
const imagesInHistory = Object.values(history).reduce((n, entry) => n + (entry.outputs?.save?.images?.length ?? 0), 0)
// A SIGKILL between placing a file and committing its history entry re-runs the prompt: one extra file at most.
if (pngs.length < imagesInHistory || pngs.length > imagesInHistory + 1) failures.push(`${pngs.length} PNG files for ${imagesInHistory} images in the history`)
if (counts.unexpected > 0) failures.push(`${counts.unexpected} answers were not what the request kind expects`)

console.log(`\nSoak: ${counts.sent} requests in ${elapsedS.toFixed(1)} s (Node ${process.version}, ${os.cpus().length} cores)`)
console.log(`  request kinds: ${Object.entries(byKind).map(([k, n]) => `${k} ${n}`).join(', ')}`)
console.log(`  accepted ${counts.accepted}, refused 4xx ${counts.rejected4xx}, queue full (429) ${counts.queueFull}, interrupts sent ${counts.interrupts}`)
console.log(`  prompts done: success ${outcomes.success}, interrupted ${outcomes.interrupted}, error ${outcomes.error}`)
console.log(`  output folder: ${pngs.length} PNG files (${imagesInHistory} images in the history), ${broken} broken, ${temporary.length} temporary files left`)
for (const entry of servers) {
  console.log(`  server ${entry.label} (pid ${entry.pid}): VmRSS ${(entry.rssStartKb / 1024).toFixed(1)} MiB at start, ${(entry.rssEndKb / 1024).toFixed(1)} MiB at end; ${entry.stopped}${entry.banner ? `; "${entry.banner}"` : ''}`)
}
console.log(`  VmRSS (MiB) by request number: ${rssSamples.join(', ')}`)
rmSync(root, { recursive: true, force: true })
if (failures.length > 0) {
  console.log(`\nFAILED:\n  ${failures.join('\n  ')}`)
  process.exit(1)
}
console.log('\nAll checks passed: every accepted prompt is in the history exactly once, the queue is empty, every PNG is whole.')
