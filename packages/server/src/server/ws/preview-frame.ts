/**
 * Live previews as ComfyUI sends them: a binary WebSocket frame of a 4-byte big-endian event
 * type (1 = PREVIEW_IMAGE), a 4-byte big-endian image type (2 = PNG) and the image file. The
 * engine's preview (a latent-sized RGB picture) is scaled up, nearest neighbour, to be seen.
 */
import type { PreviewImage } from '@latentflow/engine'
import { encode } from 'fast-png'

/** ComfyUI's `BinaryEventTypes.PREVIEW_IMAGE`. */
export const PREVIEW_IMAGE_EVENT = 1
/** ComfyUI's image types in preview frames. */
export const PREVIEW_IMAGE_TYPES = { jpeg: 1, png: 2 } as const

/** Scale previews up to at most this many pixels a side (x8 at most). */
const MAX_PREVIEW_SIDE = 512
const MAX_SCALE = 8

/** The preview, `scale` times larger in each direction (nearest neighbour). */
export function scaleNearest(preview: PreviewImage, scale: number): PreviewImage {
  const { width, height, channels } = preview
  const out = new Uint8Array(width * scale * height * scale * channels)
  const rowBytes = width * scale * channels
  for (let y = 0; y < height; y++) {
    const row = y * scale * rowBytes
    for (let x = 0; x < width; x++) {
      const source = (y * width + x) * channels
      for (let dx = 0; dx < scale; dx++) {
        const target = row + (x * scale + dx) * channels
        for (let c = 0; c < channels; c++) out[target + c] = preview.data[source + c]!
      }
    }
    for (let dy = 1; dy < scale; dy++) out.copyWithin(row + dy * rowBytes, row, row + rowBytes)
  }
  return { width: width * scale, height: height * scale, channels, data: out }
}

/** How much a preview is scaled: x8, less for large ones, at least x1. */
export function previewScale(preview: PreviewImage): number {
  return Math.max(1, Math.min(MAX_SCALE, Math.floor(MAX_PREVIEW_SIDE / Math.max(preview.width, preview.height, 1))))
}

/** The binary frame for a preview: header and PNG. */
export function encodePreviewFrame(preview: PreviewImage): Uint8Array {
  const scaled = scaleNearest(preview, previewScale(preview))
  const png = encode({ width: scaled.width, height: scaled.height, channels: scaled.channels, depth: 8, data: scaled.data as Uint8Array })
  const frame = new Uint8Array(8 + png.length)
  const view = new DataView(frame.buffer)
  view.setUint32(0, PREVIEW_IMAGE_EVENT)
  view.setUint32(4, PREVIEW_IMAGE_TYPES.png)
  frame.set(png, 8)
  return frame
}
