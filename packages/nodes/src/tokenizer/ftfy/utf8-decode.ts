/**
 * Strict UTF-8 decoding of binary strings (one char per byte), and ftfy's `utf-8-variants`
 * codec, which also accepts CESU-8 surrogate pairs and Java's `C0 80` for U+0000.
 */

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

function toBytes(binary: string): Uint8Array {
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/** Python's `bytes.decode('utf-8')`; undefined where Python raises UnicodeDecodeError. */
export function decodeUtf8(binary: string): string | undefined {
  try {
    return decoder.decode(toBytes(binary))
  } catch {
    return undefined
  }
}

/** `C0 80`, or a CESU-8 pair: a high surrogate `ED A0-AF xx` then a low one `ED B0-BF xx`. */
const VARIANT_SEQUENCE = /\xc0\x80|\xed[\xa0-\xaf][\x80-\xbf]\xed[\xb0-\xbf][\x80-\xbf]/g

/** ftfy's `bytes.decode('utf-8-variants')`; undefined where it raises. */
export function decodeUtf8Variants(binary: string): string | undefined {
  let out = ''
  let last = 0
  for (const match of binary.matchAll(VARIANT_SEQUENCE)) {
    const piece = decodeUtf8(binary.slice(last, match.index))
    if (piece === undefined) return undefined
    const sequence = match[0]
    if (sequence.length === 2) {
      out += piece + '\0'
    } else {
      const byte = (i: number): number => sequence.charCodeAt(i)
      const code = ((byte(1) & 0x0f) << 16) + ((byte(2) & 0x3f) << 10) + ((byte(4) & 0x0f) << 6) + (byte(5) & 0x3f) + 0x10000
      out += piece + String.fromCodePoint(code)
    }
    last = match.index + sequence.length
  }
  const rest = decodeUtf8(binary.slice(last))
  return rest === undefined ? undefined : out + rest
}
