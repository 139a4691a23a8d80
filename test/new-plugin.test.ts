/**
 * `latentflow new-plugin`: the name checks, and the scaffold as users get it: created outside
 * the repository, it installs, builds and passes its own test out of the box.
 * The end-to-end case runs npm (about a minute); `npm test` builds the CLI first.
 */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { createRegistry } from '@latentflow/engine'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { nodeTypePrefix, packageNameProblem } from '../packages/server/src/cli/new-plugin-command.js'
import { runCli } from '../packages/server/src/cli/program.js'
import { REPO_ROOT } from './repo-paths.js'

const bin = path.join(REPO_ROOT, 'packages', 'server', 'bin', 'latentflow.js')

function exec(file: string, args: string[], cwd: string, timeout = 240_000): Promise<{ code: number; output: string; stdout: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, timeout, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: `${stdout}\n${stderr}`, stdout })
    })
  })
}

async function cli(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await runCli(args, {
    registry: createRegistry([]),
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    cwd,
  })
  return { code, stdout, stderr }
}

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'latentflow-new-plugin-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('package names', () => {
  it('accepts npm package names', () => {
    for (const name of ['my-nodes', 'latentflow-image-ops', '@me/nodes', 'a.b_c~d', 'x1']) expect(packageNameProblem(name)).toBeUndefined()
  })

  it('refuses what npm refuses', () => {
    expect(packageNameProblem('')).toMatch(/empty/)
    expect(packageNameProblem('MyNodes')).toMatch(/lower case/)
    expect(packageNameProblem('.hidden')).toMatch(/start with/)
    expect(packageNameProblem('_private')).toMatch(/start with/)
    expect(packageNameProblem('my nodes')).toMatch(/lower-case letters/)
    expect(packageNameProblem('a/b/c')).toMatch(/@scope/)
    expect(packageNameProblem('@/x')).toBeDefined()
    expect(packageNameProblem('node_modules')).toMatch(/reserved/)
    expect(packageNameProblem('x'.repeat(215))).toMatch(/214/)
  })

  it('derives the node type prefix', () => {
    expect(nodeTypePrefix('my-nodes')).toBe('MyNodes')
    expect(nodeTypePrefix('@me/image.ops')).toBe('ImageOps')
    expect(nodeTypePrefix('3d-tools')).toBe('P3dTools')
  })
})

describe('latentflow new-plugin', () => {
  it('exits 2 on an invalid name and writes nothing', async () => {
    const result = await cli(dir, 'new-plugin', 'My Nodes')
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('not a valid npm package name')
    expect(existsSync(path.join(dir, 'My Nodes'))).toBe(false)
  })

  it('refuses an existing non-empty folder, accepts an empty one', async () => {
    await mkdir(path.join(dir, 'taken'))
    await writeFile(path.join(dir, 'taken', 'keep.txt'), 'mine')
    const taken = await cli(dir, 'new-plugin', 'taken')
    expect(taken.code).toBe(2)
    expect(taken.stderr).toContain('not empty')
    expect(await readFile(path.join(dir, 'taken', 'keep.txt'), 'utf8')).toBe('mine')

    await writeFile(path.join(dir, 'a-file'), 'x')
    const file = await cli(dir, 'new-plugin', 'a-file')
    expect(file.code).toBe(2)
    expect(file.stderr).toContain('not a folder')

    await mkdir(path.join(dir, 'empty'))
    expect((await cli(dir, 'new-plugin', 'empty')).code).toBe(0)
    expect(existsSync(path.join(dir, 'empty', 'src', 'index.ts'))).toBe(true)
  })

  it('fills in the template: names, the engine path, the latentflow field', async () => {
    const result = await cli(dir, 'new-plugin', '@me/cool-nodes', '--dir', 'plugins')
    expect(result.code).toBe(0)
    const root = path.join(dir, 'plugins', 'cool-nodes')
    const manifest = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'))
    expect(manifest).toMatchObject({
      name: '@me/cool-nodes',
      type: 'module',
      latentflow: { plugin: './dist/index.js', engine: '^0.1.0' },
      scripts: { build: expect.stringContaining('tsc'), test: 'vitest run' },
      devDependencies: { typescript: '5.9.3', vitest: '4.1.12' },
    })
    expect(manifest.dependencies['@latentflow/engine']).toBe(`file:${path.join(REPO_ROOT, 'packages', 'engine')}`)
    expect(existsSync(path.join(root, '.gitignore'))).toBe(true)
    const node = await readFile(path.join(root, 'src', 'brightness.ts'), 'utf8')
    expect(node).toContain("type: 'CoolNodes.Brightness'")
    for (const file of ['package.json', 'README.md', 'src/index.ts', 'src/brightness.ts', 'src/brightness.test.ts']) {
      expect(await readFile(path.join(root, file), 'utf8')).not.toMatch(/__[A-Z_]+__/)
    }
    expect(result.stdout).toContain('npm install')
  })

  it('scaffolds a plugin outside the repository that installs, builds and passes its test', async () => {
    const created = await exec(process.execPath, [bin, 'new-plugin', 'my-nodes', '--dir', dir], dir)
    expect(created.code, created.output).toBe(0)
    const root = path.join(dir, 'my-nodes')
    const install = await exec('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], root)
    expect(install.code, install.output).toBe(0)
    const build = await exec('npm', ['run', 'build'], root)
    expect(build.code, build.output).toBe(0)
    expect(existsSync(path.join(root, 'dist', 'index.js'))).toBe(true)
    const test = await exec('npm', ['test'], root)
    expect(test.code, test.output).toBe(0)
    expect(test.output).toMatch(/3 passed/)
    const typecheck = await exec('npm', ['run', 'typecheck'], root)
    expect(typecheck.code, typecheck.output).toBe(0)

    // The built entry point is a plugin whose node runs.
    const plugin = (await import(path.join(root, 'dist', 'index.js'))).default
    expect(plugin).toMatchObject({ name: 'my-nodes', version: '0.1.0', apiVersion: 1 })
    expect(plugin.nodes.map((node: { type: string }) => node.type)).toEqual(['MyNodes.Brightness'])

    // And the host loads it from there (its engine link resolves to this Latentflow's engine).
    const listed = await exec(process.execPath, [bin, 'nodes', '--json', '--custom-nodes', dir], dir)
    expect(listed.code, listed.output).toBe(0)
    const report = JSON.parse(listed.stdout) as { plugins: { loaded: { name: string; nodes: string[] }[]; failed: unknown[] } }
    expect(report.plugins.failed).toEqual([])
    expect(report.plugins.loaded).toMatchObject([{ name: 'my-nodes', nodes: ['MyNodes.Brightness'] }])
  }, 600_000)
})
