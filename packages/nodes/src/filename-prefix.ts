/**
 * A `filename_prefix` such as `portraits/cat` names a subfolder and a file name inside a base
 * folder (the output or temp dir), ComfyUI style. It must never leave that folder: absolute
 * paths and `..` segments are rejected.
 */
import path from 'node:path'

/** Where a prefix points: the folder to write in and the file name before the counter. */
export interface PrefixLocation {
  /** The absolute folder: the base folder joined with the subfolder. */
  readonly directory: string
  /** The subfolder relative to the base folder, `/`-separated, `""` for none. */
  readonly subfolder: string
  /** The file name part, e.g. `cat` for `portraits/cat`. */
  readonly name: string
}

/** Thrown for a prefix that is empty or would leave the base folder. */
export class UnsafeFilenamePrefixError extends Error {
  constructor(
    readonly prefix: string,
    reason: string,
  ) {
    super(`filename_prefix ${JSON.stringify(prefix)} ${reason}`)
    this.name = 'UnsafeFilenamePrefixError'
  }
}

/** Why a prefix cannot be used, or undefined when it is fine. Both `/` and `\` separate folders. */
export function filenamePrefixProblem(prefix: string): string | undefined {
  if (prefix.trim() === '') return 'must not be empty'
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(prefix)) return 'must not contain control characters'
  if (path.posix.isAbsolute(prefix) || path.win32.isAbsolute(prefix) || /^[A-Za-z]:/.test(prefix)) {
    return 'must be relative to the output folder, not an absolute path'
  }
  const segments = prefix.split(/[\\/]/)
  if (segments.includes('..')) return 'must not contain ".." (it would leave the output folder)'
  const name = segments[segments.length - 1]!
  if (name === '' || name === '.') return 'must end with a file name, e.g. "folder/name"'
  return undefined
}

/** A node's `validate` hook for its `filename_prefix` widget (SaveImage, SaveText). */
export function validateFilenamePrefix({ filename_prefix }: Readonly<Record<string, unknown>>): { input: string; message: string }[] | undefined {
  const problem = typeof filename_prefix === 'string' ? filenamePrefixProblem(filename_prefix) : undefined
  return problem ? [{ input: 'filename_prefix', message: `${JSON.stringify(filename_prefix)} ${problem}` }] : undefined
}

/**
 * Resolves a prefix against a base folder.
 *
 * @example resolveFilenamePrefix('/srv/output', 'cats/tabby') // { directory: '/srv/output/cats', subfolder: 'cats', name: 'tabby' }
 * @throws UnsafeFilenamePrefixError when {@link filenamePrefixProblem} finds a problem
 */
export function resolveFilenamePrefix(baseDir: string, prefix: string): PrefixLocation {
  const problem = filenamePrefixProblem(prefix)
  if (problem) throw new UnsafeFilenamePrefixError(prefix, problem)
  const segments = prefix.split(/[\\/]/).filter((segment) => segment !== '' && segment !== '.')
  const name = segments.pop()!
  const base = path.resolve(baseDir)
  const directory = path.join(base, ...segments)
  const relative = path.relative(base, directory)
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new UnsafeFilenamePrefixError(prefix, 'would leave the output folder')
  }
  return { directory, subfolder: segments.join('/'), name }
}
