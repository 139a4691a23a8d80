/**
 * End to end: the server on the embedded tiny model, driven like a ComfyUI client (fetch and a
 * WebSocket): Latentflow's txt2img and ComfyUI's default API workflow both make PNGs that the
 * history lists and /view serves. Model-free server behaviour (queue, interrupt, restarts,
 * files, security) is tested in packages/server/src/server.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { decode } from 'fast-png'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openSocket, removeFolders, startTestServer, waitForHistory, type TestServer } from '../packages/server/src/server/test-support/test-server.js'
import { MODELS_DIR, REPO_ROOT } from './repo-paths.js'

const txt2img = JSON.parse(readFileSync(path.join(REPO_ROOT, 'workflows', 'txt2img.json'), 'utf8')) as { nodes: Record<string, { inputs: Record<string, unknown> }> }
/** ComfyUI's default API workflow, sized for the tiny model, with the largest seed (as raw JSON). */
function comfyDefaultPrompt(): string {
  const prompt = JSON.parse(readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'comfyui-default-api.json'), 'utf8'))
  prompt['4'].inputs.ckpt_name = 'tiny-shapes.safetensors'
  prompt['5'].inputs.width = 64
  prompt['5'].inputs.height = 64
  prompt['6'].inputs.text = 'a blue square on a yellow background'
  prompt['7'].inputs.text = ''
  prompt['3'].inputs.seed = 1234567
  return JSON.stringify(prompt).replace('"seed":1234567', '"seed":18446744073709551615')
}

let server: TestServer
beforeAll(async () => {
  server = await startTestServer({ modelDirs: [MODELS_DIR] })
})
afterAll(async () => {
  await server.close()
  await removeFolders(server.folders)
})

async function savedPng(entry: { outputs: Record<string, { images?: { filename: string; subfolder: string; type: string }[] }> }, node: string) {
  const image = entry.outputs[node]?.images?.[0]
  expect(image).toMatchObject({ filename: expect.stringMatching(/\.png$/), type: 'output' })
  const response = await fetch(`${server.url}/view?${new URLSearchParams({ filename: image!.filename, subfolder: image!.subfolder, type: image!.type })}`)
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toBe('image/png')
  return decode(new Uint8Array(await response.arrayBuffer()))
}

describe('latentflow serve on the tiny model', () => {
  it('runs the native txt2img workflow, streaming ComfyUI events and binary previews', async () => {
    const socket = await openSocket(server.url, 'native-client')
    const queued = await server.post('/prompt', { prompt: txt2img, client_id: 'native-client' })
    expect(queued).toMatchObject({ status: 200, json: { prompt_id: expect.any(String), node_errors: {} } })
    const id = queued.json.prompt_id as string
    await socket.waitFor((message) => message.type === 'executing' && message.data.node === null && message.data.prompt_id === id, 60_000)

    expect(socket.messages[0]).toEqual({ type: 'status', data: { status: { exec_info: { queue_remaining: 0 } }, sid: 'native-client' } })
    const types = socket.messages.filter((message) => message.type !== 'status').map((message) => message.type)
    expect(types[0]).toBe('execution_start')
    expect(types[1]).toBe('execution_cached')
    expect(types.slice(-3)).toEqual(['executed', 'execution_success', 'executing'])
    const progress = socket.messages.filter((message) => message.type === 'progress')
    expect(progress.length).toBe(20)
    expect(progress.at(-1)!.data).toEqual({ prompt_id: id, node: 'sampler', value: 20, max: 20 })
    expect(socket.messages.find((message) => message.type === 'executed')!.data).toMatchObject({ node: 'save', output: { images: [{ type: 'output' }] } })

    expect(socket.binary.length).toBeGreaterThanOrEqual(1)
    const frame = socket.binary[0]!
    expect([frame.readUInt32BE(0), frame.readUInt32BE(4)]).toEqual([1, 2])
    const preview = decode(frame.subarray(8))
    expect([preview.width, preview.height]).toEqual([64, 64]) // the 8x8 latent, x8

    const entry = await waitForHistory(server, id)
    expect(entry.status.status_str).toBe('success')
    const png = await savedPng(entry, 'save')
    expect([png.width, png.height]).toEqual([64, 64])
    socket.close()
  }, 60_000)

  it("runs ComfyUI's default API workflow unchanged but for the checkpoint and size, keeping a 2^64-1 seed", async () => {
    const queued = await server.post('/prompt', `{"prompt":${comfyDefaultPrompt()},"client_id":"comfy-client"}`)
    expect(queued.status, queued.text).toBe(200)
    const id = queued.json.prompt_id as string
    const entry = await waitForHistory(server, id, 60_000)
    expect(entry.status.status_str, JSON.stringify(entry.status.messages)).toBe('success')
    const png = await savedPng(entry, '9')
    expect([png.width, png.height]).toEqual([64, 64])
    expect(entry.outputs['9'].images[0].filename).toBe('ComfyUI_00001_.png')

    const raw = (await server.api(`/history/${id}`)).text
    expect(raw).toContain('"seed":18446744073709551615')
    expect(raw).toContain('"ckpt_name":"tiny-shapes.safetensors"')
    expect(entry.prompt[2]['8']).toEqual({ class_type: 'VAEDecode', inputs: { samples: ['3', 0], vae: ['4', 2] } })

    // The ComfyUI nodes are composites over the native ones: the same settings give the same pixels.
    const native = structuredClone(txt2img)
    native.nodes.positive!.inputs.text = 'a blue square on a yellow background'
    native.nodes.negative!.inputs.text = ''
    Object.assign(native.nodes.sampler!.inputs, { seed: '18446744073709551615', guidance: 8 })
    const same = await server.post('/prompt', { prompt: native })
    const nativePng = await savedPng(await waitForHistory(server, same.json.prompt_id, 60_000), 'save')
    expect(Buffer.from(nativePng.data).equals(Buffer.from(png.data))).toBe(true)
  }, 60_000)

  it("describes UNetCFG and KSampler in ComfyUI's /object_info shape", async () => {
    const info = (await server.api('/object_info')).json
    expect(info.UNetCFG).toMatchObject({
      name: 'UNetCFG',
      display_name: 'UNet + CFG',
      category: 'sampling',
      output: ['LATENT'],
      output_is_list: [false],
      output_name: ['latent'],
      output_node: false,
      python_module: 'latentflow',
      input: { required: { unet: ['UNET'], latent: ['LATENT'], guidance: ['FLOAT', { default: 7.5, min: 0, max: 30, step: 0.1 }] }, optional: {} },
    })
    expect(info.UNetCFG.input.required.seed).toEqual(['INT', { default: 0, min: 0, max: 18446744073709551615n, control_after_generate: true }])
    expect(info.KSampler.input.required).toMatchObject({
      model: ['MODEL'],
      sampler_name: [['euler', 'euler_ancestral', 'heun', 'dpmpp_2m', 'lms', 'ddim', 'uni_pc', 'ddpm'], { default: 'euler' }],
      scheduler: [['normal', 'karras'], { default: 'normal' }],
      latent_image: ['LATENT'],
    })
    expect(info.KSampler.input_order.required).toEqual(['model', 'seed', 'steps', 'cfg', 'sampler_name', 'scheduler', 'positive', 'negative', 'latent_image', 'denoise'])
    expect(info.CheckpointLoaderSimple).toMatchObject({ output: ['MODEL', 'CLIP', 'VAE'], input: { required: { ckpt_name: [expect.arrayContaining(['tiny-shapes']), expect.any(Object)] } } })
    expect((await server.api('/models/checkpoints')).json).toContain('tiny-shapes')
  })

  it('answers an invalid ComfyUI prompt with node_errors naming the node and the input', async () => {
    const prompt = JSON.parse(comfyDefaultPrompt().replace('18446744073709551615', '1'))
    prompt['3'].inputs.sampler_name = 'dpmpp_sde'
    delete prompt['3'].inputs.positive
    prompt['5'].inputs.width = 60
    const response = await server.post('/prompt', { prompt })
    expect(response.status).toBe(400)
    expect(response.json.error).toMatchObject({ type: 'prompt_outputs_failed_validation' })
    const sampler = response.json.node_errors['3']
    expect(sampler).toMatchObject({ class_type: 'KSampler', dependent_outputs: ['9'] })
    expect(sampler.errors.map((error: { extra_info: { input_name: string }; code: string }) => [error.extra_info.input_name, error.code])).toEqual(
      expect.arrayContaining([['positive', 'missing_input'], ['sampler_name', 'value_not_in_options']]),
    )
    expect(response.json.node_errors['5'].errors[0]).toMatchObject({ code: 'out_of_range', extra_info: { input_name: 'width' } })
  })
})
