import { describe, expect, it } from 'vitest'
import { approximateBytes, APPROXIMATE_BYTES } from './approximate-bytes.js'
import { LruOutputCache } from './cache.js'

const entry = (bytes: number) => ({ outputs: {}, bytes })

describe('LruOutputCache', () => {
  it('evicts the least recently used entries to stay under its byte budget', () => {
    const cache = new LruOutputCache(100)
    cache.set('a', entry(40))
    cache.set('b', entry(40))
    cache.get('a') // a is now more recent than b
    cache.set('c', entry(40))
    expect(cache.has('a')).toBe(true)
    expect(cache.has('b')).toBe(false)
    expect(cache.has('c')).toBe(true)
    expect(cache.stats()).toMatchObject({ entries: 2, bytes: 80, evictions: 1, hits: 1 })
  })

  it('skips an entry larger than the whole budget instead of flushing everything', () => {
    const cache = new LruOutputCache(100)
    cache.set('a', entry(40))
    cache.set('huge', entry(500))
    expect(cache.has('huge')).toBe(false)
    expect(cache.has('a')).toBe(true)
  })

  it('replaces an entry under the same key without counting it twice', () => {
    const cache = new LruOutputCache(100)
    cache.set('a', entry(60))
    cache.set('a', entry(30))
    expect(cache.stats().bytes).toBe(30)
    cache.delete('a')
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0 })
  })
})

describe('approximateBytes', () => {
  it('counts typed arrays by their bytes and walks plain data', () => {
    expect(approximateBytes(new Float32Array(1000))).toBeGreaterThanOrEqual(4000)
    expect(approximateBytes({ a: new Uint8Array(100), b: [new Uint8Array(100)] })).toBeGreaterThan(200)
    expect(approximateBytes('x'.repeat(1000))).toBeGreaterThanOrEqual(2000)
  })

  it('uses a size an object states for itself, and survives cycles', () => {
    expect(approximateBytes({ [APPROXIMATE_BYTES]: 12345 })).toBe(12345)
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    expect(approximateBytes(cyclic)).toBeGreaterThan(0)
  })
})
