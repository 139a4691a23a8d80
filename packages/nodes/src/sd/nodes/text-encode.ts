/** TextEncoder: token ids -> CONDITIONING (the text encoder's last hidden state). */
import { APPROXIMATE_BYTES, defineNode, input } from '@latentflow/engine'
import { requireBackend } from '../../onnx/onnx-backend.js'
import { toFloat32 } from '../../onnx/tensor-data.js'
import type { Conditioning } from '../sd-types.js'

export const TextEncode = defineNode({
  type: 'TextEncoder',
  title: 'Text Encoder',
  category: 'conditioning',
  inputs: { text_encoder: input('TEXT_ENCODER'), tokens: input('TOKENS') },
  outputs: { conditioning: 'CONDITIONING' },
  async run({ text_encoder, tokens }, ctx) {
    const model = await requireBackend(ctx.services, 'TextEncoder').open(text_encoder.path)
    const length = model.input('input_ids').shape[1]
    if (typeof length === 'number' && length !== tokens.ids.length) {
      throw new Error(`The text encoder takes ${length} tokens, but the tokenizer gave ${tokens.ids.length}: use the tokenizer of the same model`)
    }
    const results = await model.run({ input_ids: { data: tokens.ids, dims: [1, tokens.ids.length] } })
    const hidden = toFloat32(results.last_hidden_state ?? failOutput(model.path), 'last_hidden_state')
    const width = hidden.length / tokens.ids.length
    const conditioning: Conditioning & { [APPROXIMATE_BYTES]: number } = {
      batch: 1,
      tokens: tokens.ids.length,
      width,
      hidden,
      ...(results.pooler_output ? { pooled: toFloat32(results.pooler_output, 'pooler_output') } : {}),
      [APPROXIMATE_BYTES]: hidden.byteLength + 64,
    }
    return { conditioning }
  },
})

function failOutput(modelPath: string): never {
  throw new Error(`${modelPath} has no output "last_hidden_state"`)
}
