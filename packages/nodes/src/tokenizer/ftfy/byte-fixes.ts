/**
 * ftfy's byte-level repairs, applied to re-encoded text (binary strings) before it is decoded
 * as UTF-8: `restore_byte_a0` and `replace_lossy_sequences`.
 */

/** UTF-8 sequences that would be valid if a Windows program had not turned byte A0 into a space. */
export const ALTERED_UTF8 =
  /[\xc2\xc3\xc5\xce\xd0\xd9][ ]|[\xe2\xe3][ ][\x80-\x84\x86-\x9f\xa1-\xbf]|[\xe0-\xe3][\x80-\x84\x86-\x9f\xa1-\xbf][ ]|[\xf0][ ][\x80-\xbf][\x80-\xbf]|[\xf0][\x80-\xbf][ ][\x80-\xbf]|[\xf0][\x80-\xbf][\x80-\xbf][ ]/g

const A_GRAVE_WORD = /\xc3 (?! |quele|quela|quilo|s )/g

/** UTF-8 and CESU-8 sequences with lost continuation bytes (0x1A stands for a byte that became U+FFFD). */
const LOSSY_UTF8 =
  /[\xc2-\xdf][\x1a]|[\xc2-\xc3][?]|\xed[\xa0-\xaf][\x1a?]\xed[\xb0-\xbf][\x1a?\x80-\xbf]|\xed[\xa0-\xaf][\x1a?\x80-\xbf]\xed[\xb0-\xbf][\x1a?]|[\xe0-\xef][\x1a?][\x1a\x80-\xbf]|[\xe0-\xef][\x1a\x80-\xbf][\x1a?]|[\xf0-\xf4][\x1a?][\x1a\x80-\xbf][\x1a\x80-\xbf]|[\xf0-\xf4][\x1a\x80-\xbf][\x1a?][\x1a\x80-\xbf]|[\xf0-\xf4][\x1a\x80-\xbf][\x1a\x80-\xbf][\x1a?]|\x1a/g

/** `fixes.restore_byte_a0`: put back the A0 bytes that became spaces inside UTF-8 sequences. */
export function restoreByteA0(bytes: string): string {
  return bytes.replace(A_GRAVE_WORD, '\xc3\xa0 ').replace(ALTERED_UTF8, (match) => match.replaceAll(' ', '\xa0'))
}

/** `fixes.replace_lossy_sequences`: damaged sequences become the UTF-8 bytes of U+FFFD. */
export function replaceLossySequences(bytes: string): string {
  return bytes.replace(LOSSY_UTF8, '\xef\xbf\xbd')
}
