/**
 * ftfy's mojibake repair (`ftfy.fix_encoding`): text that was UTF-8, decoded with a
 * single-byte encoding, is encoded back and decoded as UTF-8, as long as its "badness"
 * heuristic says it looks like mojibake. A port of ftfy 6.3.1.
 */
import { ALTERED_UTF8, replaceLossySequences, restoreByteA0 } from './byte-fixes.js'
import { CHARMAP_ENCODINGS, decodeLatin1As, encodeCharmap, latin1ToWindows1252 } from './charmap-codecs.js'
import { BADNESS_SOURCE, UTF8_DETECTOR_SOURCE } from './ftfy-data.js'
import { decodeUtf8, decodeUtf8Variants } from './utf8-decode.js'

const BADNESS = new RegExp(BADNESS_SOURCE, 'u')
const UTF8_DETECTOR = new RegExp(UTF8_DETECTOR_SOURCE, 'gu')
const HAS_UTF8_RUN = new RegExp(UTF8_DETECTOR_SOURCE, 'u')
const C1_CONTROL = /[\x80-\x9f]/
const C1_CONTROLS = /[\x80-\x9f]/g
const NON_ASCII = /[^\x00-\x7f]/

/** `ftfy.badness.is_bad`: does the text contain a sequence that is far likelier mojibake than intended? */
export function isBad(text: string): boolean {
  return BADNESS.test(text)
}

/** `fixes.fix_c1_controls`: C1 control characters read as their windows-1252 characters. */
export function fixC1Controls(text: string): string {
  return text.replace(C1_CONTROLS, (char) => decodeLatin1As(char, 'sloppy-windows-1252'))
}

/** `ftfy.fix_encoding`: repeat single repair steps until the text stops changing. */
export function fixEncoding(text: string): string {
  for (;;) {
    const fixed = fixEncodingStep(text)
    if (fixed === text) return fixed
    text = fixed
  }
}

/** Re-decodes one layer of mojibake as UTF-8, or returns undefined where the bytes are not UTF-8. */
function redecode(text: string, encoding: string): string | undefined {
  let bytes = encodeCharmap(text, encoding)
  if (bytes === undefined) return undefined
  ALTERED_UTF8.lastIndex = 0
  if (encoding !== 'macroman' && ALTERED_UTF8.test(bytes)) bytes = restoreByteA0(bytes)
  if (encoding.startsWith('sloppy')) bytes = replaceLossySequences(bytes)
  return bytes.includes('\xed') || bytes.includes('\xc0') ? decodeUtf8Variants(bytes) : decodeUtf8(bytes)
}

/** `_fix_encoding_one_step_and_explain`, without the explanation. */
function fixEncodingStep(text: string): string {
  if (text.length === 0 || !NON_ASCII.test(text) || !isBad(text)) return text

  let latin1Possible = false
  for (const encoding of CHARMAP_ENCODINGS) {
    if (encodeCharmap(text, encoding) === undefined) continue
    if (encoding === 'latin-1') latin1Possible = true
    const fixed = redecode(text, encoding)
    if (fixed !== undefined) return fixed
  }

  // Sequences that look like UTF-8 mojibake amid text that does not re-encode as a whole.
  if (HAS_UTF8_RUN.test(text)) {
    const fixed = decodeInconsistentUtf8(text)
    if (fixed !== text) return fixed
  }

  // ftfy checks for 'windows-1252' among the possible encodings, a name never in its list,
  // so Latin-1 text is always tried as windows-1252 here.
  if (latin1Possible) {
    const fixed = latin1ToWindows1252(text)
    if (fixed !== undefined && fixed !== text) return fixed
  }

  if (C1_CONTROL.test(text)) return fixC1Controls(text)
  return text
}

/** `fixes.decode_inconsistent_utf8`: fixes each UTF-8-looking run that is bad on its own. */
function decodeInconsistentUtf8(text: string): string {
  return text.replace(UTF8_DETECTOR, (run) => (run.length < text.length && isBad(run) ? fixEncoding(run) : run))
}
