/**
 * Step 3b: where node outputs are kept between runs. An interface with two strategies:
 * an LRU bounded by approximate bytes (the default) and none (always re-run).
 */
import type { UiOutput } from './node-context.js'

export interface CacheEntry {
  readonly outputs: Readonly<Record<string, unknown>>
  /** What an output node reported with `ctx.ui`. */
  readonly ui?: UiOutput
  /** Approximate size, for the byte budget. */
  readonly bytes: number
}

export interface CacheStats {
  readonly entries: number
  readonly bytes: number
  readonly maxBytes: number
  readonly hits: number
  readonly misses: number
  readonly evictions: number
}

export interface OutputCache {
  /** The entry for a key, marking it as recently used. */
  get(key: string): CacheEntry | undefined
  /** Whether a key is present, without touching its recency. */
  has(key: string): boolean
  set(key: string, entry: CacheEntry): void
  delete(key: string): void
  clear(): void
  stats(): CacheStats
}

/** 2 GiB: a few dozen SD 1.5 images and latents, with room for the text embeddings. */
export const DEFAULT_CACHE_BYTES = 2 * 1024 ** 3

/**
 * Least-recently-used eviction by approximate bytes. A Map keeps insertion order, so
 * re-inserting on access makes the first key the least recently used.
 */
export class LruOutputCache implements OutputCache {
  private readonly entries = new Map<string, CacheEntry>()
  private totalBytes = 0
  private hits = 0
  private misses = 0
  private evictions = 0

  constructor(readonly maxBytes: number = DEFAULT_CACHE_BYTES) {
    if (!(maxBytes >= 0)) throw new Error('LruOutputCache: maxBytes must be >= 0')
  }

  get(key: string): CacheEntry | undefined {
    const entry = this.entries.get(key)
    if (!entry) {
      this.misses++
      return undefined
    }
    this.hits++
    this.entries.delete(key)
    this.entries.set(key, entry)
    return entry
  }

  has(key: string): boolean {
    return this.entries.has(key)
  }

  set(key: string, entry: CacheEntry): void {
    this.delete(key)
    if (entry.bytes > this.maxBytes) return // would evict everything and still not fit
    this.entries.set(key, entry)
    this.totalBytes += entry.bytes
    for (const [oldest, old] of this.entries) {
      if (this.totalBytes <= this.maxBytes) break
      this.entries.delete(oldest)
      this.totalBytes -= old.bytes
      this.evictions++
    }
  }

  delete(key: string): void {
    const entry = this.entries.get(key)
    if (!entry) return
    this.entries.delete(key)
    this.totalBytes -= entry.bytes
  }

  clear(): void {
    this.entries.clear()
    this.totalBytes = 0
  }

  stats(): CacheStats {
    return { entries: this.entries.size, bytes: this.totalBytes, maxBytes: this.maxBytes, hits: this.hits, misses: this.misses, evictions: this.evictions }
  }
}

/** Keeps nothing: every run executes every planned node. */
export class NoOutputCache implements OutputCache {
  private misses = 0
  get(): undefined {
    this.misses++
    return undefined
  }
  has(): boolean {
    return false
  }
  set(): void {}
  delete(): void {}
  clear(): void {}
  stats(): CacheStats {
    return { entries: 0, bytes: 0, maxBytes: 0, hits: 0, misses: this.misses, evictions: 0 }
  }
}
