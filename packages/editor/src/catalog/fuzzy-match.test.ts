import { describe, expect, it } from 'vitest'
import { TEST_NODES } from '../document/test-catalog'
import { candidatesFor } from '../canvas/add-node-dialog'
import { testCatalog } from '../document/test-catalog'
import { fuzzyScore, searchNodes } from './fuzzy-match'

describe('add-node search', () => {
  it('matches characters in order, best first', () => {
    expect(fuzzyScore('elat', 'EmptyLatent')).not.toBeNull()
    expect(fuzzyScore('zzz', 'EmptyLatent')).toBeNull()
    expect(searchNodes(TEST_NODES, 'vaedec')[0]?.type).toBe('VAEDecode')
    expect(searchNodes(TEST_NODES, 'empty lat')[0]?.type).toBe('EmptyLatent')
    expect(searchNodes(TEST_NODES, '')).toHaveLength(TEST_NODES.length)
  })

  it('offers only the nodes that take a dropped link', () => {
    const catalog = testCatalog()
    const fromLatent = candidatesFor(catalog, { nodeId: 'latent', handleId: 'latent', handleType: 'source', outputType: 'LATENT' })
    expect(fromLatent.map((entry) => entry.node.type).sort()).toEqual(['UNetCFG', 'VAEDecode'])
    expect(fromLatent.find((entry) => entry.node.type === 'VAEDecode')?.handle).toBe('latent')
    const intoImages = candidatesFor(catalog, { nodeId: 'save', handleId: 'images', handleType: 'target', input: catalog.byType.get('SaveImage')!.inputs[0]! })
    expect(intoImages.map((entry) => entry.node.type).sort()).toEqual(['LoadImage', 'VAEDecode'])
  })
})
