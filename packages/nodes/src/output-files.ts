/**
 * Numbered output files, ComfyUI's SaveImage naming: `<name>_<5-digit counter>_.<ext>`, the
 * counter one above the highest already in the folder. Files are written to a temporary
 * file in the same folder and then hard-linked to their final name, which fails rather than
 * replaces: a concurrent writer can take the next number, but never clobber a file, and
 * readers never see a half-written one.
 */
import { randomUUID } from 'node:crypto'
import { constants, copyFile, link, mkdir, readdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { resolveFilenamePrefix } from './filename-prefix.js'

/** Which host folder a file lives in; what ComfyUI's `/view?type=` takes. */
export type OutputFolderType = 'output' | 'temp'

/** A written file, as output nodes report it in their UI output (plus the absolute path). */
export interface SavedFile {
  readonly filename: string
  /** Relative to the base folder, `/`-separated, `""` for none. */
  readonly subfolder: string
  readonly type: OutputFolderType
  /** The absolute path of the file. */
  readonly path: string
}

export interface WriteOutputFileOptions {
  /** The output or temp folder; the prefix is resolved inside it. */
  readonly baseDir: string
  /** `name` or `sub/folder/name`; see resolveFilenamePrefix. */
  readonly prefix: string
  /** Without the dot, e.g. `png`. */
  readonly extension: string
  readonly data: string | Uint8Array
  /** @default "output" */
  readonly type?: OutputFolderType
}

/**
 * The file system call that writes an output's bytes (to its temporary file). A seam for fault
 * tests only: they replace `writeFile` to simulate a full disk (ENOSPC after a partial write),
 * which no test machine can produce on demand. Production code never changes it.
 */
export const outputFileSystem: { writeFile: typeof writeFile } = { writeFile }

/** How many taken numbers in a row a write skips before giving up. */
const MAX_ATTEMPTS = 10_000

/** `cat_00001_.png` for (`cat`, 1, `png`). Counters above 99999 get more digits. */
export function formatOutputFilename(name: string, counter: number, extension: string): string {
  return `${name}_${String(counter).padStart(5, '0')}_.${extension}`
}

/** One above the highest counter of `<name>_<digits>_*` files in the folder (any extension), or 1. */
export async function nextOutputCounter(directory: string, name: string): Promise<number> {
  let files: string[]
  try {
    files = await readdir(directory)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 1
    throw error
  }
  let highest = 0
  for (const file of files) {
    if (!file.startsWith(`${name}_`)) continue
    const digits = /^(\d+)_/.exec(file.slice(name.length + 1))?.[1]
    if (digits !== undefined) highest = Math.max(highest, Number(digits))
  }
  return highest + 1
}

/**
 * Writes the next numbered file for a prefix and returns where it went.
 *
 * @example await writeOutputFile({ baseDir: outputDir, prefix: 'notes/run', extension: 'txt', data: 'hi' })
 * // -> { filename: 'run_00001_.txt', subfolder: 'notes', type: 'output', path: '/.../notes/run_00001_.txt' }
 */
export async function writeOutputFile(options: WriteOutputFileOptions): Promise<SavedFile> {
  const { directory, subfolder, name } = resolveFilenamePrefix(options.baseDir, options.prefix)
  try {
    await mkdir(directory, { recursive: true })
  } catch (error) {
    throw new Error(`Cannot create the output folder "${directory}": ${(error as Error).message}`, { cause: error })
  }
  const temporary = path.join(directory, `.latentflow-${randomUUID()}.tmp`)
  try {
    try {
      await outputFileSystem.writeFile(temporary, options.data, { flag: 'wx' })
    } catch (error) {
      // e.g. ENOSPC (disk full), EROFS, EACCES: the partial temporary file is removed below.
      throw new Error(`Cannot write the output file for "${options.prefix}" in "${directory}": ${(error as Error).message}`, { cause: error })
    }
    let counter = await nextOutputCounter(directory, name)
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++, counter++) {
      const filename = formatOutputFilename(name, counter, options.extension)
      const target = path.join(directory, filename)
      try {
        await placeExclusive(temporary, target)
        return { filename, subfolder, type: options.type ?? 'output', path: target }
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      }
    }
    throw new Error(`Cannot find a free file name for "${options.prefix}" in "${directory}" after ${MAX_ATTEMPTS} tries`)
  } finally {
    await rm(temporary, { force: true })
  }
}

/** Error codes of `link` on file systems that have no hard links. */
const NO_HARD_LINKS: ReadonlySet<string> = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'])

/**
 * Gives `source`'s content the name `target`, failing with EEXIST when the name is taken.
 * A hard link does it atomically; file systems without hard links get an exclusive copy,
 * which still never overwrites.
 */
async function placeExclusive(source: string, target: string): Promise<void> {
  try {
    await link(source, target)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === undefined || !NO_HARD_LINKS.has(code)) throw error
    await copyFile(source, target, constants.COPYFILE_EXCL)
  }
}
