/**
 * Byte-pair encoding with merge ranks, as CLIP's `SimpleTokenizer.bpe`: the last symbol of a
 * word carries `</w>`, the lowest-ranked adjacent pair is merged everywhere until none is left.
 */

/** How many encoded words to remember (CLIP's cache is unbounded; prompts repeat words a lot). */
const CACHE_LIMIT = 50_000

/** Encodes byte-unicode words to token ids with a vocabulary and ranked merges. */
export class BytePairEncoder {
  readonly #vocab: ReadonlyMap<string, number>
  /** Merge rank by `first + ' ' + second`. */
  readonly #ranks: ReadonlyMap<string, number>
  readonly #cache = new Map<string, readonly number[]>()

  /**
   * @param vocab token string -> id
   * @param merges merge pairs in priority order (`[first, second]`)
   */
  constructor(vocab: ReadonlyMap<string, number>, merges: readonly (readonly [string, string])[]) {
    this.#vocab = vocab
    const ranks = new Map<string, number>()
    merges.forEach(([first, second], rank) => {
      const key = `${first} ${second}`
      if (!ranks.has(key)) ranks.set(key, rank)
    })
    this.#ranks = ranks
  }

  /** The symbols a byte-unicode word merges into, the last one ending in `</w>`. */
  symbols(word: string): string[] {
    const chars = [...word]
    if (chars.length === 0) return []
    let symbols = chars.slice(0, -1)
    symbols.push(`${chars[chars.length - 1]!}</w>`)
    while (symbols.length > 1) {
      let best = Infinity
      let first = ''
      let second = ''
      for (let i = 0; i < symbols.length - 1; i++) {
        const rank = this.#ranks.get(`${symbols[i]!} ${symbols[i + 1]!}`)
        if (rank !== undefined && rank < best) {
          best = rank
          first = symbols[i]!
          second = symbols[i + 1]!
        }
      }
      if (best === Infinity) break
      const merged: string[] = []
      for (let i = 0; i < symbols.length; i++) {
        if (symbols[i] === first && symbols[i + 1] === second && i < symbols.length - 1) {
          merged.push(first + second)
          i++
        } else {
          merged.push(symbols[i]!)
        }
      }
      symbols = merged
    }
    return symbols
  }

  /** The ids of one byte-unicode word (cached). */
  encodeWord(word: string): readonly number[] {
    const cached = this.#cache.get(word)
    if (cached) return cached
    const ids = this.symbols(word).map((symbol) => {
      const id = this.#vocab.get(symbol)
      if (id === undefined) throw new Error(`The tokenizer vocabulary has no entry for "${symbol}"`)
      return id
    })
    if (this.#cache.size >= CACHE_LIMIT) this.#cache.clear()
    this.#cache.set(word, ids)
    return ids
  }
}
