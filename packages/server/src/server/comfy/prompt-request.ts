/**
 * POST /prompt's body -> what the queue stores, or ComfyUI's 400 body. The prompt may be in
 * ComfyUI's API format (adapted to Latentflow's input names first) or the native format; it is
 * validated now, so a bad prompt never reaches the queue.
 */
import { isComfyApiPrompt, toComfyApi, validateWorkflow, type NodeRegistry } from '@latentflow/engine'
import { adaptComfyPrompt } from '@latentflow/nodes'
import { bigintsToStrings, stringifyJson } from '../http/lossless-json.js'
import { comfyPromptErrors, type ComfyPromptErrorBody } from './node-errors.js'

/** A validated prompt, ready for the queue (JSON fields as text). */
export interface PromptSubmission {
  /** The client's `prompt_id`, when it sent one. */
  readonly promptId?: string
  readonly number?: number
  readonly front: boolean
  readonly clientId: string | null
  /** ComfyUI's API format, as the client sent it (native prompts converted). */
  readonly prompt: string
  /** The validated native workflow. */
  readonly workflow: string
  readonly extraData: string
  readonly outputsToExecute: string
}

export type PromptRequestResult = { readonly ok: true; readonly submission: PromptSubmission } | { readonly ok: false; readonly body: ComfyPromptErrorBody }

const PROMPT_ID = /^[A-Za-z0-9_.:-]{1,128}$/

function requestError(type: string, message: string): PromptRequestResult {
  return { ok: false, body: { error: { type, message, details: message, extra_info: {} }, node_errors: {} } }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Reads and validates a POST /prompt body (parsed losslessly: big integers as bigint). */
export function readPromptRequest(body: unknown, registry: NodeRegistry): PromptRequestResult {
  if (!isObject(body)) return requestError('invalid_request', 'The request body must be a JSON object')
  const { prompt, client_id: clientId, front, number, extra_data: extraData, prompt_id: promptId } = body
  if (prompt === undefined || prompt === null) return requestError('no_prompt', 'No prompt provided')
  if (clientId !== undefined && clientId !== null && typeof clientId !== 'string') return requestError('invalid_request', 'client_id must be a string')
  if (extraData !== undefined && !isObject(extraData)) return requestError('invalid_request', 'extra_data must be an object')
  if (promptId !== undefined && (typeof promptId !== 'string' || !PROMPT_ID.test(promptId))) {
    return requestError('invalid_request', 'prompt_id must be 1 to 128 letters, digits or _ . : -')
  }
  const explicitNumber = typeof number === 'bigint' ? Number(number) : number
  if (explicitNumber !== undefined && (typeof explicitNumber !== 'number' || !Number.isFinite(explicitNumber))) {
    return requestError('invalid_request', 'number must be a number')
  }

  const plain = bigintsToStrings(prompt)
  const comfy = isComfyApiPrompt(plain)
  const validation = validateWorkflow(comfy ? adaptComfyPrompt(plain) : plain, registry)
  if (!validation.ok) return { ok: false, body: comfyPromptErrors(validation.issues, validation.workflow, registry) }
  const workflow = validation.workflow

  let stored: unknown = prompt
  if (!comfy) {
    try {
      stored = toComfyApi(workflow, registry)
    } catch {
      stored = workflow // not expected for a valid workflow; keep the native form rather than fail
    }
  }
  const outputs = Object.entries(workflow.nodes)
    .filter(([, node]) => registry.get(node.type)?.output === true)
    .map(([id]) => id)
  const client = typeof clientId === 'string' ? clientId : null
  return {
    ok: true,
    submission: {
      ...(typeof promptId === 'string' ? { promptId } : {}),
      ...(typeof explicitNumber === 'number' ? { number: explicitNumber } : {}),
      front: front === true,
      clientId: client,
      prompt: stringifyJson(stored),
      workflow: JSON.stringify(workflow),
      extraData: stringifyJson({ ...(extraData as Record<string, unknown> | undefined), ...(client !== null ? { client_id: client } : {}) }),
      outputsToExecute: JSON.stringify(outputs),
    },
  }
}
