/**
 * `latentflow new-plugin <name>`: scaffolds a plugin package from the template shipped with
 * this package (`plugin-template/`): TypeScript, one sample node with its vitest test, a README,
 * and a dependency on the running CLI's own `@latentflow/engine` (it is not on the npm registry).
 */
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { CommandEnvironment } from './command-environment.js'
import { EXIT_CODES } from './exit-codes.js'

export interface NewPluginOptions {
  readonly name: string
  /** The parent folder; the plugin goes into `<dir>/<unscoped name>`. @default the working directory */
  readonly dir?: string
  /** The `@latentflow/engine` dependency spec. @default `file:<this CLI's engine folder>` */
  readonly engineSpec?: string
}

/** The template folder shipped with @latentflow/server. */
export const PLUGIN_TEMPLATE_DIR = fileURLToPath(new URL('../../plugin-template/', import.meta.url))

/** Files renamed on the way out (npm strips `.gitignore` from published packages). */
const RENAMED: Readonly<Record<string, string>> = { gitignore: '.gitignore' }

/**
 * Why `name` cannot be an npm package name, or undefined when it can (npm's rules for new
 * packages: at most 214 characters, lower case, URL-safe, no leading dot or underscore, an
 * optional `@scope/`).
 */
export function packageNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'the name is empty'
  if (name.length > 214) return 'the name is longer than 214 characters'
  if (name !== name.trim()) return 'the name has leading or trailing spaces'
  if (name !== name.toLowerCase()) return 'the name must be lower case'
  const match = /^(?:@([^/]+)\/)?([^/]+)$/.exec(name)
  if (!match) return 'the name must be "name" or "@scope/name"'
  for (const part of [match[1], match[2]]) {
    if (part === undefined) continue
    if (part.startsWith('.') || part.startsWith('_')) return 'the name cannot start with "." or "_"'
    if (!/^[a-z0-9][a-z0-9._~-]*$/.test(part)) return 'the name may use only lower-case letters, digits and - . _ ~'
  }
  if (['node_modules', 'favicon.ico'].includes(match[2]!)) return `"${match[2]}" is a reserved name`
  return undefined
}

/** `my-nodes` -> `MyNodes`: the prefix of the sample node's type. */
export function nodeTypePrefix(name: string): string {
  const base = name.replace(/^@[^/]+\//, '')
  const words = base.split(/[^a-zA-Z0-9]+/).filter(Boolean)
  const prefix = words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join('')
  return /^[A-Za-z_]/.test(prefix) ? prefix : `P${prefix}`
}

/** The folder of the `@latentflow/engine` this CLI runs with (symlinks resolved). */
export function installedEngineDir(): string {
  const require = createRequire(import.meta.url)
  return path.dirname(realpathSync(require.resolve('@latentflow/engine/package.json')))
}

export async function newPluginCommand(options: NewPluginOptions, env: CommandEnvironment): Promise<number> {
  const problem = packageNameProblem(options.name)
  if (problem) {
    env.stderr.write(`latentflow new-plugin: "${options.name}" is not a valid npm package name: ${problem}\n`)
    return EXIT_CODES.invalid
  }
  const folderName = options.name.replace(/^@[^/]+\//, '')
  const target = path.resolve(env.cwd, options.dir ?? '.', folderName)
  if (existsSync(target)) {
    if (!statSync(target).isDirectory()) {
      env.stderr.write(`latentflow new-plugin: ${target} exists and is not a folder\n`)
      return EXIT_CODES.invalid
    }
    if (readdirSync(target).length > 0) {
      env.stderr.write(`latentflow new-plugin: ${target} exists and is not empty\n`)
      return EXIT_CODES.invalid
    }
  }
  const replacements: Record<string, string> = {
    __PACKAGE_NAME__: options.name,
    __PLUGIN_NAME__: folderName,
    __NODE_PREFIX__: nodeTypePrefix(options.name),
    __ENGINE_SPEC__: options.engineSpec ?? `file:${installedEngineDir()}`,
  }
  const written = await copyTemplate(PLUGIN_TEMPLATE_DIR, target, replacements)
  const relative = path.relative(env.cwd, target)
  const shown = relative === '' ? '.' : relative.startsWith('..') || path.isAbsolute(relative) ? target : relative
  env.stdout.write(
    `Created ${options.name} in ${target} (${written.length} files).\n\n` +
      `  cd ${shown.includes(' ') ? JSON.stringify(shown) : shown}\n  npm install\n  npm run build\n  npm test\n\n` +
      `Then: latentflow nodes --custom-nodes ${path.dirname(target)}\n`,
  )
  return EXIT_CODES.success
}

async function copyTemplate(from: string, to: string, replacements: Readonly<Record<string, string>>): Promise<string[]> {
  await mkdir(to, { recursive: true })
  const written: string[] = []
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name)
    const destination = path.join(to, RENAMED[entry.name] ?? entry.name)
    if (entry.isDirectory()) {
      written.push(...(await copyTemplate(source, destination, replacements)))
    } else if (entry.isFile()) {
      let text = await readFile(source, 'utf8')
      for (const [placeholder, value] of Object.entries(replacements)) text = text.replaceAll(placeholder, value)
      await writeFile(destination, text)
      written.push(destination)
    }
  }
  return written
}
