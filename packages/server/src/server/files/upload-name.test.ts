import { mkdtemp, readFile, readdir } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { numberedName, uploadFileName, writeUpload } from './upload-name.js'

describe('upload names', () => {
  it('keep a plain name with a fitting extension', () => {
    expect(uploadFileName('cat.png', 'png')).toBe('cat.png')
    expect(uploadFileName('photo.JPEG', 'jpeg')).toBe('photo.JPEG')
    expect(uploadFileName('../../etc/cat.png', 'png')).toBe('cat.png')
    expect(uploadFileName('C:\\pics\\cat.webp', 'webp')).toBe('cat.webp')
    expect(uploadFileName('image', 'jpeg')).toBe('image.jpg')
    expect(uploadFileName('fake.png', 'webp')).toBe('fake.png.webp')
    expect(uploadFileName('.hidden', 'png')).toBe('upload.hidden.png')
    expect(numberedName('cat.png', 0)).toBe('cat.png')
    expect(numberedName('cat.png', 2)).toBe('cat (2).png')
  })

  it("number collisions like ComfyUI, unless overwriting", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'latentflow-upload-'))
    expect(await writeUpload(dir, 'a.png', new Uint8Array([1]), false)).toBe('a.png')
    expect(await writeUpload(dir, 'a.png', new Uint8Array([2]), false)).toBe('a (1).png')
    expect(await writeUpload(dir, 'a.png', new Uint8Array([3]), true)).toBe('a.png')
    expect([...(await readFile(path.join(dir, 'a.png')))]).toEqual([3])
    expect((await readdir(dir)).sort()).toEqual(['a (1).png', 'a.png'])
  })
})
