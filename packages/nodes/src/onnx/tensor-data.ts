/**
 * Converting between our float32 arrays and what a model's inputs and outputs hold
 * (float16 for fp16 exports, int32 or int64 ids and timesteps), from the session's metadata.
 */
import { Float16Array } from '@petamoriken/float16'
import ort from 'onnxruntime-node'

/** A value to feed: numbers in a flat array and the tensor's dims. */
export interface FeedValue {
  readonly data: Float32Array | Int32Array | readonly number[]
  readonly dims: readonly number[]
}

/** The element types our models use. */
export type ModelElementType = 'float32' | 'float16' | 'int32' | 'int64'

/** Builds an ORT tensor of the element type the model declares for this input. */
export function toTensor(value: FeedValue, type: ModelElementType, inputName: string): ort.Tensor {
  const { data, dims } = value
  const expected = dims.reduce((product, dim) => product * dim, 1)
  if (data.length !== expected) {
    throw new Error(`Input "${inputName}": ${data.length} values do not fill dims [${dims.join(', ')}]`)
  }
  switch (type) {
    case 'float32':
      return new ort.Tensor('float32', data instanceof Float32Array ? data : Float32Array.from(data), [...dims])
    case 'float16': {
      const halves = new Float16Array(data.length)
      for (let i = 0; i < data.length; i++) halves[i] = data[i]!
      return new ort.Tensor('float16', new Uint16Array(halves.buffer), [...dims])
    }
    case 'int32':
      return new ort.Tensor('int32', data instanceof Int32Array ? data : Int32Array.from(data, Math.round), [...dims])
    case 'int64':
      return new ort.Tensor('int64', BigInt64Array.from(data as ArrayLike<number>, (item) => BigInt(Math.round(item))), [...dims])
  }
}

/** Reads a float output (float32 or float16) as float32. */
export function toFloat32(tensor: ort.Tensor, outputName: string): Float32Array {
  if (tensor.type === 'float32') return tensor.data as Float32Array
  if (tensor.type === 'float16') {
    const bits = tensor.data as Uint16Array
    return Float32Array.from(new Float16Array(bits.buffer, bits.byteOffset, bits.length))
  }
  throw new Error(`Output "${outputName}" is ${tensor.type}; a float32 or float16 tensor was expected`)
}

export function isModelElementType(type: string): type is ModelElementType {
  return type === 'float32' || type === 'float16' || type === 'int32' || type === 'int64'
}
