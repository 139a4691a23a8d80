import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { filenamePrefixProblem, resolveFilenamePrefix, UnsafeFilenamePrefixError } from './filename-prefix.js'

const base = path.resolve('/srv/output')

describe('resolveFilenamePrefix', () => {
  it('splits a plain prefix into folder and name', () => {
    expect(resolveFilenamePrefix(base, 'latentflow')).toEqual({ directory: base, subfolder: '', name: 'latentflow' })
  })

  it('keeps subfolders inside the base folder', () => {
    expect(resolveFilenamePrefix(base, 'a/b/cat')).toEqual({ directory: path.join(base, 'a', 'b'), subfolder: 'a/b', name: 'cat' })
  })

  it('treats backslashes as separators and drops "." and empty segments', () => {
    expect(resolveFilenamePrefix(base, 'a\\.\\b//cat')).toEqual({ directory: path.join(base, 'a', 'b'), subfolder: 'a/b', name: 'cat' })
  })

  it.each([
    ['../escape', '".."'],
    ['a/../../escape', '".."'],
    ['a\\..\\..\\escape', '".."'],
    ['/etc/passwd', 'absolute'],
    ['\\\\server\\share\\x', 'absolute'],
    ['C:\\temp\\x', 'absolute'],
    ['c:x', 'absolute'],
    ['', 'empty'],
    ['   ', 'empty'],
    ['folder/', 'file name'],
    ['a\u0000b', 'control'],
  ])('rejects %j', (prefix, reason) => {
    expect(filenamePrefixProblem(prefix)).toContain(reason)
    expect(() => resolveFilenamePrefix(base, prefix)).toThrow(UnsafeFilenamePrefixError)
  })

  it('names the prefix in the error', () => {
    expect(() => resolveFilenamePrefix(base, '../x')).toThrow('filename_prefix "../x" must not contain ".."')
  })

  it('accepts names that merely contain dots', () => {
    expect(filenamePrefixProblem('v1.5..final/run..1')).toBeUndefined()
  })
})
