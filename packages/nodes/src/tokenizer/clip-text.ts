/**
 * CLIP's prompt normalisation (`SimpleTokenizer.encode`): `ftfy.fix_text`, Python's
 * `html.unescape` twice, strip, whitespace runs to one space, strip, lower-case; then the
 * pre-tokenizing regex. Python's notions of whitespace are spelled out, as JavaScript's
 * `\s` and `trim()` differ from them (U+0085, U+FEFF, U+001C-U+001F).
 */
import { fixText } from './ftfy/fix-text.js'
import { pythonHtmlUnescape } from './python-html-unescape.js'

/** Unicode White_Space: what `\s` matches in the `regex` module CLIP uses. */
const WHITE_SPACE = '\\t\\n\\v\\f\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000'
/** Python's `str.isspace()`, which `str.strip()` removes: White_Space plus U+001C-U+001F. */
const PY_SPACE = `[${WHITE_SPACE}\\x1c-\\x1f]`

const WHITE_SPACE_RUN = new RegExp(`[${WHITE_SPACE}]+`, 'gu')
const PY_STRIP = new RegExp(`^${PY_SPACE}+|${PY_SPACE}+$`, 'gu')

/**
 * CLIP's pattern: the special tokens, English contractions, letter runs, single digits, and
 * runs of anything else but whitespace. Case-insensitive as in CLIP (`regex.IGNORECASE`).
 */
export const CLIP_PATTERN = new RegExp(
  `<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|\\p{L}+|\\p{N}|[^${WHITE_SPACE}\\p{L}\\p{N}]+`,
  'giu',
)

/** Python's `str.strip()` without arguments. */
export function pythonStrip(text: string): string {
  return text.replace(PY_STRIP, '')
}

/**
 * The text CLIP tokenizes: `whitespace_clean(basic_clean(text)).lower()`.
 *
 * @example normalizeClipText('  A PHOTO &amp;amp; cafÃ©  ') // 'a photo & café'
 */
export function normalizeClipText(text: string, lowerCase = true): string {
  const basic = pythonStrip(pythonHtmlUnescape(pythonHtmlUnescape(fixText(text))))
  const clean = pythonStrip(basic.replace(WHITE_SPACE_RUN, ' '))
  return lowerCase ? clean.toLowerCase() : clean
}

/** The pieces CLIP's regex finds in normalised text, in order. */
export function splitClipText(normalized: string): string[] {
  return normalized.match(CLIP_PATTERN) ?? []
}
