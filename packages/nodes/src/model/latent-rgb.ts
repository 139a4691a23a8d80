/**
 * Cheap previews: a 4x3 matrix (plus bias) maps each latent pixel to an RGB colour, so the
 * sampler can show its progress without running the VAE.
 */
import { isJsonObject } from './read-json-file.js'

export interface LatentRgb {
  /** 4 rows (latent channels) of 3 columns (R, G, B). */
  readonly matrix: readonly (readonly [number, number, number])[]
  readonly bias: readonly [number, number, number]
  /** The matrix applies to latents in the sampler's (scaled) space. */
  readonly space: 'scaled'
}

/**
 * For real SD 1.x models that ship no `latent_rgb.json`: the widely used SD 1.x latent-to-RGB
 * factors, which give [-1,1], halved and offset by 0.5 to give [0,1].
 */
export const SD15_LATENT_RGB: LatentRgb = {
  matrix: [
    [0.1756, 0.11485, 0.16135],
    [0.1625, 0.2487, 0.1175],
    [-0.14145, 0.0881, 0.13605],
    [-0.106, -0.1308, -0.35885],
  ],
  bias: [0.5, 0.5, 0.5],
  space: 'scaled',
}

/** Parses `latent_rgb.json`; throws naming the file when it is malformed. */
export function parseLatentRgb(value: unknown, file: string): LatentRgb {
  const fail = (): never => {
    throw new Error(`${file}: expected {"space": "scaled", "matrix": [[r,g,b] x 4], "bias": [r,g,b]}`)
  }
  if (!isJsonObject(value) || (value.space !== undefined && value.space !== 'scaled')) fail()
  const record = value as Record<string, unknown>
  const isTriple = (row: unknown): row is [number, number, number] =>
    Array.isArray(row) && row.length === 3 && row.every((item) => typeof item === 'number' && Number.isFinite(item))
  const { matrix, bias } = record
  if (!Array.isArray(matrix) || matrix.length !== 4 || !matrix.every(isTriple)) fail()
  const offsets = bias === undefined ? [0, 0, 0] : bias
  if (!isTriple(offsets)) fail()
  return { matrix: matrix as LatentRgb['matrix'], bias: offsets as LatentRgb['bias'], space: 'scaled' }
}

/** RGB bytes of one latent image ([4,h,w] starting at `offset` in a batch), h x w pixels. */
export function latentToRgb(latent: Float32Array, offset: number, height: number, width: number, map: LatentRgb): Uint8Array {
  const plane = height * width
  const rgb = new Uint8Array(plane * 3)
  for (let pixel = 0; pixel < plane; pixel++) {
    for (let channel = 0; channel < 3; channel++) {
      let value = 0
      for (let k = 0; k < 4; k++) value += latent[offset + k * plane + pixel]! * map.matrix[k]![channel]!
      const colour = map.bias[channel]! + value
      rgb[pixel * 3 + channel] = Math.round(Math.min(1, Math.max(0, colour)) * 255)
    }
  }
  return rgb
}
