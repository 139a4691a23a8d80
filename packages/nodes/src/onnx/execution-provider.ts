/**
 * CUDA when its library loads, else CPU, decided once per process with one log line.
 * onnxruntime-node ships the CPU provider; the CUDA one exists only after
 * `ONNXRUNTIME_NODE_INSTALL=cuda12 npm install` on a machine with CUDA 12.
 */
import { existsSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import ort from 'onnxruntime-node'

export type ExecutionProviderName = 'cuda' | 'cpu'

export interface SessionSettings {
  readonly provider: ExecutionProviderName
  readonly options: ort.InferenceSession.SessionOptions
}

/** What `LATENTFLOW_DEVICE` may force: `cpu`, `cuda`, or `auto` (the default). */
export type DevicePreference = 'auto' | 'cpu' | 'cuda'

/** Session options for the chosen provider: graph optimisation on, threads = cores. */
export function sessionOptions(provider: ExecutionProviderName): ort.InferenceSession.SessionOptions {
  return {
    executionProviders: provider === 'cuda' ? ['cuda', 'cpu'] : ['cpu'],
    graphOptimizationLevel: 'all',
    intraOpNumThreads: os.availableParallelism(),
    interOpNumThreads: 1,
    executionMode: 'sequential',
  }
}

/**
 * Opens `modelPath` with CUDA when allowed and available, falling back to CPU. Returns the
 * session and the provider that took it. `log` gets one line the first time a provider is chosen.
 */
export async function createSessionWithBestProvider(
  modelPath: string,
  preference: DevicePreference,
  log: (line: string) => void,
): Promise<{ session: ort.InferenceSession; provider: ExecutionProviderName }> {
  const cudaInstalled = cudaProviderInstalled()
  if (preference === 'cuda' && !cudaInstalled) {
    throw new Error('CUDA was requested (LATENTFLOW_DEVICE=cuda) but onnxruntime-node has no CUDA provider: reinstall with ONNXRUNTIME_NODE_INSTALL=cuda12 npm install')
  }
  if (preference !== 'cpu' && cudaInstalled && chosen !== 'cpu') {
    try {
      const session = await ort.InferenceSession.create(modelPath, sessionOptions('cuda'))
      announce('cuda', log, 'CUDA')
      return { session, provider: 'cuda' }
    } catch (error) {
      if (preference === 'cuda') throw new Error(`CUDA was requested (LATENTFLOW_DEVICE=cuda) but cannot be used: ${(error as Error).message}`)
      announce('cpu', log, `CPU (CUDA unavailable: ${firstLine((error as Error).message)})`)
    }
  }
  const session = await ort.InferenceSession.create(modelPath, sessionOptions('cpu'))
  announce('cpu', log, `CPU, ${os.availableParallelism()} threads${cudaInstalled || preference === 'cpu' ? '' : ' (no CUDA provider installed; GPU users: ONNXRUNTIME_NODE_INSTALL=cuda12 npm install)'}`)
  return { session, provider: 'cpu' }
}

let chosen: ExecutionProviderName | undefined

function announce(provider: ExecutionProviderName, log: (line: string) => void, description: string): void {
  if (chosen === undefined) log(`onnxruntime ${ort.env.versions.common}: running models on ${description}`)
  chosen = provider
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.slice(0, 200)
}

/**
 * Whether onnxruntime-node's CUDA provider library is installed beside its binding. Checking
 * the file first spares CPU machines a failed CUDA load and ORT's error log about it.
 */
export function cudaProviderInstalled(): boolean {
  const library = process.platform === 'win32' ? 'onnxruntime_providers_cuda.dll' : 'libonnxruntime_providers_cuda.so'
  const packageDir = path.dirname(createRequire(import.meta.url).resolve('onnxruntime-node/package.json'))
  const binDir = path.join(packageDir, 'bin')
  if (!existsSync(binDir)) return false
  return readdirSync(binDir).some((napi) => existsSync(path.join(binDir, napi, process.platform, process.arch, library)))
}
