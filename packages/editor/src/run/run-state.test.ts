import { describe, expect, it } from 'vitest'
import { INITIAL_RUN_STATE, nodeErrorsFromBody, runReducer } from './run-state'

describe('run state', () => {
  it('tracks the running node, progress and output images', () => {
    let state = runReducer(INITIAL_RUN_STATE, { type: 'execution_start', data: { prompt_id: 'p', timestamp: 0 } })
    state = runReducer(state, { type: 'executing', data: { prompt_id: 'p', node: 'sampler' } })
    state = runReducer(state, { type: 'progress', data: { prompt_id: 'p', node: 'sampler', value: 3, max: 20 } })
    expect(state.runningNode).toBe('sampler')
    expect(state.progress).toEqual({ node: 'sampler', value: 3, max: 20 })
    const image = { filename: 'a.png', subfolder: '', type: 'output' }
    state = runReducer(state, { type: 'executed', data: { prompt_id: 'p', node: 'save', display_node: 'save', output: { images: [image] } } })
    state = runReducer(state, { type: 'executing', data: { prompt_id: 'p', node: null } })
    expect(state.outputs.save).toEqual([image])
    expect(state.runningNode).toBeNull()
  })

  it("puts POST /prompt's node errors on the node and input", () => {
    const body = {
      error: { type: 'prompt_outputs_failed_validation', message: 'Prompt outputs failed validation' },
      node_errors: { latent: { errors: [{ message: 'Value out of range', details: 'input "width" must be a multiple of 8, got 100', extra_info: { input_name: 'width' } }] } },
    }
    expect(nodeErrorsFromBody(body)).toEqual({ latent: [{ input: 'width', message: 'input "width" must be a multiple of 8, got 100' }] })
    const state = runReducer(INITIAL_RUN_STATE, { type: 'rejected', body })
    expect(state.errors.latent?.[0]?.message).toMatch(/multiple of 8/)
    expect(runReducer(state, { type: 'queued', promptId: 'p' }).errors).toEqual({})
  })

  it('shows an execution error on its node', () => {
    const state = runReducer(INITIAL_RUN_STATE, {
      type: 'execution_error',
      data: { prompt_id: 'p', node_id: 'decode', node_type: 'VAEDecode', executed: [], exception_message: 'boom', exception_type: 'Error', traceback: [], timestamp: 0 },
    })
    expect(state.errors.decode).toEqual([{ message: 'boom' }])
  })

  it('a refusal without node errors becomes a message', () => {
    const state = runReducer(INITIAL_RUN_STATE, { type: 'rejected', body: { error: { type: 'prompt_no_outputs', message: 'Prompt has no outputs', details: 'no output node' }, node_errors: {} } })
    expect(state.message).toBe('no output node')
  })
})
