import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BYTE_TO_UNICODE } from './byte-unicode.js'
import { ClipTokenizer } from './clip-tokenizer.js'

/** A byte-level vocabulary with every byte (alone and word-final) and a few merges. */
function syntheticVocab(merges: readonly [string, string][]): Map<string, number> {
  const tokens = [...BYTE_TO_UNICODE, ...BYTE_TO_UNICODE.map((char) => `${char}</w>`), ...merges.map(([a, b]) => a + b)]
  tokens.push('<|startoftext|>', '<|endoftext|>')
  return new Map(tokens.map((token, id) => [token, id]))
}

const merges: [string, string][] = [['c', 'a'], ['ca', 't</w>'], ['d', 'o'], ['do', 'g</w>'], ['a', 't</w>']]
const vocab = syntheticVocab(merges)
const id = (token: string): number => vocab.get(token)!

describe('ClipTokenizer (synthetic vocabulary)', () => {
  const tokenizer = new ClipTokenizer({ vocab, merges, maxLength: 8 })

  it('merges by rank and marks word ends', () => {
    expect(tokenizer.encode('cat dog')).toEqual([id('cat</w>'), id('dog</w>')])
    expect(tokenizer.encode('at cats')).toEqual([id('at</w>'), id('ca'), id('t'), id('s</w>')])
  })

  it('lower-cases, cleans HTML and whitespace, and splits punctuation and digits', () => {
    expect(tokenizer.encode('  CAT&amp;amp;DOG\n\t12 ')).toEqual([id('cat</w>'), id('&</w>'), id('dog</w>'), id('1</w>'), id('2</w>')])
  })

  it('encodes the special token strings as their ids', () => {
    expect(tokenizer.encode('<|startoftext|>cat<|endoftext|>')).toEqual([tokenizer.bosId, id('cat</w>'), tokenizer.eosId])
  })

  it('pads with EOS by default and keeps EOS when truncating', () => {
    expect(tokenizer.encodePadded('cat')).toEqual([tokenizer.bosId, id('cat</w>'), tokenizer.eosId, ...new Array<number>(5).fill(tokenizer.eosId)])
    const long = tokenizer.encodePadded('cat '.repeat(20))
    expect(long).toHaveLength(8)
    expect(long).toEqual([tokenizer.bosId, ...new Array<number>(6).fill(id('cat</w>')), tokenizer.eosId])
  })

  it('pads SD 2.x style with "!" (id 0 in CLIP\'s vocabulary)', () => {
    const sd2 = new ClipTokenizer({ vocab, merges, maxLength: 6, padToken: '!' })
    expect(sd2.padId).toBe(id('!'))
    expect(sd2.encodePadded('dog')).toEqual([sd2.bosId, id('dog</w>'), sd2.eosId, id('!'), id('!'), id('!')])
  })

  it('decodes ids back to text', () => {
    expect(tokenizer.decode(tokenizer.encodePadded('cat dog café'))).toBe('cat dog café')
    expect(tokenizer.decode([tokenizer.bosId, id('cat</w>')], { skipSpecialTokens: false })).toBe('<|startoftext|>cat')
    expect(() => tokenizer.decode([999_999])).toThrow(/999999/)
  })

  it('reports its ids and sizes', () => {
    expect(tokenizer.vocabSize).toBe(vocab.size)
    expect(tokenizer.maxLength).toBe(8)
    expect([tokenizer.bosId, tokenizer.eosId]).toEqual([id('<|startoftext|>'), id('<|endoftext|>')])
  })

  it('rejects special tokens missing from the vocabulary and bad merges', () => {
    expect(() => new ClipTokenizer({ vocab, merges, padToken: '<pad>' })).toThrow(/padding token "<pad>"/)
    expect(() => new ClipTokenizer({ vocab, merges: ['a b c'] })).toThrow(/Merge 1/)
    expect(() => new ClipTokenizer({ vocab, merges, maxLength: 1 })).toThrow(RangeError)
  })
})

describe('ClipTokenizer.fromDirectory', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'latentflow-tokenizer-'))
    await writeFile(path.join(dir, 'vocab.json'), JSON.stringify(Object.fromEntries(vocab)))
    await writeFile(path.join(dir, 'merges.txt'), `#version: 0.2\n${merges.map((m) => m.join(' ')).join('\n')}\n`)
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('reads vocab.json and merges.txt with the SD 1.x defaults', async () => {
    const tokenizer = await ClipTokenizer.fromDirectory(dir)
    expect(tokenizer.maxLength).toBe(77)
    expect(tokenizer.padId).toBe(tokenizer.eosId)
    expect(tokenizer.encode('cat')).toEqual([id('cat</w>')])
  })

  it('takes model_max_length and the special tokens from the configs, special_tokens_map first', async () => {
    await writeFile(
      path.join(dir, 'tokenizer_config.json'),
      JSON.stringify({ model_max_length: 10, do_lower_case: true, pad_token: '<|endoftext|>', bos_token: { content: '<|startoftext|>' } }),
    )
    await writeFile(path.join(dir, 'special_tokens_map.json'), JSON.stringify({ pad_token: '!', eos_token: { content: '<|endoftext|>' } }))
    const tokenizer = await ClipTokenizer.fromDirectory(dir)
    expect(tokenizer.maxLength).toBe(10)
    expect(tokenizer.padId).toBe(id('!'))
    expect(tokenizer.encodePadded('dog').slice(0, 4)).toEqual([tokenizer.bosId, id('dog</w>'), tokenizer.eosId, id('!')])
  })

  it('keeps case when do_lower_case is false, and ignores an unset model_max_length', async () => {
    await writeFile(path.join(dir, 'tokenizer_config.json'), JSON.stringify({ do_lower_case: false, model_max_length: 1e30 }))
    const tokenizer = await ClipTokenizer.fromDirectory(dir)
    expect(tokenizer.maxLength).toBe(77)
    expect(tokenizer.normalize('Cat')).toBe('Cat')
  })

  it('names the folder or file at fault', async () => {
    await expect(ClipTokenizer.fromDirectory(path.join(dir, 'missing'))).rejects.toThrow(/tokenizer folder ".*missing" does not exist/)
    await rm(path.join(dir, 'merges.txt'))
    await expect(ClipTokenizer.fromDirectory(dir)).rejects.toThrow(/merges\.txt/)
    await writeFile(path.join(dir, 'merges.txt'), 'c a\nbroken\n')
    await expect(ClipTokenizer.fromDirectory(dir)).rejects.toThrow(/merges\.txt" line 2/)
    await writeFile(path.join(dir, 'merges.txt'), 'c a\n')
    await writeFile(path.join(dir, 'vocab.json'), '{"a": 1,')
    await expect(ClipTokenizer.fromDirectory(dir)).rejects.toThrow(/vocab\.json" is not valid JSON/)
    await writeFile(path.join(dir, 'vocab.json'), JSON.stringify(Object.fromEntries(vocab)))
    await writeFile(path.join(dir, 'tokenizer_config.json'), JSON.stringify({ pad_token: '<pad>' }))
    await expect(ClipTokenizer.fromDirectory(dir)).rejects.toThrow(/pad_token "<pad>" of ".*tokenizer_config\.json" is not in/)
    await writeFile(path.join(dir, 'tokenizer_config.json'), JSON.stringify({ model_max_length: 'long' }))
    await expect(ClipTokenizer.fromDirectory(dir)).rejects.toThrow(/tokenizer_config\.json" has model_max_length "long"/)
  })
})

describe('ClipTokenizer on the real vocabulary', () => {
  const vocabDir = path.resolve(fileURLToPath(new URL('../../../../', import.meta.url)), '../shared/clip-tokenizer')

  it('loads the 49,408-token vocabulary with its special tokens', async () => {
    const tokenizer = await ClipTokenizer.fromDirectory(vocabDir)
    expect(tokenizer.vocabSize).toBe(49408)
    expect([tokenizer.bosId, tokenizer.eosId, tokenizer.padId, tokenizer.maxLength]).toEqual([49406, 49407, 49407, 77])
  })

  it('truncates to 75 ids between BOS and EOS', async () => {
    const tokenizer = await ClipTokenizer.fromDirectory(vocabDir)
    const ids = tokenizer.encodePadded('a '.repeat(100))
    expect(ids).toHaveLength(77)
    expect(ids[0]).toBe(49406)
    expect(ids[76]).toBe(49407)
    expect(ids.slice(1, 76)).toEqual(new Array<number>(75).fill(320))
  })

  it('decodes what it encodes', async () => {
    const tokenizer = await ClipTokenizer.fromDirectory(vocabDir)
    expect(tokenizer.decode(tokenizer.encodePadded('a photo of a café, 8k'))).toBe('a photo of a café , 8 k')
  })
})
