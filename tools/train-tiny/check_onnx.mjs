// Checks an exported model folder with onnxruntime-node (CPU): input/output names, types and
// dims, and outputs against PyTorch's (reference_io.json from train.py --refs DIR).
//
//   mkdir -p /tmp/ortcheck && cd /tmp/ortcheck && npm init -y >/dev/null &&
//     npm install onnxruntime-node@1.23.2 --onnxruntime-node-install=skip
//   cd /tmp/ortcheck && node /work/main/tools/train-tiny/check_onnx.mjs MODELS_DIR REFS_DIR [NAME]
//
// onnxruntime-node is resolved from the current directory. MODELS_DIR holds NAME (default
// tiny-shapes) and NAME-fp16. Exit code 1 on any mismatch.
import { createRequire } from 'node:module'
import fs from 'node:fs'
import path from 'node:path'

const require = createRequire(path.join(process.cwd(), 'noop.js'))
const ort = require('onnxruntime-node')

const [modelsDir, refsDir, name = 'tiny-shapes'] = process.argv.slice(2)
const refs = JSON.parse(fs.readFileSync(path.join(refsDir, 'reference_io.json'), 'utf8')).cases
let failures = 0

function toFloat16Bits(x) {
  // round-to-nearest-even float32 -> float16 bits
  const f32 = new Float32Array([x]); const u = new Uint32Array(f32.buffer)[0]
  const sign = (u >>> 16) & 0x8000; let exp = ((u >>> 23) & 0xff) - 127 + 15; let mant = u & 0x7fffff
  if (exp >= 31) return sign | 0x7c00 | (((u >>> 23) & 0xff) === 0xff && mant ? 0x200 : 0)
  if (exp <= 0) {
    if (exp < -10) return sign
    mant |= 0x800000; const shift = 14 - exp; let h = mant >> shift
    const rem = mant & ((1 << shift) - 1), half = 1 << (shift - 1)
    if (rem > half || (rem === half && (h & 1))) h++
    return sign | h
  }
  let h = sign | (exp << 10) | (mant >> 13); const rem = mant & 0x1fff
  if (rem > 0x1000 || (rem === 0x1000 && (h & 1))) h++
  return h
}
function fromFloat16Bits(h) {
  const s = h & 0x8000 ? -1 : 1, e = (h >> 10) & 0x1f, m = h & 0x3ff
  if (e === 0) return s * m * 2 ** -24
  if (e === 31) return m ? NaN : s * Infinity
  return s * (1 + m / 1024) * 2 ** (e - 15)
}

function tensor(ref, type) {
  if (type === 'int32') return new ort.Tensor('int32', Int32Array.from(ref.data), ref.dims)
  if (type === 'float16') return new ort.Tensor('float16', Uint16Array.from(ref.data, toFloat16Bits), ref.dims)
  return new ort.Tensor('float32', Float32Array.from(ref.data), ref.dims)
}
function values(t) {
  return t.type === 'float16' && t.data instanceof Uint16Array ? Array.from(t.data, fromFloat16Bits) : Array.from(t.data)
}

function describe(session) {
  const meta = (names, md) => names.map((n, i) => {
    const m = md?.[i]
    return m ? `${n}: ${m.type} [${(m.shape ?? []).join(',')}]` : n
  }).join('; ')
  return `in { ${meta(session.inputNames, session.inputMetadata)} } out { ${meta(session.outputNames, session.outputMetadata)} }`
}

async function check(folder, part, caseName, fp16) {
  const file = path.join(folder, part, 'model.onnx')
  const session = await ort.InferenceSession.create(file, { executionProviders: ['cpu'] })
  const ref = refs[caseName]
  const feeds = {}
  for (const n of session.inputNames) {
    const type = n === 'input_ids' ? 'int32' : fp16 ? 'float16' : 'float32'
    feeds[n] = tensor(ref[n], type)
  }
  const t0 = performance.now()
  const out = await session.run(feeds)
  const ms = performance.now() - t0
  const parts = []
  for (const n of session.outputNames) {
    const got = values(out[n]), want = ref[n].data
    let maxAbs = 0, maxRef = 0
    for (let i = 0; i < want.length; i++) { maxAbs = Math.max(maxAbs, Math.abs(got[i] - want[i])); maxRef = Math.max(maxRef, Math.abs(want[i])) }
    const dimsOk = JSON.stringify(out[n].dims) === JSON.stringify(ref[n].dims) && got.length === want.length
    const tol = fp16 ? 2e-2 * Math.max(1, maxRef) : 1e-4 * Math.max(1, maxRef)
    const ok = dimsOk && maxAbs <= tol
    if (!ok) failures++
    parts.push(`${n} ${out[n].type} [${out[n].dims}] max|diff| ${maxAbs.toExponential(2)} (max|ref| ${maxRef.toFixed(3)}) ${ok ? 'OK' : 'FAIL'}`)
  }
  const inDims = Object.entries(feeds).map(([k, v]) => `${k} ${v.type} [${v.dims}]`).join(', ')
  console.log(`${path.basename(folder)}/${part} case ${caseName}: ${inDims} -> ${parts.join('; ')} (${ms.toFixed(1)} ms)`)
  return session
}

const cases = [
  ['text_encoder', 'text_encoder'], ['unet', 'unet'], ['unet', 'unet_t1'], ['unet', 'unet_16'], ['unet', 'unet_odd'],
  ['vae_decoder', 'vae_decoder'], ['vae_decoder', 'vae_decoder_16'], ['vae_encoder', 'vae_encoder'],
]
for (const [suffix, fp16] of [['', false], ['-fp16', true]]) {
  const folder = path.join(modelsDir, name + suffix)
  const seen = new Set()
  for (const [part, c] of cases) {
    const isFp16 = fp16 && (part === 'unet' || part === 'text_encoder')
    const s = await check(folder, part, c, isFp16)
    if (!seen.has(part)) { seen.add(part); console.log(`  ${part}: ${describe(s)}`) }
  }
}
console.log(failures ? `FAILED: ${failures} output(s)` : 'ALL OK')
process.exit(failures ? 1 : 0)
