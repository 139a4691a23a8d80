import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkFilename, checkSubfolder, ensureSubfolder, existingFile, folderOf, relativePathProblem } from './folder-paths.js'

describe('request paths', () => {
  it('refuse absolute paths, ".." and control characters', () => {
    expect(relativePathProblem('a/b')).toBeUndefined()
    expect(relativePathProblem('/etc')).toMatch(/absolute/)
    expect(relativePathProblem('C:\\x')).toMatch(/absolute/)
    expect(relativePathProblem('a/../../b')).toMatch(/\.\./)
    expect(relativePathProblem('a\\..\\b')).toMatch(/\.\./)
    expect(relativePathProblem('a\u0000')).toMatch(/control/)
    expect(() => checkFilename('../x.png')).toThrow(/\.\./)
    expect(() => checkFilename('a/x.png')).toThrow(/file name/)
    expect(() => checkFilename(undefined)).toThrow(/required/)
    expect(() => checkSubfolder(['a', 'b'])).toThrow(/text/)
    expect(checkSubfolder(undefined)).toBe('')
    expect(() => folderOf({ outputDir: '/o', inputDir: '/i', tempDir: '/t' }, 'models', 'output')).toThrow(/type must be/)
    expect(folderOf({ outputDir: '/o', inputDir: '/i', tempDir: '/t' }, undefined, 'input')).toEqual({ type: 'input', dir: '/i' })
  })

  it('resolve real paths and refuse links that lead outside', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'latentflow-paths-'))
    const base = path.join(root, 'output')
    await mkdir(path.join(base, 'sub'), { recursive: true })
    await writeFile(path.join(base, 'sub', 'a.txt'), 'a')
    await writeFile(path.join(root, 'secret.txt'), 's')
    await symlink(path.join(root, 'secret.txt'), path.join(base, 'link.txt'))
    await symlink(root, path.join(base, 'escape'))
    expect(await existingFile(base, 'sub', 'a.txt')).toBe(path.join(base, 'sub', 'a.txt'))
    await expect(existingFile(base, '', 'missing.txt')).rejects.toMatchObject({ status: 404 })
    await expect(existingFile(base, '', 'link.txt')).rejects.toMatchObject({ status: 403 })
    await expect(ensureSubfolder(base, 'escape')).rejects.toMatchObject({ status: 403 })
    expect(await ensureSubfolder(base, 'new/deeper')).toBe(path.join(base, 'new', 'deeper'))
  })
})
