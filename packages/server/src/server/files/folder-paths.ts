/**
 * Paths from requests (`/view`, `/upload/image`): a folder type (output, input, temp), a
 * subfolder and a file name. No path ever leaves its folder: absolute paths and `..` are refused
 * up front, and the real path (symbolic links resolved) must still lie inside the real folder.
 */
import { mkdir, realpath } from 'node:fs/promises'
import path from 'node:path'
import type { FileLocations } from '@latentflow/nodes'
import { ApiError } from '../http/api-error.js'

export const FOLDER_TYPES = ['output', 'input', 'temp'] as const
export type FolderType = (typeof FOLDER_TYPES)[number]

/** The folder of a `type` parameter, or a 400. */
export function folderOf(files: FileLocations, type: unknown, fallback: FolderType): { type: FolderType; dir: string } {
  const chosen = type === undefined || type === '' ? fallback : type
  switch (chosen) {
    case 'output':
      return { type: 'output', dir: files.outputDir }
    case 'input':
      return { type: 'input', dir: files.inputDir }
    case 'temp':
      return { type: 'temp', dir: files.tempDir }
    default:
      throw new ApiError(400, 'invalid_type', `type must be one of ${FOLDER_TYPES.join(', ')}, got ${JSON.stringify(chosen)}`)
  }
}

/** Why a relative path from a request is unsafe, or undefined. `/` and `\` both separate. */
export function relativePathProblem(value: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(value)) return 'must not contain control characters'
  if (path.posix.isAbsolute(value) || path.win32.isAbsolute(value) || /^[A-Za-z]:/.test(value)) return 'must be relative, not an absolute path'
  if (value.split(/[\\/]/).includes('..')) return 'must not contain ".."'
  return undefined
}

function checked(value: unknown, what: string, allowSeparators: boolean): string {
  if (value === undefined) return ''
  if (typeof value !== 'string') throw new ApiError(400, 'invalid_path', `${what} must be text`)
  const problem = relativePathProblem(value) ?? (!allowSeparators && /[\\/]/.test(value) ? 'must be a file name, not a path' : undefined)
  if (problem) throw new ApiError(400, 'invalid_path', `${what} ${JSON.stringify(value)} ${problem}`)
  return value
}

/** A `subfolder` parameter: relative, without `..`; `""` for none. */
export function checkSubfolder(value: unknown): string {
  return checked(value, 'subfolder', true)
}

/** A `filename` parameter: a plain name, no separators, no `..`. */
export function checkFilename(value: unknown): string {
  const name = checked(value, 'filename', false)
  if (name === '' || name === '.') throw new ApiError(400, 'invalid_path', 'filename is required')
  return name
}

function inside(base: string, target: string): boolean {
  const relative = path.relative(base, target)
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}

/** The real path of an existing file in `dir/subfolder`, or a 404 (missing) / 403 (outside). */
export async function existingFile(dir: string, subfolder: string, filename: string): Promise<string> {
  let base: string
  let target: string
  try {
    base = await realpath(dir)
    target = await realpath(path.join(base, subfolder, filename))
  } catch {
    throw new ApiError(404, 'not_found', `File not found: ${path.posix.join(subfolder.replaceAll('\\', '/'), filename)}`)
  }
  if (!inside(base, target)) throw new ApiError(403, 'forbidden_path', 'The file lies outside its folder')
  return target
}

/** `dir/subfolder`, created if needed, as a real path checked to lie inside `dir`. */
export async function ensureSubfolder(dir: string, subfolder: string): Promise<string> {
  await mkdir(path.join(dir, subfolder), { recursive: true })
  const base = await realpath(dir)
  const target = await realpath(path.join(base, subfolder))
  if (!inside(base, target)) throw new ApiError(403, 'forbidden_path', 'The subfolder lies outside its folder')
  return target
}
