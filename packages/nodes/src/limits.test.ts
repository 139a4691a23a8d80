import { validateWorkflow, type ValidationIssue } from '@latentflow/engine'
import { describe, expect, it } from 'vitest'
import { createDefaultRegistry } from './default-registry.js'
import { DEFAULT_LIMITS } from './limits.js'

const limitIssues = (issues: readonly ValidationIssue[]) => issues.filter((issue) => issue.code === 'out_of_range')

function check(nodes: Record<string, unknown>, limits = {}) {
  return validateWorkflow({ version: 1, nodes }, createDefaultRegistry({ limits }))
}

describe('runtime limits', () => {
  it('refuse width x height x batch above maxPixels, naming node, input and flag', () => {
    const result = check({ latent: { type: 'EmptyLatent', inputs: { width: 8192, height: 8192, batch: 4 } } })
    expect(limitIssues(result.issues)).toEqual([
      expect.objectContaining({
        code: 'out_of_range', node: 'latent', nodeType: 'EmptyLatent', input: 'width',
        message: 'node "latent" (EmptyLatent): input "width": width x height x batch = 8192 x 8192 x 4 = 268435456 pixels is above the limit of 4194304 (--max-pixels)',
      }),
    ])
    const comfy = check({ latent: { type: 'EmptyLatentImage', inputs: { width: 4096, height: 4096, batch_size: 1 } } })
    expect(limitIssues(comfy.issues)).toEqual([expect.objectContaining({ node: 'latent', nodeType: 'EmptyLatentImage', message: expect.stringContaining('width x height x batch_size = 4096 x 4096 x 1') })])
  })

  it('accept what is at the limit, and follow the host\'s overrides', () => {
    expect(limitIssues(check({ latent: { type: 'EmptyLatent', inputs: { width: 2048, height: 2048, batch: 1 } } }).issues)).toEqual([])
    expect(limitIssues(check({ latent: { type: 'EmptyLatent', inputs: { width: 512, height: 512, batch: 2 } } }, { maxPixels: 512 * 512 }).issues)).toHaveLength(1)
    expect(limitIssues(check({ latent: { type: 'EmptyLatent', inputs: { width: 4096, height: 4096, batch: 4 } } }, { maxPixels: 4096 * 4096 * 4 }).issues)).toEqual([])
  })

  it('refuse more steps than maxSteps on Scheduler, KSampler and KSamplerAdvanced', () => {
    const result = check({
      scheduler: { type: 'Scheduler', inputs: { steps: DEFAULT_LIMITS.maxSteps + 1 } },
      ksampler: { type: 'KSampler', inputs: { steps: 10_000 } },
      advanced: { type: 'KSamplerAdvanced', inputs: { steps: 1000 } },
    })
    expect(limitIssues(result.issues).map((issue) => [issue.node, issue.input, issue.message.replace(/^.*: /, '')])).toEqual([
      ['scheduler', 'steps', '501 steps is above the limit of 500 (--max-steps)'],
      ['ksampler', 'steps', '10000 steps is above the limit of 500 (--max-steps)'],
      ['advanced', 'steps', '1000 steps is above the limit of 500 (--max-steps)'],
    ])
    expect(limitIssues(check({ scheduler: { type: 'Scheduler', inputs: { steps: 20 } } }, { maxSteps: 10 }).issues)).toHaveLength(1)
  })

  it('refuse prompt text longer than maxPromptLength on Tokenizer and CLIPTextEncode', () => {
    const long = 'a'.repeat(DEFAULT_LIMITS.maxPromptLength + 1)
    const result = check({ tok: { type: 'Tokenizer', inputs: { text: long } }, clip: { type: 'CLIPTextEncode', inputs: { text: long } } })
    expect(limitIssues(result.issues).map((issue) => [issue.node, issue.input])).toEqual([['tok', 'text'], ['clip', 'text']])
    expect(limitIssues(result.issues)[0]!.message).toContain(`the prompt is ${long.length} characters long, above the limit of 10000 (--max-prompt-length)`)
    expect(limitIssues(check({ tok: { type: 'Tokenizer', inputs: { text: 'a red circle' } } }, { maxPromptLength: 5 }).issues)).toHaveLength(1)
  })
})
