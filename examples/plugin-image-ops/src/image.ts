/**
 * IMAGE values as Latentflow's built-in nodes make them: float32 [batch, height, width, 3]
 * (channels last, RGB interleaved) in [0, 1]. Declared for the engine so every `run` that
 * takes or returns an IMAGE is fully typed.
 */
export interface ImageBatch {
  readonly batch: number
  readonly height: number
  readonly width: number
  /** batch * height * width * 3 values in [0, 1], row-major. */
  readonly data: Float32Array
}

declare module '@latentflow/engine' {
  interface SocketValueMap {
    IMAGE: ImageBatch
  }
}

/** A new image batch, zeros unless `data` is given. */
export function createImage(batch: number, height: number, width: number, data?: Float32Array): ImageBatch {
  const length = batch * height * width * 3
  if (data && data.length !== length) throw new Error(`Image data has ${data.length} values; [${batch},${height},${width},3] needs ${length}`)
  return { batch, height, width, data: data ?? new Float32Array(length) }
}

/** Clamps to [0, 1]. */
export function clamp01(value: number): number {
  return value < 0 ? 0 : value > 1 ? 1 : value
}
