/**
 * IMAGE and MASK values, in ComfyUI's convention: images are float [B,H,W,3] in [0,1]
 * (channels last), masks float [B,H,W] in [0,1].
 */
import { APPROXIMATE_BYTES } from '@latentflow/engine'

export interface ImageBatch {
  readonly batch: number
  readonly height: number
  readonly width: number
  /** B*H*W*3 values in [0,1], row-major, RGB interleaved. */
  readonly data: Float32Array
}

export interface MaskBatch {
  readonly batch: number
  readonly height: number
  readonly width: number
  /** B*H*W values in [0,1]. */
  readonly data: Float32Array
}

export function createImageBatch(batch: number, height: number, width: number, data?: Float32Array): ImageBatch {
  const length = batch * height * width * 3
  if (data && data.length !== length) throw new Error(`Image data has ${data.length} values; [${batch},${height},${width},3] needs ${length}`)
  return { batch, height, width, data: data ?? new Float32Array(length), [APPROXIMATE_BYTES]: length * 4 } as ImageBatch
}

export function createMaskBatch(batch: number, height: number, width: number, data?: Float32Array): MaskBatch {
  const length = batch * height * width
  if (data && data.length !== length) throw new Error(`Mask data has ${data.length} values; [${batch},${height},${width}] needs ${length}`)
  return { batch, height, width, data: data ?? new Float32Array(length), [APPROXIMATE_BYTES]: length * 4 } as MaskBatch
}

/** One image of a batch as 8-bit RGB (rounded, clamped). */
export function imageToRgb8(image: ImageBatch, index: number): Uint8Array {
  const size = image.height * image.width * 3
  const rgb = new Uint8Array(size)
  const offset = index * size
  for (let i = 0; i < size; i++) rgb[i] = Math.round(Math.min(1, Math.max(0, image.data[offset + i]!)) * 255)
  return rgb
}
