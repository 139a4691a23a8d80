/**
 * Where plugins come from: every folder under a custom-nodes directory (`<cwd>/custom_nodes`,
 * `<data>/custom_nodes` for `serve`, each `--custom-nodes <dir>`), and the npm packages listed
 * in `latentflow.config.json` (`{ "plugins": ["latentflow-plugin-x"] }`) in cwd (and the data
 * folder for `serve`), resolved from that folder's node_modules.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { FailedPlugin } from './plugin-report.js'

export const CUSTOM_NODES_DIR = 'custom_nodes'
export const PLUGIN_CONFIG_FILE = 'latentflow.config.json'

export interface PluginSources {
  /** Folders whose subfolders are plugins. Missing folders are skipped. */
  readonly customNodesDirs: readonly string[]
  /** Folders whose `latentflow.config.json` lists plugin packages. Missing files are skipped. */
  readonly configDirs: readonly string[]
}

export interface PluginSourceOptions {
  /** The working directory: `<cwd>/custom_nodes` and `<cwd>/latentflow.config.json`. */
  readonly cwd: string
  /** The server's data folder: `<data>/custom_nodes` and `<data>/latentflow.config.json`. */
  readonly dataDir?: string
  /** Extra custom-nodes folders (`--custom-nodes`), relative to cwd. @default [] */
  readonly customNodes?: readonly string[]
}

/** The sources for a command: cwd, the data folder, then `--custom-nodes` folders. */
export function pluginSources({ cwd, dataDir, customNodes = [] }: PluginSourceOptions): PluginSources {
  const roots = [cwd, ...(dataDir !== undefined ? [path.resolve(cwd, dataDir)] : [])]
  const unique = (dirs: string[]) => [...new Set(dirs.map((dir) => path.resolve(cwd, dir)))]
  return {
    customNodesDirs: unique([...roots.map((root) => path.join(root, CUSTOM_NODES_DIR)), ...customNodes]),
    configDirs: unique(roots),
  }
}

/** A plugin to load: its package folder. */
export interface PluginCandidate {
  readonly dir: string
}

/** The plugin folders of these sources, and the packages that could not be found. */
export function findPluginCandidates(sources: PluginSources): { candidates: PluginCandidate[]; failed: FailedPlugin[] } {
  const candidates: PluginCandidate[] = []
  const failed: FailedPlugin[] = []
  for (const dir of sources.customNodesDirs) {
    let entries
    try {
      entries = readdirSync(dir, { withFileTypes: true })
    } catch {
      continue // no such folder: nothing to load
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.') || entry.name.endsWith('.disabled') || entry.name === 'node_modules') continue
      const full = path.join(dir, entry.name)
      if (entry.isDirectory() || (entry.isSymbolicLink() && isDirectory(full))) candidates.push({ dir: full })
    }
  }
  for (const dir of sources.configDirs) {
    const file = path.join(dir, PLUGIN_CONFIG_FILE)
    if (!existsSync(file)) continue
    let names: unknown
    try {
      names = (JSON.parse(readFileSync(file, 'utf8')) as { plugins?: unknown }).plugins
    } catch (error) {
      failed.push({ path: file, error: `${PLUGIN_CONFIG_FILE} is not valid JSON: ${(error as Error).message}` })
      continue
    }
    if (names === undefined) continue
    if (!Array.isArray(names) || names.some((name) => typeof name !== 'string')) {
      failed.push({ path: file, error: `"plugins" in ${PLUGIN_CONFIG_FILE} must be a list of package names` })
      continue
    }
    for (const name of names as string[]) {
      const packageDir = findPackageDir(name, dir)
      if (packageDir) candidates.push({ dir: packageDir })
      else failed.push({ name, path: file, error: `cannot find the package "${name}" from ${dir} (npm install it there)` })
    }
  }
  const seen = new Set<string>()
  return { candidates: candidates.filter(({ dir }) => !seen.has(dir) && seen.add(dir)), failed }
}

/** The folder of an installed package, as Node resolves it from `dir`. */
function findPackageDir(name: string, dir: string): string | undefined {
  const require = createRequire(path.join(dir, 'package.json'))
  for (const modules of require.resolve.paths(name) ?? []) {
    const candidate = path.join(modules, name)
    if (existsSync(path.join(candidate, 'package.json'))) return candidate
  }
  return undefined
}

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory()
  } catch {
    return false
  }
}
