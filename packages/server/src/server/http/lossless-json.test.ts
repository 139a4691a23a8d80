import { describe, expect, it } from 'vitest'
import { bigintsToStrings, parseJson, stringifyJson } from './lossless-json.js'

describe('lossless JSON', () => {
  it('reads integers beyond 2^53 as bigint and writes them back as the same digits', () => {
    const value = parseJson('{"seed":18446744073709551615,"small":42,"float":0.5,"list":[9007199254740993]}')
    expect(value).toEqual({ seed: 18446744073709551615n, small: 42, float: 0.5, list: [9007199254740993n] })
    expect(stringifyJson(value)).toBe('{"seed":18446744073709551615,"small":42,"float":0.5,"list":[9007199254740993]}')
  })

  it('gives the engine decimal strings, and keeps "__proto__" a plain key', () => {
    const value = parseJson('{"__proto__":{"polluted":true},"a":[18446744073709551615]}')
    const plain = bigintsToStrings(value) as Record<string, unknown>
    expect(plain.a).toEqual(['18446744073709551615'])
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})
