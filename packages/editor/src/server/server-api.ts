/**
 * The HTTP calls the editor makes to `latentflow serve` (ComfyUI's API plus `/latentflow/*`).
 * Paths are relative, so the editor works under any base path the server is mounted at.
 */
import type { RegistryDescription, Workflow } from '@latentflow/engine'

/** An image an output node reported (`/view` parameters). */
export interface ImageRef {
  readonly filename: string
  readonly subfolder: string
  readonly type: string
}

/** ComfyUI's 400 body for POST /prompt. */
export interface PromptErrorBody {
  readonly error?: { readonly type?: string; readonly message?: string; readonly details?: string }
  readonly node_errors?: Readonly<Record<string, { readonly errors: readonly { readonly message: string; readonly details?: string; readonly extra_info?: { readonly input_name?: string } }[] }>>
}

export type QueueResult = { readonly ok: true; readonly promptId: string } | { readonly ok: false; readonly body: PromptErrorBody }

/** A queue entry as GET /queue lists it: `[number, prompt_id, prompt, extra_data, outputs]`. */
export type QueueItem = readonly [number, string, unknown, Record<string, unknown>, readonly string[]]

export interface HistoryEntry {
  /** `[number, prompt_id, prompt (ComfyUI API format), extra_data, outputs]`. */
  readonly prompt?: QueueItem
  readonly outputs: Readonly<Record<string, { readonly images?: readonly ImageRef[] }>>
  readonly status?: { readonly status_str?: string; readonly completed?: boolean; readonly messages?: readonly (readonly [string, unknown])[] }
}

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { cache: 'no-store' })
  if (!response.ok) throw new Error(`GET ${path}: ${response.status}`)
  return (await response.json()) as T
}

async function postJson(path: string, body: unknown): Promise<Response> {
  return fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
}

export const fetchNodeCatalog = () => getJson<RegistryDescription>('latentflow/nodes')
export const fetchDefaultWorkflow = () => getJson<Workflow>('latentflow/workflows/txt2img')
export const fetchQueue = () => getJson<{ queue_running: QueueItem[]; queue_pending: QueueItem[] }>('queue')
export const fetchHistory = (maxItems = 20) => getJson<Record<string, HistoryEntry>>(`history?max_items=${maxItems}`)

/** POST /prompt with a native workflow. */
export async function queuePrompt(workflow: Workflow, clientId: string): Promise<QueueResult> {
  const response = await postJson('prompt', { prompt: workflow, client_id: clientId })
  const body = (await response.json().catch(() => ({}))) as PromptErrorBody & { prompt_id?: string }
  if (response.ok && typeof body.prompt_id === 'string') return { ok: true, promptId: body.prompt_id }
  return { ok: false, body }
}

export async function interruptPrompt(): Promise<void> {
  await postJson('interrupt', {})
}

export async function deleteQueued(promptIds: readonly string[]): Promise<void> {
  await postJson('queue', { delete: promptIds })
}

/** The `/view` URL of an output image. */
export function viewUrl(image: ImageRef): string {
  const query = new URLSearchParams({ filename: image.filename, subfolder: image.subfolder ?? '', type: image.type ?? 'output' })
  return `view?${query.toString()}`
}
