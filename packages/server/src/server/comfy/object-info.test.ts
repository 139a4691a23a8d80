import { boolean, combo, createRegistry, defineNode, float, input, int, seed, string } from '@latentflow/engine'
import { describe, expect, it } from 'vitest'
import { stringifyJson } from '../http/lossless-json.js'
import { comfyObjectInfo } from './object-info.js'

const Sampler = defineNode({
  type: 'Sampler',
  title: 'The Sampler',
  category: 'sampling',
  description: 'samples',
  inputs: {
    latent: input('LATENT'),
    steps: int({ default: 20, min: 1, max: 100 }),
    cfg: float({ default: 7.5, min: 0, max: 30, step: 0.5, display: 'slider' }),
    name: combo(['euler', 'ddim'], { default: 'ddim' }),
    seed: seed({ default: 3 }),
    text: string({ default: 'x', multiline: true }),
    flag: boolean({ default: true }),
    mask: input('MASK', { optional: true }),
  },
  outputs: { latent: 'LATENT', preview: { type: 'IMAGE', tooltip: 'a picture' } },
  run: () => {
    throw new Error('not run')
  },
})
const Save = defineNode({ type: 'Save', category: 'image', output: true, inputs: { images: input('IMAGE') }, outputs: {}, run: () => ({}) })

describe('comfyObjectInfo', () => {
  it("describes nodes in ComfyUI's /object_info shape", () => {
    const info = comfyObjectInfo(createRegistry([Sampler, Save]))
    expect(info.Sampler).toEqual({
      input: {
        required: {
          latent: ['LATENT'],
          steps: ['INT', { default: 20, min: 1, max: 100 }],
          cfg: ['FLOAT', { default: 7.5, min: 0, max: 30, step: 0.5, display: 'slider' }],
          name: [['euler', 'ddim'], { default: 'ddim' }],
          seed: ['INT', { default: 3, min: 0, max: 18446744073709551615n, control_after_generate: true }],
          text: ['STRING', { default: 'x', multiline: true }],
          flag: ['BOOLEAN', { default: true }],
        },
        optional: { mask: ['MASK'] },
      },
      input_order: { required: ['latent', 'steps', 'cfg', 'name', 'seed', 'text', 'flag'], optional: ['mask'] },
      output: ['LATENT', 'IMAGE'],
      output_is_list: [false, false],
      output_name: ['latent', 'preview'],
      output_tooltips: ['', 'a picture'],
      name: 'Sampler',
      display_name: 'The Sampler',
      description: 'samples',
      category: 'sampling',
      output_node: false,
      python_module: 'latentflow',
      latentflow: { version: 1 },
    })
    expect(info.Save).toMatchObject({ output_node: true, output: [], input: { required: { images: ['IMAGE'] } } })
  })

  it('writes the largest seed exactly', () => {
    expect(stringifyJson(comfyObjectInfo(createRegistry([Sampler])).Sampler!.input.required.seed)).toBe(
      '["INT",{"default":3,"min":0,"max":18446744073709551615,"control_after_generate":true}]',
    )
  })
})
