import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { formatOutputFilename, nextOutputCounter, writeOutputFile } from './output-files.js'

/** Lets a test pretend the file system has no hard links. */
const linkFailure = vi.hoisted(() => ({ code: undefined as string | undefined }))
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>()
  return {
    ...actual,
    link: (source: string, target: string) =>
      linkFailure.code ? Promise.reject(Object.assign(new Error(`link: ${linkFailure.code}`), { code: linkFailure.code })) : actual.link(source, target),
  }
})

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'latentflow-output-files-'))
})
afterEach(async () => {
  linkFailure.code = undefined
  await rm(dir, { recursive: true, force: true })
})

describe('formatOutputFilename', () => {
  it("uses ComfyUI's <prefix>_<5-digit counter>_.<ext> naming", () => {
    expect(formatOutputFilename('latentflow', 1, 'png')).toBe('latentflow_00001_.png')
    expect(formatOutputFilename('x', 123456, 'txt')).toBe('x_123456_.txt')
  })
})

describe('nextOutputCounter', () => {
  it('is 1 for a missing or empty folder', async () => {
    expect(await nextOutputCounter(path.join(dir, 'missing'), 'a')).toBe(1)
    expect(await nextOutputCounter(dir, 'a')).toBe(1)
  })

  it('continues after the highest counter of the same name, whatever the extension', async () => {
    for (const file of ['a_00001_.txt', 'a_00007_.png', 'a_b_00099_.txt', 'ab_00050_.txt', 'a_x.txt', 'b_00010_.txt']) {
      await writeFile(path.join(dir, file), '')
    }
    expect(await nextOutputCounter(dir, 'a')).toBe(8)
  })
})

describe('writeOutputFile', () => {
  const write = (data: string, prefix = 'run') => writeOutputFile({ baseDir: dir, prefix, extension: 'txt', data })

  it('writes numbered files, counting up', async () => {
    const first = await write('one')
    const second = await write('two')
    expect(first).toEqual({ filename: 'run_00001_.txt', subfolder: '', type: 'output', path: path.join(dir, 'run_00001_.txt') })
    expect(second.filename).toBe('run_00002_.txt')
    expect(await readFile(first.path, 'utf8')).toBe('one')
    expect(await readFile(second.path, 'utf8')).toBe('two')
  })

  it('creates subfolders and reports them', async () => {
    const saved = await write('deep', 'a/b/note')
    expect(saved).toMatchObject({ filename: 'note_00001_.txt', subfolder: 'a/b' })
    expect(await readFile(path.join(dir, 'a', 'b', 'note_00001_.txt'), 'utf8')).toBe('deep')
  })

  it('writes bytes as given', async () => {
    const saved = await writeOutputFile({ baseDir: dir, prefix: 'bin', extension: 'dat', data: new Uint8Array([0, 255, 7]) })
    expect([...(await readFile(saved.path))]).toEqual([0, 255, 7])
  })

  it('never overwrites, even when many writers race for the same numbers', async () => {
    const saved = await Promise.all(Array.from({ length: 25 }, (_, i) => write(`text ${i}`)))
    const names = saved.map((file) => file.filename)
    expect(new Set(names).size).toBe(25)
    for (const [i, file] of saved.entries()) expect(await readFile(file.path, 'utf8')).toBe(`text ${i}`)
  })

  it('falls back to an exclusive copy where hard links are not supported', async () => {
    linkFailure.code = 'EPERM'
    await write('one')
    const saved = await Promise.all([write('two'), write('three')])
    expect(saved.map((file) => file.filename).sort()).toEqual(['run_00002_.txt', 'run_00003_.txt'])
    expect((await readdir(dir)).sort()).toEqual(['run_00001_.txt', 'run_00002_.txt', 'run_00003_.txt'])
    expect(await readFile(path.join(dir, 'run_00001_.txt'), 'utf8')).toBe('one')
  })

  it('leaves no temporary file behind', async () => {
    await write('one')
    await write('two')
    expect((await readdir(dir)).sort()).toEqual(['run_00001_.txt', 'run_00002_.txt'])
  })

  it('rejects prefixes that would leave the folder, writing nothing', async () => {
    await expect(write('x', '../escape')).rejects.toThrow('".."')
    await expect(write('x', path.join(os.tmpdir(), 'abs'))).rejects.toThrow('absolute')
    expect(await readdir(dir)).toEqual([])
    expect(await readdir(path.dirname(dir))).not.toContain('escape_00001_.txt')
  })

  it('says which folder it could not create', async () => {
    await writeFile(path.join(dir, 'file'), '')
    await expect(writeOutputFile({ baseDir: path.join(dir, 'file'), prefix: 'x', extension: 'txt', data: '' })).rejects.toThrow(
      `Cannot create the output folder "${path.join(dir, 'file')}"`,
    )
  })
})
