/**
 * Python's `html.unescape`, which CLIP applies twice to every prompt. Named references come
 * from the `entities` package (the WHATWG table: with `;`, and the legacy names such as `&amp`
 * also without); numeric references follow Python's own rules, which differ from a browser's
 * for control characters (removed) and noncharacters.
 */
import { decodeHTML } from 'entities'

/** Python's `_charref` pattern: decimal, hexadecimal, or up to 32 name characters. */
const CHARREF = /&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)/gu

/** Python's `_invalid_charrefs` beyond C1: NUL and CR; 0x80-0x9F read as windows-1252. */
const INVALID_CHARREFS = new Map<number, string>([
  [0x00, '\ufffd'],
  [0x0d, '\r'],
  ...[...'\u20ac\x81\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\x8d\u017d\x8f\x90\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\x9d\u017e\u0178'].map(
    (char, i): [number, string] => [0x80 + i, char],
  ),
])

/** Python's `_invalid_codepoints`: references to these decode to nothing. */
function isInvalidCodePoint(code: number): boolean {
  return (
    (code >= 0x01 && code <= 0x08) ||
    code === 0x0b ||
    (code >= 0x0e && code <= 0x1f) ||
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0xfdd0 && code <= 0xfdef) ||
    (code & 0xfffe) === 0xfffe
  )
}

function numericReference(reference: string): string {
  const hex = reference[1] === 'x' || reference[1] === 'X'
  const digits = reference.slice(hex ? 2 : 1).replace(/;$/, '')
  const code = Number.parseInt(digits, hex ? 16 : 10)
  const replacement = INVALID_CHARREFS.get(code)
  if (replacement !== undefined) return replacement
  if ((code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return '\ufffd'
  if (isInvalidCodePoint(code)) return ''
  return String.fromCodePoint(code)
}

/**
 * Decodes HTML character references exactly as Python's `html.unescape` does.
 *
 * @example pythonHtmlUnescape('Tom &amp; Jerry &amp &#x27;s &notit;') // "Tom & Jerry & 's ¬it;"
 */
export function pythonHtmlUnescape(text: string): string {
  if (!text.includes('&')) return text
  return text.replace(CHARREF, (match: string, reference: string) =>
    reference.startsWith('#') ? numericReference(reference) : decodeHTML(match),
  )
}
