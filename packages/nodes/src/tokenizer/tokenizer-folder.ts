/**
 * Reads a Hugging Face CLIP tokenizer folder (`vocab.json`, `merges.txt`, and when present
 * `tokenizer_config.json` and `special_tokens_map.json`) into ClipTokenizer options. Every
 * error names the file at fault.
 */
import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import type { ClipTokenizerOptions } from './clip-tokenizer.js'

/** transformers' VERY_LARGE_INTEGER: `model_max_length` when the config sets none. */
const UNSET_MAX_LENGTH = 1e30

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    throw new Error(`Cannot read the tokenizer file "${file}": ${(error as Error).message}`, { cause: error })
  }
}

async function readJson(file: string): Promise<Json> {
  const text = await readText(file)
  try {
    return JSON.parse(text) as Json
  } catch (error) {
    throw new Error(`The tokenizer file "${file}" is not valid JSON: ${(error as Error).message}`, { cause: error })
  }
}

async function readOptionalJson(file: string): Promise<Record<string, Json> | undefined> {
  try {
    await stat(file)
  } catch {
    return undefined
  }
  const json = await readJson(file)
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new Error(`The tokenizer file "${file}" is not a JSON object`)
  return json
}

function parseVocab(json: Json, file: string): Map<string, number> {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new Error(`The tokenizer file "${file}" is not a JSON object of token ids`)
  const vocab = new Map<string, number>()
  for (const [token, id] of Object.entries(json)) {
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) throw new Error(`The tokenizer file "${file}" gives "${token}" the id ${JSON.stringify(id)}, not a non-negative integer`)
    vocab.set(token, id)
  }
  if (vocab.size === 0) throw new Error(`The tokenizer file "${file}" has no tokens`)
  return vocab
}

/** Parses `merges.txt`: an optional `#version` line, then one `first second` pair a line. */
export function parseMerges(text: string, file = 'merges.txt'): [string, string][] {
  const merges: [string, string][] = []
  const lines = text.split('\n')
  lines.forEach((raw, index) => {
    const line = raw.replace(/\r$/, '')
    if (line === '' || (index === 0 && line.startsWith('#version'))) return
    const parts = line.split(' ')
    if (parts.length !== 2 || !parts[0] || !parts[1]) throw new Error(`The tokenizer file "${file}" line ${index + 1} is not two symbols: "${line}"`)
    merges.push([parts[0], parts[1]])
  })
  if (merges.length === 0) throw new Error(`The tokenizer file "${file}" has no merges`)
  return merges
}

/** A special token as a string: configs write `"<|endoftext|>"` or `{ "content": "<|endoftext|>", ... }`. */
function tokenContent(value: Json | undefined, file: string, key: string): string | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value === 'string') return value
  if (typeof value === 'object' && !Array.isArray(value) && typeof value.content === 'string') return value.content
  throw new Error(`The tokenizer file "${file}" has a "${key}" that is neither a string nor { content }`)
}

/**
 * The options a tokenizer folder describes. `special_tokens_map.json` overrides
 * `tokenizer_config.json`, as in transformers.
 */
export async function readClipTokenizerFolder(directory: string): Promise<ClipTokenizerOptions> {
  try {
    if (!(await stat(directory)).isDirectory()) throw new Error('not a folder')
  } catch (error) {
    throw new Error(`The tokenizer folder "${directory}" does not exist or is not a folder`, { cause: error })
  }
  const vocabFile = path.join(directory, 'vocab.json')
  const mergesFile = path.join(directory, 'merges.txt')
  const configFile = path.join(directory, 'tokenizer_config.json')
  const specialFile = path.join(directory, 'special_tokens_map.json')
  const [vocabJson, mergesText, config, special] = await Promise.all([
    readJson(vocabFile),
    readText(mergesFile),
    readOptionalJson(configFile),
    readOptionalJson(specialFile),
  ])

  const token = (key: string): string | undefined =>
    tokenContent(special?.[key], specialFile, key) ?? tokenContent(config?.[key], configFile, key)

  let maxLength: number | undefined
  const configured = config?.model_max_length
  if (configured !== undefined && configured !== null) {
    if (typeof configured !== 'number' || !Number.isInteger(configured) || configured < 2) {
      throw new Error(`The tokenizer file "${configFile}" has model_max_length ${JSON.stringify(configured)}, not an integer >= 2`)
    }
    if (configured < UNSET_MAX_LENGTH) maxLength = configured
  }
  const lowerCase = config?.do_lower_case
  if (lowerCase !== undefined && typeof lowerCase !== 'boolean') throw new Error(`The tokenizer file "${configFile}" has a do_lower_case that is not a boolean`)

  const vocab = parseVocab(vocabJson, vocabFile)
  const options: { -readonly [K in keyof ClipTokenizerOptions]: ClipTokenizerOptions[K] } = { vocab, merges: parseMerges(mergesText, mergesFile) }
  if (maxLength !== undefined) options.maxLength = maxLength
  if (typeof lowerCase === 'boolean') options.lowerCase = lowerCase
  for (const [key, option] of [['bos_token', 'bosToken'], ['eos_token', 'eosToken'], ['pad_token', 'padToken']] as const) {
    const value = token(key)
    if (value === undefined) continue
    // Name the config file whose special token is missing from the vocabulary.
    if (!vocab.has(value)) throw new Error(`The ${key} "${value}" of "${special?.[key] !== undefined ? specialFile : configFile}" is not in "${vocabFile}"`)
    options[option] = value
  }
  return options
}
