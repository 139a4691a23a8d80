/** Bad input to the pipeline nodes gives clear errors naming the node, the input or the file. */
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createExecutor, validateWorkflow } from '@latentflow/engine'
import { createDefaultRegistry, createOnnxBackend } from '@latentflow/nodes'
import { describe, expect, it } from 'vitest'
import { MODELS_DIR } from './repo-paths.js'
import { shippedWorkflow } from './support/pipeline.js'

const registry = createDefaultRegistry({ modelDirs: [MODELS_DIR] })
const workflow = shippedWorkflow('txt2img', registry)
const withInput = (node: string, input: string, value: unknown) => ({
  ...workflow,
  nodes: { ...workflow.nodes, [node]: { ...workflow.nodes[node]!, inputs: { ...workflow.nodes[node]!.inputs, [input]: value } } },
})

describe('pipeline validation', () => {
  it('refuses a width that is not a multiple of 8', () => {
    const result = validateWorkflow(withInput('latent', 'width', 100), registry)
    expect(result.issues).toMatchObject([{ code: 'out_of_range', node: 'latent', input: 'width' }])
    expect(result.issues[0]?.message).toMatch(/multiple of 8/)
  })

  it('refuses 0 steps', () => {
    const result = validateWorkflow(withInput('scheduler', 'steps', 0), registry)
    expect(result.issues).toMatchObject([{ code: 'out_of_range', node: 'scheduler', input: 'steps' }])
  })

  it('refuses a model folder that does not exist, listing the ones that do', () => {
    const result = validateWorkflow(withInput('model', 'model', 'sd-v1-5'), registry)
    expect(result.issues).toMatchObject([{ code: 'value_not_in_options', node: 'model', input: 'model' }])
    expect(result.issues[0]?.message).toMatch(/"tiny-shapes"/)
  })

  it('refuses a filename prefix that would leave the output folder', () => {
    const result = validateWorkflow(withInput('save', 'filename_prefix', '../../etc/x'), registry)
    expect(result.issues).toMatchObject([{ code: 'invalid_value', node: 'save', input: 'filename_prefix' }])
  })

  it('refuses an unknown scheduler name', () => {
    const result = validateWorkflow(withInput('scheduler', 'name', 'euler_magic'), registry)
    expect(result.issues).toMatchObject([{ code: 'value_not_in_options', node: 'scheduler', input: 'name' }])
  })
})

describe('broken model folders', () => {
  it('names the missing file when a model folder lacks its UNet, and the executor stays usable', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'latentflow-models-'))
    cpSync(path.join(MODELS_DIR, 'tiny-shapes'), path.join(dir, 'broken'), { recursive: true })
    rmSync(path.join(dir, 'broken', 'unet', 'model.onnx'))
    const brokenRegistry = createDefaultRegistry({ modelDirs: [dir, MODELS_DIR] })
    const files = { outputDir: path.join(dir, 'out'), tempDir: path.join(dir, 'temp'), inputDir: dir }
    const executor = createExecutor({ registry: brokenRegistry, services: { files, backend: createOnnxBackend({ log: () => {} }) } })
    const result = await executor.run(withInput('model', 'model', 'broken'))
    expect(result.status).toBe('error')
    expect(result.error).toMatchObject({ node: 'model', nodeType: 'LoadModel' })
    expect(result.error?.message).toMatch(/missing unet[/\\]model\.onnx/)
    expect((await executor.run(workflow)).status).toBe('success')
  })

  it('names the file when an ONNX file is not ONNX', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'latentflow-models-'))
    cpSync(path.join(MODELS_DIR, 'tiny-shapes'), path.join(dir, 'garbled'), { recursive: true })
    const { writeFileSync } = await import('node:fs')
    writeFileSync(path.join(dir, 'garbled', 'text_encoder', 'model.onnx'), 'not a model')
    const executor = createExecutor({
      registry: createDefaultRegistry({ modelDirs: [dir] }),
      services: { files: { outputDir: dir, tempDir: dir, inputDir: dir }, backend: createOnnxBackend({ log: () => {} }) },
    })
    const result = await executor.run(withInput('model', 'model', 'garbled'))
    expect(result.status).toBe('error')
    expect(result.error?.message).toMatch(/Cannot load the ONNX model .*text_encoder[/\\]model\.onnx/)
  })
})
