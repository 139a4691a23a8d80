import { describe, expect, it } from 'vitest'
import { produce } from 'immer'
import { addNode } from '../document/change-functions'
import { testCatalog } from '../document/test-catalog'
import { workflowToDocument } from '../document/workflow-conversion'
import { shippedWorkflow } from '../document/workflow-files.test-support'
import { isValidConnection } from './is-valid-connection'

const catalog = testCatalog()
const doc = produce(workflowToDocument(shippedWorkflow('txt2img')), (draft) =>
  addNode(draft, 'width', { type: 'PrimitiveInt', inputs: { value: 64 }, position: { x: 0, y: 0 } }),
)
const link = (source: string, sourceHandle: string, target: string, targetHandle: string) => ({ source, sourceHandle, target, targetHandle })

describe('isValidConnection', () => {
  it('allows matching socket types', () => {
    expect(isValidConnection(doc, catalog, link('latent', 'latent', 'sampler', 'latent'))).toBe(true)
    expect(isValidConnection(doc, catalog, link('decode', 'image', 'save', 'images'))).toBe(true)
  })

  it('refuses LATENT into IMAGE and other mismatches', () => {
    expect(isValidConnection(doc, catalog, link('latent', 'latent', 'save', 'images'))).toBe(false)
    expect(isValidConnection(doc, catalog, link('model', 'vae', 'sampler', 'unet'))).toBe(false)
  })

  it('lets widgets take the types linkTypesForWidget names', () => {
    expect(isValidConnection(doc, catalog, link('width', 'value', 'latent', 'width'))).toBe(true)
    expect(isValidConnection(doc, catalog, link('width', 'value', 'sampler', 'seed'))).toBe(true)
    expect(isValidConnection(doc, catalog, link('width', 'value', 'save', 'filename_prefix'))).toBe(false)
  })

  it('refuses unknown nodes, outputs and inputs, self links and cycles', () => {
    expect(isValidConnection(doc, catalog, link('nope', 'latent', 'sampler', 'latent'))).toBe(false)
    expect(isValidConnection(doc, catalog, link('latent', 'nope', 'sampler', 'latent'))).toBe(false)
    expect(isValidConnection(doc, catalog, link('latent', 'latent', 'sampler', 'nope'))).toBe(false)
    expect(isValidConnection(doc, catalog, link('sampler', 'latent', 'sampler', 'latent'))).toBe(false)
    // sampler2 is downstream of sampler: feeding its latent back into sampler would close a cycle.
    const looped = produce(doc, (draft) => addNode(draft, 'sampler2', { type: 'UNetCFG', inputs: { latent: ['sampler', 'latent'] }, position: { x: 0, y: 0 } }))
    expect(isValidConnection(looped, catalog, link('sampler2', 'latent', 'sampler', 'latent'))).toBe(false)
    expect(isValidConnection(looped, catalog, link('sampler', 'latent', 'sampler2', 'latent'))).toBe(true)
  })
})
