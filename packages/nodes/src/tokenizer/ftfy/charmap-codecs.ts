/**
 * The single-byte codecs ftfy re-encodes mojibake with, over "binary strings" (one char per
 * byte, codes 0-255), so byte-level regular expressions work on them as Python's do on bytes.
 */
import { CHARMAPS, WINDOWS_1252 } from './ftfy-data.js'

/** The encodings `fix_encoding` tries, in order. */
export const CHARMAP_ENCODINGS: readonly string[] = Object.keys(CHARMAPS)

interface Charmap {
  readonly decode: string
  readonly encode: ReadonlyMap<string, number>
}

const charmaps = new Map<string, Charmap>()

function charmap(encoding: string): Charmap {
  let map = charmaps.get(encoding)
  if (!map) {
    const decode = CHARMAPS[encoding]
    if (decode === undefined) throw new Error(`Unknown ftfy charmap encoding "${encoding}"`)
    const encode = new Map<string, number>()
    for (let byte = 0; byte < 256; byte++) if (!encode.has(decode[byte]!)) encode.set(decode[byte]!, byte)
    map = { decode, encode }
    charmaps.set(encoding, map)
  }
  return map
}

/**
 * `text.encode(encoding)` as a binary string, or undefined where a character has no byte
 * (ftfy's `possible_encoding` is false then: bytes 0x00-0x19 and 0x1B-0x7F are ASCII in all of
 * them, and the rest must decode from one of 0x80-0xFF or 0x1A).
 */
export function encodeCharmap(text: string, encoding: string): string | undefined {
  const { encode } = charmap(encoding)
  let out = ''
  for (const char of text) {
    const code = char.codePointAt(0)!
    if (code < 0x80 && code !== 0x1a) {
      out += char
      continue
    }
    const byte = encode.get(char)
    if (byte === undefined || (byte < 0x80 && byte !== 0x1a)) return undefined
    out += String.fromCharCode(byte)
  }
  return out
}

/** Maps each char of `text` below U+0100 through a 256-entry table (`latin-1` bytes decoded as `encoding`). */
export function decodeLatin1As(text: string, encoding: string): string {
  const { decode } = charmap(encoding)
  return text.replace(/[\x80-\xff]/g, (char) => decode[char.charCodeAt(0)]!)
}

/** `text.encode('latin-1').decode('windows-1252')` with Python's strict codecs; undefined on failure. */
export function latin1ToWindows1252(text: string): string | undefined {
  let out = ''
  for (const char of text) {
    const code = char.codePointAt(0)!
    if (code > 0xff) return undefined
    const decoded = WINDOWS_1252[code]!
    if (decoded === '\ufffd') return undefined
    out += decoded
  }
  return out
}
