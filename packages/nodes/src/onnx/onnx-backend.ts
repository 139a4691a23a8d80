/**
 * The ONNX backend nodes reach through `ctx.services.backend`: it opens each model file once,
 * lazily, and keeps the session for later runs (the executor's cache holds only handles).
 */
import type { HostServices } from '@latentflow/engine'
import type { DevicePreference } from './execution-provider.js'
import { OnnxModel } from './onnx-model.js'

export interface OnnxBackend {
  /** The model at `path`, opened on first use and cached. A failed open is not cached. */
  open(path: string): Promise<OnnxModel>
  /** Models opened so far (for statistics). */
  models(): readonly OnnxModel[]
  /** Closes every session. */
  release(): Promise<void>
}

declare module '@latentflow/engine' {
  interface HostServices {
    /** ONNX sessions; needed by the nodes that run models. */
    backend?: OnnxBackend
  }
}

export interface OnnxBackendOptions {
  /** `auto` (CUDA when available), `cpu` or `cuda`. @default process.env.LATENTFLOW_DEVICE or 'auto' */
  readonly device?: DevicePreference
  /** Receives the line saying which execution provider runs the models. @default console.error */
  readonly log?: (line: string) => void
}

export function createOnnxBackend(options: OnnxBackendOptions = {}): OnnxBackend {
  const device = options.device ?? parseDevice(process.env.LATENTFLOW_DEVICE)
  const log = options.log ?? ((line: string) => console.error(line))
  const opening = new Map<string, Promise<OnnxModel>>()
  const opened: OnnxModel[] = []
  return {
    open(path) {
      let model = opening.get(path)
      if (!model) {
        model = OnnxModel.open(path, { device, log })
        opening.set(path, model)
        model.then(
          (ready) => opened.push(ready),
          () => opening.delete(path),
        )
      }
      return model
    },
    models: () => [...opened],
    async release() {
      const models = [...opened]
      opening.clear()
      opened.length = 0
      await Promise.all(models.map((model) => model.release()))
    },
  }
}

/** The host's ONNX backend, or a clear error naming the node that needs it. */
export function requireBackend(services: HostServices, nodeType: string): OnnxBackend {
  if (!services.backend) throw new Error(`${nodeType} runs ONNX models, but the host gave no backend: create the executor with services: { backend: createOnnxBackend() }`)
  return services.backend
}

function parseDevice(value: string | undefined): DevicePreference {
  if (value === undefined || value === '' || value === 'auto') return 'auto'
  if (value === 'cpu' || value === 'cuda') return value
  throw new Error(`LATENTFLOW_DEVICE must be auto, cpu or cuda, got "${value}"`)
}
