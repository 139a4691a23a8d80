/**
 * The CLIP BPE tokenizer Stable Diffusion's text encoders use, identical in ids to OpenAI
 * CLIP's `SimpleTokenizer` (ftfy and HTML cleanup, lower-casing, CLIP's regex, byte-level BPE).
 */
import { BytePairEncoder } from './byte-pair-encoder.js'
import { bytesToUnicode, UNICODE_TO_BYTE } from './byte-unicode.js'
import { normalizeClipText, splitClipText } from './clip-text.js'
import { readClipTokenizerFolder } from './tokenizer-folder.js'

/** What a ClipTokenizer is built from; `fromDirectory` reads it from a Hugging Face tokenizer folder. */
export interface ClipTokenizerOptions {
  /** Token string -> id, as in `vocab.json`. */
  readonly vocab: ReadonlyMap<string, number> | Readonly<Record<string, number>>
  /** Merges in priority order, each `"first second"` or `[first, second]`, as in `merges.txt` (no header). */
  readonly merges: readonly (string | readonly [string, string])[]
  /** How many ids the text encoder takes. @default 77 */
  readonly maxLength?: number
  /** @default "<|startoftext|>" */
  readonly bosToken?: string
  /** @default "<|endoftext|>" */
  readonly eosToken?: string
  /** What fills the ids after EOS: SD 1.x uses `<|endoftext|>`, SD 2.x `!`. @default "<|endoftext|>" */
  readonly padToken?: string
  /** Lower-case the text, as CLIP always does. @default true */
  readonly lowerCase?: boolean
}

/** Options of `decode`. */
export interface DecodeOptions {
  /** Leave out BOS and EOS. @default true */
  readonly skipSpecialTokens?: boolean
}

const SPECIAL_PIECES = new Set(['<|startoftext|>', '<|endoftext|>'])

/**
 * CLIP's byte-level BPE tokenizer.
 *
 * @example
 * const tokenizer = await ClipTokenizer.fromDirectory('models/tiny-shapes/tokenizer')
 * tokenizer.encode('a photo of a cat') // [320, 1125, 539, 320, 2368]
 * tokenizer.encodePadded('a photo of a cat') // [49406, 320, 1125, 539, 320, 2368, 49407, 49407, ...] (77 ids)
 */
export class ClipTokenizer {
  /** Id of the start-of-text token. */
  readonly bosId: number
  /** Id of the end-of-text token. */
  readonly eosId: number
  /** Id that pads `encodePadded` after EOS. */
  readonly padId: number
  /** How many ids `encodePadded` returns (the text encoder's sequence length). */
  readonly maxLength: number
  /** Number of tokens in the vocabulary. */
  readonly vocabSize: number
  readonly #vocab: ReadonlyMap<string, number>
  #tokens: Map<number, string> | undefined
  readonly #bpe: BytePairEncoder
  readonly #lowerCase: boolean

  constructor(options: ClipTokenizerOptions) {
    const vocab = options.vocab instanceof Map ? options.vocab : new Map(Object.entries(options.vocab))
    this.#vocab = vocab
    this.vocabSize = vocab.size
    const merges = options.merges.map((merge, index): readonly [string, string] => {
      if (typeof merge !== 'string') return merge
      const parts = merge.split(' ')
      if (parts.length !== 2 || !parts[0] || !parts[1]) throw new Error(`Merge ${index + 1} is not two symbols: "${merge}"`)
      return [parts[0], parts[1]]
    })
    this.#bpe = new BytePairEncoder(vocab, merges)
    this.maxLength = options.maxLength ?? 77
    if (!Number.isInteger(this.maxLength) || this.maxLength < 2) throw new RangeError(`maxLength must be an integer >= 2, got ${this.maxLength}`)
    const idOf = (token: string, role: string): number => {
      const id = vocab.get(token)
      if (id === undefined) throw new Error(`The ${role} token "${token}" is not in the vocabulary`)
      return id
    }
    this.bosId = idOf(options.bosToken ?? '<|startoftext|>', 'BOS')
    this.eosId = idOf(options.eosToken ?? '<|endoftext|>', 'EOS')
    this.padId = idOf(options.padToken ?? '<|endoftext|>', 'padding')
    this.#lowerCase = options.lowerCase ?? true
  }

  /** Reads a Hugging Face tokenizer folder; see `readClipTokenizerFolder`. */
  static async fromDirectory(directory: string): Promise<ClipTokenizer> {
    return new ClipTokenizer(await readClipTokenizerFolder(directory))
  }

  /** The normalised text CLIP splits and encodes (ftfy, HTML unescape, whitespace, lower case). */
  normalize(text: string): string {
    return normalizeClipText(text, this.#lowerCase)
  }

  /** The token ids of a text, without BOS/EOS and untruncated. */
  encode(text: string): number[] {
    const ids: number[] = []
    for (const piece of splitClipText(this.normalize(text))) {
      const special = SPECIAL_PIECES.has(piece) ? this.#vocab.get(piece) : undefined
      if (special !== undefined) ids.push(special)
      else for (const id of this.#bpe.encodeWord(bytesToUnicode(piece))) ids.push(id)
    }
    return ids
  }

  /** The `maxLength` ids the text encoder gets: BOS, the ids cut to `maxLength - 2`, EOS, then padding. */
  encodePadded(text: string): number[] {
    const body = this.encode(text).slice(0, this.maxLength - 2)
    const ids = [this.bosId, ...body, this.eosId]
    while (ids.length < this.maxLength) ids.push(this.padId)
    return ids
  }

  /** Text back from ids, as CLIP's `decode` (`</w>` becomes a space), trimmed. */
  decode(ids: readonly number[], options: DecodeOptions = {}): string {
    const skip = options.skipSpecialTokens ?? true
    this.#tokens ??= new Map([...this.#vocab].map(([token, id]) => [id, token]))
    const bytes: number[] = []
    for (const id of ids) {
      if (skip && (id === this.bosId || id === this.eosId)) continue
      const token = this.#tokens.get(id)
      if (token === undefined) throw new RangeError(`Token id ${id} is not in the vocabulary`)
      const wordEnd = !SPECIAL_PIECES.has(token) && token.endsWith('</w>')
      for (const char of wordEnd ? token.slice(0, -4) : token) bytes.push(UNICODE_TO_BYTE.get(char) ?? 0x3f)
      if (wordEnd) bytes.push(0x20)
    }
    return new TextDecoder().decode(Uint8Array.from(bytes)).trim()
  }
}
