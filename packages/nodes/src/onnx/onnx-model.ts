/**
 * One ONNX model file opened in onnxruntime-node. Feeds are built from the session's own
 * input metadata (float16 for fp16 exports, int32 or int64 ids, a timestep of any shape),
 * and the time spent in `session.run` is counted for the benchmarks.
 */
import { access } from 'node:fs/promises'
import type ort from 'onnxruntime-node'
import { createSessionWithBestProvider, type DevicePreference, type ExecutionProviderName } from './execution-provider.js'
import { isModelElementType, toFloat32, toTensor, type FeedValue, type ModelElementType } from './tensor-data.js'

/** A model input or output as the session declares it; strings in `shape` are dynamic axes. */
export interface TensorInfo {
  readonly name: string
  readonly type: ModelElementType
  readonly shape: readonly (number | string)[]
}

export interface OpenModelOptions {
  /** @default 'auto' */
  readonly device?: DevicePreference
  /** Receives the one line that says which execution provider runs the models. */
  readonly log?: (line: string) => void
}

export class OnnxModel {
  /** Calls of `run` and the milliseconds spent in `session.run`. */
  readonly stats = { runs: 0, runMs: 0 }

  private constructor(
    readonly path: string,
    private readonly session: ort.InferenceSession,
    readonly provider: ExecutionProviderName,
    readonly inputs: readonly TensorInfo[],
    readonly outputs: readonly TensorInfo[],
  ) {}

  /** Opens a model file (external data such as `weights.pb` beside it is found by ORT). */
  static async open(modelPath: string, options: OpenModelOptions = {}): Promise<OnnxModel> {
    try {
      await access(modelPath)
    } catch {
      throw new Error(`Model file not found: ${modelPath}`)
    }
    let opened
    try {
      opened = await createSessionWithBestProvider(modelPath, options.device ?? 'auto', options.log ?? (() => {}))
    } catch (error) {
      throw new Error(`Cannot load the ONNX model ${modelPath}: ${(error as Error).message}`, { cause: error })
    }
    const { session, provider } = opened
    return new OnnxModel(modelPath, session, provider, describe(session.inputMetadata, modelPath), describe(session.outputMetadata, modelPath))
  }

  /** The declared input, or a clear error naming the model and its inputs. */
  input(name: string): TensorInfo {
    return find(this.inputs, name, 'input', this.path)
  }

  /** The declared output, or a clear error naming the model and its outputs. */
  output(name: string): TensorInfo {
    return find(this.outputs, name, 'output', this.path)
  }

  hasInput(name: string): boolean {
    return this.inputs.some((info) => info.name === name)
  }

  hasOutput(name: string): boolean {
    return this.outputs.some((info) => info.name === name)
  }

  /** Runs the model; every input gets the element type the model declares. */
  async run(feeds: Readonly<Record<string, FeedValue>>): Promise<Record<string, ort.Tensor>> {
    const tensors: Record<string, ort.Tensor> = {}
    for (const [name, value] of Object.entries(feeds)) tensors[name] = toTensor(value, this.input(name).type, name)
    const started = performance.now()
    try {
      return await this.session.run(tensors)
    } catch (error) {
      throw new Error(`Running ${this.path} failed: ${(error as Error).message}`, { cause: error })
    } finally {
      this.stats.runs++
      this.stats.runMs += performance.now() - started
    }
  }

  /** Runs the model and returns one float output as float32. */
  async runForFloat(feeds: Readonly<Record<string, FeedValue>>, outputName: string): Promise<Float32Array> {
    this.output(outputName)
    const results = await this.run(feeds)
    return toFloat32(results[outputName]!, outputName)
  }

  async release(): Promise<void> {
    await this.session.release()
  }
}

function describe(metadata: readonly ort.InferenceSession.ValueMetadata[], modelPath: string): TensorInfo[] {
  return metadata.map((value) => {
    if (!value.isTensor) throw new Error(`${modelPath}: "${value.name}" is not a tensor, which Latentflow does not support`)
    if (!isModelElementType(value.type)) throw new Error(`${modelPath}: "${value.name}" has element type ${value.type}, which Latentflow does not support`)
    return { name: value.name, type: value.type, shape: [...value.shape] }
  })
}

function find(infos: readonly TensorInfo[], name: string, kind: string, modelPath: string): TensorInfo {
  const info = infos.find((candidate) => candidate.name === name)
  if (!info) throw new Error(`${modelPath} has no ${kind} "${name}" (its ${kind}s: ${infos.map((item) => item.name).join(', ')})`)
  return info
}
