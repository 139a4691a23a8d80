import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { pythonHtmlUnescape } from './python-html-unescape.js'

const cases = (
  JSON.parse(readFileSync(fileURLToPath(new URL('./fixtures/tokenizer-cases.json', import.meta.url)), 'utf8')) as {
    html_unescape: [string, string][]
  }
).html_unescape

describe('pythonHtmlUnescape', () => {
  it('has the cases made with Python', () => expect(cases.length).toBeGreaterThan(50))
  it.each(cases)('%j like Python', (input, expected) => expect(pythonHtmlUnescape(input)).toBe(expected))
  it('leaves text without & alone', () => expect(pythonHtmlUnescape('no entities')).toBe('no entities'))
})
