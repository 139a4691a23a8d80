/**
 * ComfyUI's CheckpointLoaderSimple over LoadModel: `ckpt_name` is a model folder (a
 * `.safetensors`/`.ckpt` suffix is ignored, see {@link checkpointFolderName}); outputs MODEL,
 * CLIP and VAE in ComfyUI's order, so `["4", 1]` still means CLIP.
 */
import { combo, defineNode } from '@latentflow/engine'
import { listModelFolders } from '../model/model-directories.js'
import { createLoadModel } from '../sd/nodes/load-model.js'
import type { ClipHandle } from './clip-handle.js'
import { checkpointFolderName } from './checkpoint-name.js'

export function createCheckpointLoaderSimple(modelDirs: readonly string[]) {
  const loadModel = createLoadModel(modelDirs)
  const folders = () => [...listModelFolders(modelDirs).keys()]
  return defineNode({
    type: 'CheckpointLoaderSimple',
    title: 'Load Checkpoint',
    category: 'comfyui/loaders',
    description: "ComfyUI's checkpoint loader over LoadModel: a model folder -> MODEL (UNet and scheduler config), CLIP (tokenizer and text encoder), VAE.",
    inputs: {
      ckpt_name: combo(folders, { tooltip: 'A model folder; a ".safetensors" or ".ckpt" suffix is ignored' }),
    },
    outputs: { model: 'MODEL', clip: 'CLIP', vae: 'VAE' },
    async run({ ckpt_name }, ctx) {
      const loaded = await loadModel.run({ model: checkpointFolderName(ckpt_name) }, ctx)
      const clip: ClipHandle = { tokenizer: loaded.tokenizer, textEncoder: loaded.text_encoder }
      return { model: loaded.model, clip, vae: loaded.vae }
    },
  })
}
