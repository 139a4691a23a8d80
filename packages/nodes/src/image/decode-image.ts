/**
 * Decodes PNG, JPEG and WebP files (only those: checked by their signature, not their name)
 * to an IMAGE and a MASK from the alpha channel, with a pixel limit against decompression bombs.
 */
import sharp, { type OutputInfo } from 'sharp'
import { createImageBatch, createMaskBatch, type ImageBatch, type MaskBatch } from './image-batch.js'

export type ImageFormat = 'png' | 'jpeg' | 'webp'

/** 64 megapixels: far above SD's sizes, far below what would exhaust memory. */
export const DEFAULT_MAX_IMAGE_PIXELS = 64 * 1024 * 1024

/** The format from the file's first bytes, or undefined for anything else. */
export function sniffImageFormat(bytes: Uint8Array): ImageFormat | undefined {
  const starts = (...signature: number[]) => signature.every((byte, i) => bytes[i] === byte)
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png'
  if (starts(0xff, 0xd8, 0xff)) return 'jpeg'
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return 'webp'
  return undefined
}

/**
 * The width and height an image's header declares, read without decoding its pixels (so a
 * decompression bomb costs nothing), or undefined when the header cannot be read.
 */
export async function imageDimensions(bytes: Uint8Array): Promise<{ width: number; height: number } | undefined> {
  try {
    // No pixel limit: metadata reads the header only, and the caller compares the size itself.
    const { width, height } = await sharp(bytes, { limitInputPixels: false }).metadata()
    return width !== undefined && height !== undefined ? { width, height } : undefined
  } catch {
    return undefined
  }
}

export interface DecodedImage {
  readonly image: ImageBatch
  /** 1 where the image is transparent (ComfyUI's LoadImage convention), 0 when it has no alpha. */
  readonly mask: MaskBatch
  readonly format: ImageFormat
}

export async function decodeImage(bytes: Uint8Array, options: { maxPixels?: number; name?: string } = {}): Promise<DecodedImage> {
  const name = options.name ?? 'the image'
  const format = sniffImageFormat(bytes)
  if (!format) throw new Error(`${name} is not a PNG, JPEG or WebP image`)
  let raw: { data: Buffer; info: OutputInfo }
  try {
    raw = await sharp(bytes, { limitInputPixels: options.maxPixels ?? DEFAULT_MAX_IMAGE_PIXELS, failOn: 'error' })
      .rotate() // honour EXIF orientation, as ComfyUI does
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true })
  } catch (error) {
    throw new Error(`Cannot decode ${name}: ${(error as Error).message}`)
  }
  const { width, height } = raw.info
  const pixels = width * height
  const rgb = new Float32Array(pixels * 3)
  const mask = new Float32Array(pixels)
  for (let pixel = 0; pixel < pixels; pixel++) {
    rgb[pixel * 3] = raw.data[pixel * 4]! / 255
    rgb[pixel * 3 + 1] = raw.data[pixel * 4 + 1]! / 255
    rgb[pixel * 3 + 2] = raw.data[pixel * 4 + 2]! / 255
    mask[pixel] = 1 - raw.data[pixel * 4 + 3]! / 255
  }
  return { image: createImageBatch(1, height, width, rgb), mask: createMaskBatch(1, height, width, mask), format }
}
