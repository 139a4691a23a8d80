/**
 * `ftfy.fix_text` with its default configuration (ftfy 6.3.1), the first step of CLIP's text
 * cleanup: HTML entities (unless the text looks like HTML), mojibake, C1 controls, Latin
 * ligatures, character width, curly quotes, line breaks, surrogates, terminal escapes, control
 * characters and NFC, repeated until nothing changes, line by line.
 */
import { fixC1Controls, fixEncoding } from './fix-encoding.js'
import {
  fixCharacterWidth,
  fixLatinLigatures,
  fixLineBreaks,
  fixSurrogates,
  removeControlChars,
  removeTerminalEscapes,
  uncurlQuotes,
  unescapeHtml,
} from './text-fixes.js'

/** ftfy's `max_decode_length`: longer lines are fixed in pieces of this many code units. */
const MAX_SEGMENT = 1_000_000

/**
 * Fixes text the way `ftfy.fix_text(text)` does.
 *
 * @example fixText('cafÃ© &amp; ﬁsh') // 'café & fish'
 */
export function fixText(text: string): string {
  let unescape = true
  let out = ''
  let position = 0
  while (position < text.length) {
    let end = text.indexOf('\n', position) + 1
    if (end === 0) end = text.length
    if (end - position > MAX_SEGMENT) end = position + MAX_SEGMENT
    const segment = text.slice(position, end)
    // "auto": once a line contains '<', the text may be HTML and entities stay as they are.
    if (segment.includes('<')) unescape = false
    out += fixSegment(segment, unescape)
    position = end
  }
  return out
}

function fixSegment(text: string, unescape: boolean): string {
  for (;;) {
    const original = text
    if (unescape) text = unescapeHtml(text)
    text = fixEncoding(text)
    text = fixC1Controls(text)
    text = fixLatinLigatures(text)
    text = fixCharacterWidth(text)
    text = uncurlQuotes(text)
    text = fixLineBreaks(text)
    text = fixSurrogates(text)
    text = removeTerminalEscapes(text)
    text = removeControlChars(text)
    text = text.normalize('NFC')
    if (text === original) return text
  }
}
