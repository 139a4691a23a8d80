/**
 * IMAGE values as Latentflow's built-in nodes make them: float32 [batch, height, width, 3]
 * (channels last, RGB interleaved) in [0, 1]. Declaring the type here makes every `run` that
 * takes or returns an IMAGE fully typed.
 */
export interface ImageBatch {
  readonly batch: number
  readonly height: number
  readonly width: number
  /** batch * height * width * 3 values in [0, 1]. */
  readonly data: Float32Array
}

declare module '@latentflow/engine' {
  interface SocketValueMap {
    IMAGE: ImageBatch
  }
}

/** A new image batch (zeros when `data` is not given). */
export function createImage(batch: number, height: number, width: number, data?: Float32Array): ImageBatch {
  return { batch, height, width, data: data ?? new Float32Array(batch * height * width * 3) }
}
