/**
 * GPT-2/CLIP's reversible byte <-> unicode mapping: printable Latin-1 bytes stand for
 * themselves, the other 68 bytes for U+0100 onwards, so BPE runs on strings without
 * whitespace or control characters.
 */

/** `bytes_to_unicode()`: the character each byte 0-255 is written as. */
export const BYTE_TO_UNICODE: readonly string[] = (() => {
  const table = new Array<string>(256)
  let next = 256
  for (let byte = 0; byte < 256; byte++) {
    const printable = (byte >= 0x21 && byte <= 0x7e) || (byte >= 0xa1 && byte <= 0xac) || (byte >= 0xae && byte <= 0xff)
    table[byte] = String.fromCharCode(printable ? byte : next++)
  }
  return table
})()

/** The inverse of BYTE_TO_UNICODE. */
export const UNICODE_TO_BYTE: ReadonlyMap<string, number> = new Map(BYTE_TO_UNICODE.map((char, byte) => [char, byte]))

const encoder = new TextEncoder()

/** A piece of text as its UTF-8 bytes, each written as its BYTE_TO_UNICODE character. */
export function bytesToUnicode(text: string): string {
  let out = ''
  for (const byte of encoder.encode(text)) out += BYTE_TO_UNICODE[byte]!
  return out
}
