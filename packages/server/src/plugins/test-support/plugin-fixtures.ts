/**
 * Small plain-JS plugins written into temp folders, for the loader's tests and the end-to-end
 * tests. They import `@latentflow/engine` as real plugins do: `linkEngine` makes it resolvable
 * from a temp folder by a `node_modules/@latentflow/engine` symlink to the repository's engine
 * (its built dist: run `npm run build` first).
 */
import { mkdir, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository's packages/engine, at the same depth from src/ and dist/. */
export const ENGINE_PACKAGE_DIR = fileURLToPath(new URL('../../../../engine', import.meta.url))

/** Links `<root>/node_modules/@latentflow/engine` to the repository's engine. */
export async function linkEngine(root: string): Promise<void> {
  await mkdir(path.join(root, 'node_modules', '@latentflow'), { recursive: true })
  await symlink(ENGINE_PACKAGE_DIR, path.join(root, 'node_modules', '@latentflow', 'engine'), 'dir')
}

export interface PluginFixture {
  /** Merged into the package.json. @default { name: <folder>, version: '1.0.0', type: 'module', latentflow: { plugin: './index.js', engine: '^0.1.0' } } */
  readonly packageJson?: Record<string, unknown>
  /** The entry's source. */
  readonly code: string
}

/** Writes `<dir>/<folder>/package.json` and `index.js`; returns the plugin folder. */
export async function writePlugin(dir: string, folder: string, fixture: PluginFixture): Promise<string> {
  const pluginDir = path.join(dir, folder)
  await mkdir(pluginDir, { recursive: true })
  const manifest = { name: folder, version: '1.0.0', type: 'module', latentflow: { plugin: './index.js', engine: '^0.1.0' }, ...fixture.packageJson }
  await writeFile(path.join(pluginDir, 'package.json'), JSON.stringify(manifest, null, 2))
  await writeFile(path.join(pluginDir, 'index.js'), fixture.code)
  return pluginDir
}

/**
 * A plugin with one node, `<type>`: it upper-cases its `text` input (a STRING widget, or a link)
 * and outputs it; with `fail`, it throws `<type> exploded` when run.
 */
export function textPluginCode(name: string, type: string, options: { apiVersion?: number; fail?: boolean } = {}): string {
  return `import { defineNode, definePlugin, string } from '@latentflow/engine'

export const ${type} = defineNode({
  type: '${type}',
  category: 'text',
  inputs: { text: string({ default: 'hello' }) },
  outputs: { text: 'STRING' },
  run: ({ text }) => {
    ${options.fail ? `throw new Error('${type} exploded')` : 'return { text: text.toUpperCase() }'}
  },
})

export default definePlugin({ name: '${name}', version: '1.0.0', apiVersion: ${options.apiVersion ?? 1}, nodes: [${type}] })
`
}
