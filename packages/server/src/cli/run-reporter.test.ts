import type { ExecutionEvent, Workflow } from '@latentflow/engine'
import { describe, expect, it } from 'vitest'
import { createRunReporter } from './run-reporter.js'

const workflow: Workflow = {
  version: 1,
  nodes: { load: { type: 'Load', inputs: {} }, sample: { type: 'Sampler', inputs: {} }, save: { type: 'Save', inputs: {} } },
}
const p = 'prompt'
const events: ExecutionEvent[] = [
  { type: 'execution_start', data: { prompt_id: p, timestamp: 0 } },
  { type: 'execution_cached', data: { prompt_id: p, nodes: ['load'], timestamp: 0 } },
  { type: 'executing', data: { prompt_id: p, node: 'sample' } },
  { type: 'progress', data: { prompt_id: p, node: 'sample', value: 1, max: 2 } },
  { type: 'progress', data: { prompt_id: p, node: 'sample', value: 2, max: 2 } },
  { type: 'executing', data: { prompt_id: p, node: 'save' } },
  { type: 'node_log', data: { prompt_id: p, node: 'save', message: 'saving' } },
  { type: 'execution_success', data: { prompt_id: p, timestamp: 0 } },
]

function collect(isTTY: boolean) {
  let text = ''
  const sink = { isTTY, columns: 80, write: (chunk: string) => (text += chunk) }
  let clock = 0
  const reporter = createRunReporter({ sink, workflow, now: () => (clock += 5) })
  return { reporter, text: () => text }
}

describe('createRunReporter', () => {
  it('prints plain lines when not on a terminal', () => {
    const { reporter, text } = collect(false)
    for (const event of events) reporter.onEvent(event)
    reporter.close()
    expect(text()).toBe(
      [
        'cached   load (Load)',
        'progress sample (Sampler) 1/2',
        'progress sample (Sampler) 2/2',
        'done     sample (Sampler) in 5 ms',
        'log      save (Save): saving',
        'done     save (Save) in 5 ms',
        '',
      ].join('\n'),
    )
  })

  it('draws a progress bar on a terminal and still prints one line per node', () => {
    const { reporter, text } = collect(true)
    for (const event of events) reporter.onEvent(event)
    reporter.close()
    const output = text()
    expect(output).toContain('sample (Sampler) [')
    expect(output).toContain('1/2')
    expect(output).not.toContain('progress sample')
    expect(output).toContain('done     sample (Sampler) in 5 ms')
    expect(output).toContain('done     save (Save) in 5 ms')
  })

  it('prints no done line for a node that failed or was interrupted', () => {
    const { reporter, text } = collect(false)
    reporter.onEvent({ type: 'executing', data: { prompt_id: p, node: 'sample' } })
    reporter.onEvent({ type: 'execution_interrupted', data: { prompt_id: p, node_id: 'sample', node_type: 'Sampler', executed: [], timestamp: 0 } })
    reporter.close()
    expect(text()).toBe('')
  })
})
