/** Runs the shipped workflows on the tiny model in-process, for the end-to-end tests. */
import { mkdtempSync, readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { applyOverrides, createExecutor, parseOverride, readWorkflow, type Executor, type RunResult, type Workflow } from '@latentflow/engine'
import { createDefaultRegistry, createOnnxBackend, type FileLocations } from '@latentflow/nodes'
import { decode } from 'fast-png'
import { MODELS_DIR, REPO_ROOT } from '../repo-paths.js'

export interface Pipeline {
  readonly executor: Executor
  readonly files: FileLocations
  /** Runs a workflow (either format) with `--set`-style overrides; throws unless it succeeds. */
  run(workflow: unknown, overrides?: readonly string[]): Promise<RunResult>
  /** The PNGs a run saved, decoded. */
  images(result: RunResult): Promise<SavedPng[]>
}

export interface SavedPng {
  readonly file: string
  readonly bytes: Uint8Array
  readonly width: number
  readonly height: number
  /** [H,W,3] in [0,1]. */
  readonly rgb: Float32Array
}

/** One executor (and ONNX backend) over the test models, writing to a fresh temp folder. */
export function createPipeline(options: { inputDir?: string } = {}): Pipeline {
  const root = mkdtempSync(path.join(os.tmpdir(), 'latentflow-pipeline-'))
  const files: FileLocations = {
    outputDir: path.join(root, 'output'),
    tempDir: path.join(root, 'temp'),
    inputDir: options.inputDir ?? path.join(REPO_ROOT, 'workflows', 'input'),
  }
  const registry = createDefaultRegistry({ modelDirs: [MODELS_DIR], inputDir: files.inputDir })
  const executor = createExecutor({ registry, services: { files, backend: createOnnxBackend({ log: () => {} }) } })
  return {
    executor,
    files,
    async run(workflow, overrides = []) {
      const parsed = overrides.map((text) => parseOverride(text) ?? fail(`bad override ${text}`))
      const read = readWorkflow(workflow, registry)
      if (!read.workflow) fail(JSON.stringify(read.issues))
      const applied = applyOverrides(read.workflow, parsed, registry)
      if (applied.issues.length > 0) fail(JSON.stringify(applied.issues))
      const result = await executor.run(applied.workflow)
      if (result.status !== 'success') fail(`run ${result.status}: ${JSON.stringify(result.issues)} ${result.error?.message ?? ''}`)
      return result
    },
    async images(result) {
      const saved = Object.values(result.outputs).flatMap((ui) => (ui.images ?? []) as { filename: string; subfolder: string; type: string }[])
      return Promise.all(
        saved.map(async (image) => {
          const base = image.type === 'temp' ? files.tempDir : files.outputDir
          const file = path.join(base, image.subfolder, image.filename)
          const bytes = new Uint8Array(await readFile(file))
          const png = decode(bytes)
          const rgb = Float32Array.from(png.data as Uint8Array, (value) => value / 255)
          return { file, bytes, width: png.width, height: png.height, rgb }
        }),
      )
    },
  }
}

/** A shipped workflow (`workflows/<name>.json`) in the native format. */
export function shippedWorkflow(name: string, registry = createDefaultRegistry({ modelDirs: [MODELS_DIR] })): Workflow {
  const read = readWorkflow(readFileSync(path.join(REPO_ROOT, 'workflows', `${name}.json`), 'utf8'), registry)
  if (!read.workflow || read.issues.length > 0) fail(`workflows/${name}.json: ${JSON.stringify(read.issues)}`)
  return read.workflow
}

function fail(message: string): never {
  throw new Error(message)
}
