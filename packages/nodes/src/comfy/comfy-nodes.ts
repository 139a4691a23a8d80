/**
 * ComfyUI's node names as composites over the native nodes, so ComfyUI's API-format workflows
 * run: CheckpointLoaderSimple, CLIPTextEncode, EmptyLatentImage, KSampler, KSamplerAdvanced.
 * VAEDecode, VAEEncode, SaveImage, PreviewImage and LoadImage are already ComfyUI's names
 * (adaptComfyPrompt renames the inputs they name differently).
 */
import type { AnyNodeDefinition } from '@latentflow/engine'
import { createCheckpointLoaderSimple } from './checkpoint-loader-simple.js'
import { CLIPTextEncode } from './clip-text-encode.js'
import { EmptyLatentImage } from './empty-latent-image.js'
import { KSamplerAdvanced } from './k-sampler-advanced.js'
import { KSampler } from './k-sampler.js'

/** The ComfyUI-named nodes, loading checkpoints from `modelDirs`. */
export function createComfyNodes(modelDirs: readonly string[]): readonly AnyNodeDefinition[] {
  return [createCheckpointLoaderSimple(modelDirs), CLIPTextEncode, EmptyLatentImage, KSampler, KSamplerAdvanced]
}
