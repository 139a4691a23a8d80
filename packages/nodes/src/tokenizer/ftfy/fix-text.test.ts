import { describe, expect, it } from 'vitest'
import { fixText } from './fix-text.js'

// Examples from ftfy's documentation and docstrings (ftfy 6.3.1 gives these outputs).
describe('fixText', () => {
  it.each([
    ['âœ” No problems', '✔ No problems'],
    ['&macr;\\_(ã\x83\x84)_/&macr;', '¯\\_(ツ)_/¯'],
    ['Broken text&hellip; it&#x2019;s ﬂubberiﬁc!', "Broken text… it's flubberific!"],
    ['ＬＯＵＤ　ＮＯＩＳＥＳ', 'LOUD NOISES'],
    ['sÃ³', 'só'],
    ['voilÃ  le travail', 'voilà le travail'],
    ['This text is fine already :þ', 'This text is fine already :þ'],
    ['This â€” should be an em dash', 'This — should be an em dash'],
    ['\ufeffParty like\nit&rsquo;s 1999!', "Party like\nit's 1999!"],
    ['<em>HTML entities &lt;3</em>', '<em>HTML entities &lt;3</em>'],
    ['HTML entities &lt;3', 'HTML entities <3'],
    ['uÌˆnicode', 'ünicode'],
    ['\x1b[36;44mI&#x92;m blue\x1b[0m', 'I’m blue'.replace('’', "'")],
    ['a\r\nb\rc\u2028d', 'a\nb\nc\nd'],
    ['lone \ud800 surrogate', 'lone \ufffd surrogate'],
    ['', ''],
  ])('%j -> %j', (input, expected) => expect(fixText(input)).toBe(expected))
})
