/**
 * Where an uploaded image goes: the client's file name made safe, with the extension its
 * content calls for when it has none LoadImage lists, and ComfyUI's ` (1)`, ` (2)`... suffixes
 * when the name is taken (unless overwriting). Writes are exclusive, so two uploads never
 * clobber each other.
 */
import { randomUUID } from 'node:crypto'
import { constants, copyFile, link, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { ImageFormat } from '@latentflow/nodes'

const EXTENSIONS: Readonly<Record<ImageFormat, readonly string[]>> = {
  png: ['.png'],
  jpeg: ['.jpg', '.jpeg'],
  webp: ['.webp'],
}

/** How many ` (n)` names an upload tries before giving up. */
const MAX_ATTEMPTS = 10_000

/** A safe base name for the upload: no folders, no control characters, the right extension. */
export function uploadFileName(original: string, format: ImageFormat): string {
  // eslint-disable-next-line no-control-regex
  let name = path.basename(original.replaceAll('\\', '/')).replace(/[\u0000-\u001f]/g, '').trim()
  if (name === '' || name === '.' || name === '..' || name.startsWith('.')) name = `upload${name.startsWith('.') ? name : ''}`
  const extension = path.extname(name).toLowerCase()
  if (!EXTENSIONS[format].includes(extension)) name = `${name}${EXTENSIONS[format][0]!}`
  return name
}

/** `cat.png`, `cat (1).png`, `cat (2).png`... */
export function numberedName(name: string, attempt: number): string {
  if (attempt === 0) return name
  const extension = path.extname(name)
  return `${name.slice(0, name.length - extension.length)} (${attempt})${extension}`
}

/**
 * Writes `data` in `dir` under `name` (or the first free numbered name) and returns the name
 * used. The data goes to a temporary file first, so readers never see half an image.
 */
export async function writeUpload(dir: string, name: string, data: Uint8Array, overwrite: boolean): Promise<string> {
  const temporary = path.join(dir, `.latentflow-upload-${randomUUID()}.tmp`)
  try {
    await writeFile(temporary, data, { flag: 'wx' })
    if (overwrite) {
      await rename(temporary, path.join(dir, name))
      return name
    }
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const candidate = numberedName(name, attempt)
      try {
        await placeExclusive(temporary, path.join(dir, candidate))
        return candidate
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      }
    }
    throw new Error(`No free name for "${name}" after ${MAX_ATTEMPTS} tries`)
  } finally {
    await rm(temporary, { force: true })
  }
}

/** A hard link fails rather than replaces; file systems without links get an exclusive copy. */
async function placeExclusive(source: string, target: string): Promise<void> {
  try {
    await link(source, target)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error
    await copyFile(source, target, constants.COPYFILE_EXCL)
  }
}
