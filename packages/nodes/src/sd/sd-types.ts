/**
 * The values that flow through the Stable Diffusion sockets, registered with the engine by
 * declaration merging so every node's `run` is fully typed.
 */
import type { ModelFolder } from '../model/model-folder.js'
import type { LatentRgb } from '../model/latent-rgb.js'
import type { ClipTokenizer } from '../tokenizer/index.js'
import type { SchedulerName } from '../schedulers/index.js'
import type { ImageBatch, MaskBatch } from '../image/image-batch.js'

/** MODEL: a loaded model folder (paths and configs; sessions open lazily in the backend). */
export interface ModelHandle {
  readonly name: string
  readonly folder: ModelFolder
}

/** TEXT_ENCODER: where the text encoder is. */
export interface TextEncoderHandle {
  readonly modelName: string
  readonly path: string
}

/** UNET: where the UNet is, and how to preview its latents. */
export interface UNetHandle {
  readonly modelName: string
  readonly path: string
  readonly latentRgb: LatentRgb
}

/** VAE: decoder and (optional) encoder, and the latent scaling factor. */
export interface VaeHandle {
  readonly modelName: string
  readonly decoderPath: string
  readonly encoderPath?: string
  readonly scalingFactor: number
}

/** TOKENS: one prompt's token ids, padded to the text encoder's length. */
export interface Tokens {
  readonly text: string
  readonly ids: readonly number[]
}

/** CONDITIONING: text-encoder hidden states [batch, tokens, width]. */
export interface Conditioning {
  readonly batch: number
  readonly tokens: number
  readonly width: number
  readonly hidden: Float32Array
  readonly pooled?: Float32Array
}

/** LATENT: [batch, 4, height, width] in the scaled latent space (height, width = pixels / 8). */
export interface Latent {
  readonly batch: number
  readonly channels: number
  readonly height: number
  readonly width: number
  readonly samples: Float32Array
  /** True for EmptyLatent's output: the sampler starts from pure noise, as diffusers' txt2img does. */
  readonly empty: boolean
}

/** SCHEDULER: an immutable description; the sampler makes a fresh scheduler from it per run. */
export interface SchedulerSpec {
  readonly name: SchedulerName
  readonly steps: number
  readonly karras: boolean
  readonly config: Readonly<Record<string, unknown>>
}

declare module '@latentflow/engine' {
  interface SocketValueMap {
    MODEL: ModelHandle
    TOKENIZER: ClipTokenizer
    TEXT_ENCODER: TextEncoderHandle
    UNET: UNetHandle
    VAE: VaeHandle
    TOKENS: Tokens
    CONDITIONING: Conditioning
    LATENT: Latent
    SCHEDULER: SchedulerSpec
    IMAGE: ImageBatch
    MASK: MaskBatch
  }
}
