/** LoadModel: a model folder in the diffusers ONNX layout -> its parts as typed handles. */
import { combo, defineNode } from '@latentflow/engine'
import { listModelFolders } from '../../model/model-directories.js'
import { readModelFolder } from '../../model/model-folder.js'
import { ClipTokenizer } from '../../tokenizer/index.js'
import type { ModelHandle } from '../sd-types.js'

/** LoadModel for the given model directories (the combo lists their folders on demand). */
export function createLoadModel(modelDirs: readonly string[]) {
  const folders = () => listModelFolders(modelDirs)
  return defineNode({
    type: 'LoadModel',
    title: 'Load Model',
    category: 'loaders',
    description: 'Loads a Stable Diffusion model folder (diffusers ONNX layout). ONNX sessions open on first use and stay open.',
    inputs: {
      model: combo(() => [...folders().keys()], { tooltip: 'A folder with model_index.json under the model directories' }),
    },
    outputs: { model: 'MODEL', tokenizer: 'TOKENIZER', text_encoder: 'TEXT_ENCODER', unet: 'UNET', vae: 'VAE' },
    async run({ model }) {
      const dir = folders().get(model)
      if (!dir) throw new Error(`Model folder "${model}" is no longer in the model directories (${modelDirs.join(', ')})`)
      const folder = await readModelFolder(dir)
      const tokenizer = await ClipTokenizer.fromDirectory(folder.tokenizerDir)
      const handle: ModelHandle = { name: model, folder }
      return {
        model: handle,
        tokenizer,
        text_encoder: { modelName: model, path: folder.textEncoderPath },
        unet: { modelName: model, path: folder.unetPath, latentRgb: folder.latentRgb },
        vae: {
          modelName: model,
          decoderPath: folder.vaeDecoderPath,
          ...(folder.vaeEncoderPath ? { encoderPath: folder.vaeEncoderPath } : {}),
          scalingFactor: folder.vaeScalingFactor,
        },
      }
    },
  })
}
