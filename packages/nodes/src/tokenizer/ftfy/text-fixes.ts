/** ftfy's character-level fixes (`ftfy.fixes`), each a pure string function. */
import { decodeHTMLStrict } from 'entities'
import { pythonHtmlUnescape } from '../python-html-unescape.js'
import { UPPERCASE_ENTITIES } from './ftfy-data.js'

const HTML_ENTITY = /&#?[0-9A-Za-z]{1,24};/g

/**
 * `fixes.unescape_html`: entities that end in `;` (and their upper-cased forms, such as
 * `&NTILDE;`), and numeric references that Python decodes completely.
 */
export function unescapeHtml(text: string): string {
  return text.replace(HTML_ENTITY, (entity) => {
    if (entity.startsWith('&#')) {
      const decoded = pythonHtmlUnescape(entity)
      return decoded.includes(';') ? entity : decoded
    }
    const decoded = decodeHTMLStrict(entity)
    if (decoded !== entity) return decoded
    return UPPERCASE_ENTITIES[entity] ?? entity
  })
}

const ANSI_ESCAPE = /\x1b\[((?:\p{Nd}|;)*)([a-zA-Z])/gu

/** `fixes.remove_terminal_escapes`: ANSI colour and cursor codes. */
export function removeTerminalEscapes(text: string): string {
  return text.replace(ANSI_ESCAPE, '')
}

/** `fixes.uncurl_quotes`: curly quotes (and U+02BC) become straight ones. */
export function uncurlQuotes(text: string): string {
  return text.replace(/[\u201c-\u201f]/g, '"').replace(/[\u02bc\u2018-\u201b]/g, "'")
}

const LIGATURES: Readonly<Record<string, string>> = {
  'Ĳ': 'IJ', 'ĳ': 'ij', 'ŉ': 'ʼn', 'Ǳ': 'DZ', 'ǲ': 'Dz', 'ǳ': 'dz', 'Ǆ': 'DŽ', 'ǅ': 'Dž', 'ǆ': 'dž',
  'Ǉ': 'LJ', 'ǈ': 'Lj', 'ǉ': 'lj', 'Ǌ': 'NJ', 'ǋ': 'Nj', 'ǌ': 'nj',
  'ﬀ': 'ff', 'ﬁ': 'fi', 'ﬂ': 'fl', 'ﬃ': 'ffi', 'ﬄ': 'ffl', 'ﬅ': 'ſt', 'ﬆ': 'st',
}
const LIGATURE = new RegExp(`[${Object.keys(LIGATURES).join('')}]`, 'g')

/** `fixes.fix_latin_ligatures`: typographic Latin ligatures and legacy digraphs split into letters. */
export function fixLatinLigatures(text: string): string {
  return text.replace(LIGATURE, (char) => LIGATURES[char]!)
}

/** Full-width and half-width forms (U+FF01-U+FFEF) as their NFKC form, plus U+3000 as a space. */
const WIDTH_FORM = /[\u3000\uff01-\uffef]/g
const widthMap = new Map<string, string>([['\u3000', ' ']])
for (let code = 0xff01; code < 0xfff0; code++) {
  const char = String.fromCharCode(code)
  const normal = char.normalize('NFKC')
  if (normal !== char) widthMap.set(char, normal)
}

/** `fixes.fix_character_width`: e.g. `ＬＯＵＤ` -> `LOUD`, half-width katakana -> full-width. */
export function fixCharacterWidth(text: string): string {
  return text.replace(WIDTH_FORM, (char) => widthMap.get(char) ?? char)
}

/** `fixes.fix_line_breaks`: CRLF, CR, U+2028, U+2029 and U+0085 become LF. */
export function fixLineBreaks(text: string): string {
  return text.replace(/\r\n|[\r\u2028\u2029\x85]/g, '\n')
}

/**
 * `fixes.fix_surrogates`. A JavaScript string already reads surrogate pairs as one character,
 * so only lone surrogates are left to replace with U+FFFD.
 */
export function fixSurrogates(text: string): string {
  return text.replace(/[\ud800-\udfff]/gu, '\ufffd')
}

/** `fixes.remove_control_chars`: C0 controls but tab, LF, FF and CR; DEL; deprecated format chars; BOM; interlinear annotations. */
export function removeControlChars(text: string): string {
  return text.replace(/[\x00-\x08\x0b\x0e-\x1f\x7f\u206a-\u206f\ufeff\ufff9-\ufffc]/g, '')
}
