/** The node types every Latentflow host starts with. */
import path from 'node:path'
import { createRegistry, type AnyNodeDefinition, type NodeRegistry } from '@latentflow/engine'
import { createComfyNodes } from './comfy/comfy-nodes.js'
import { resolveLimits, withLimits, type LimitOverrides } from './limits.js'
import { modelDirectories } from './model/model-directories.js'
import { PrimitiveBoolean, PrimitiveFloat, PrimitiveInt, PrimitiveString } from './primitive-nodes.js'
import { SaveText } from './save-text.js'
import { EmptyLatent } from './sd/nodes/empty-latent.js'
import { createLoadImage } from './sd/nodes/load-image.js'
import { createLoadModel } from './sd/nodes/load-model.js'
import { PreviewImage, SaveImage } from './sd/nodes/save-image.js'
import { SchedulerNode } from './sd/nodes/scheduler-node.js'
import { TextEncode } from './sd/nodes/text-encode.js'
import { Tokenize } from './sd/nodes/tokenize.js'
import { UNetCFG } from './sd/nodes/unet-cfg.js'
import { VAEDecode } from './sd/nodes/vae-decode.js'
import { VAEEncode } from './sd/nodes/vae-encode.js'

export interface DefaultRegistryOptions {
  /** Where LoadModel looks, in order. @default modelDirectories(): LATENTFLOW_MODELS, then the bundled models/ */
  readonly modelDirs?: readonly string[]
  /** Where LoadImage reads. @default ./input */
  readonly inputDir?: string
  /**
   * Also register ComfyUI's node names (CheckpointLoaderSimple, CLIPTextEncode, EmptyLatentImage,
   * KSampler, KSamplerAdvanced) as composites over the native nodes, so ComfyUI workflows run.
   * @default true
   */
  readonly comfyNodes?: boolean
  /** Caps on pixels, steps and prompt length, checked at validation time. @default DEFAULT_LIMITS */
  readonly limits?: LimitOverrides
}

/** The built-in node definitions, in menu order, for the given model and input folders. */
export function createBuiltinNodes(options: DefaultRegistryOptions = {}): readonly AnyNodeDefinition[] {
  const modelDirs = options.modelDirs ?? modelDirectories()
  const inputDir = path.resolve(options.inputDir ?? 'input')
  const limits = resolveLimits(options.limits)
  const nodes: AnyNodeDefinition[] = [
    createLoadModel(modelDirs),
    Tokenize,
    TextEncode,
    EmptyLatent,
    SchedulerNode,
    UNetCFG,
    VAEDecode,
    VAEEncode,
    SaveImage,
    PreviewImage,
    createLoadImage(inputDir),
    PrimitiveInt,
    PrimitiveFloat,
    PrimitiveString,
    PrimitiveBoolean,
    SaveText,
    ...(options.comfyNodes === false ? [] : createComfyNodes(modelDirs)),
  ]
  return nodes.map((definition) => withLimits(definition, limits))
}

/**
 * A fresh registry holding the built-in nodes; plugins may add to it without touching others.
 *
 * @example const executor = createExecutor({ registry: createDefaultRegistry(), services: { files, backend } })
 */
export function createDefaultRegistry(options: DefaultRegistryOptions = {}): NodeRegistry {
  return createRegistry(createBuiltinNodes(options))
}
