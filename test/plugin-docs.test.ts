/**
 * docs/plugins.md against the engine: the reference names only what exists, names everything a
 * plugin author can use (NodeDefinition fields, NodeContext members, PluginDefinition fields,
 * input options), every import from `@latentflow/engine` in its code is a real export, and the
 * complete example plugin in it type-checks, passes its own tests, and runs as a plugin through
 * `latentflow run`. Fails when the doc and the types drift. `npm test` builds first.
 */
import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as engine from '@latentflow/engine'
import { REPO_ROOT } from './repo-paths.js'

const doc = readFileSync(path.join(REPO_ROOT, 'docs', 'plugins.md'), 'utf8')
const engineSrc = path.join(REPO_ROOT, 'packages', 'engine', 'src')

/** The property and method names of an exported interface in an engine source file. */
function interfaceMembers(file: string, name: string): Set<string> {
  const source = ts.createSourceFile(file, readFileSync(path.join(engineSrc, file), 'utf8'), ts.ScriptTarget.Latest, true)
  const members = new Set<string>()
  let found = false
  const visit = (node: ts.Node) => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === name) {
      found = true
      for (const member of node.members) if (member.name && ts.isIdentifier(member.name)) members.add(member.name.text)
      for (const clause of node.heritageClauses ?? []) {
        for (const type of clause.types) if (ts.isIdentifier(type.expression)) for (const inherited of interfaceMembers(file, type.expression.text)) members.add(inherited)
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  if (!found) throw new Error(`interface ${name} not found in ${file}`)
  return members
}

/** The type-only names exported by the engine's index.ts (`export type { ... }`). */
function engineTypeExports(): Set<string> {
  const file = path.join(engineSrc, 'index.ts')
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true)
  const names = new Set<string>()
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) if (statement.isTypeOnly || element.isTypeOnly) names.add(element.name.text)
    }
  }
  return names
}

/** The text of a `### heading` inside `## Reference`, up to the next heading. */
function referenceSection(heading: string): string {
  const reference = doc.slice(doc.indexOf('\n## Reference'))
  const start = reference.indexOf(`\n### ${heading}\n`)
  if (start < 0) throw new Error(`docs/plugins.md has no "### ${heading}" in its reference`)
  const rest = reference.slice(start + heading.length + 6)
  const end = rest.search(/\n#{2,3} /)
  return end < 0 ? rest : rest.slice(0, end)
}

/** The names a reference list documents: the first backticked name of each `- ` bullet. */
function bulletNames(section: string): string[] {
  return [...section.matchAll(/^- `([A-Za-z_$][\w$]*)/gm)].map((match) => match[1]!)
}

/** Every backticked identifier of the bullets (for lists like "`int`, `float`: ..."), before the first colon. */
function bulletIdentifiers(section: string): string[] {
  const names: string[] = []
  for (const line of section.split('\n')) {
    if (!line.startsWith('- ') && !line.startsWith('  ')) continue
    const head = line.startsWith('- ') ? line.slice(2).split(/:\s/)[0]! : line
    for (const match of head.matchAll(/`([A-Za-z_$][\w$]*)(?:\([^`]*\))?`/g)) names.push(match[1]!)
  }
  return names
}

const runtimeExports = new Set(Object.keys(engine))
const typeExports = engineTypeExports()

const CONSTRUCTORS = { int: 'IntInput', float: 'FloatInput', string: 'StringInput', boolean: 'BooleanInput', combo: 'ComboInput', seed: 'SeedInput', input: 'SocketInput' } as const

describe('docs/plugins.md reference', () => {
  it('documents exactly the input constructors, each with the options its type declares', () => {
    const section = referenceSection('Input constructors')
    expect(new Set(bulletNames(section))).toEqual(new Set(Object.keys(CONSTRUCTORS)))
    for (const [name, typeName] of Object.entries(CONSTRUCTORS)) {
      expect(typeof (engine as Record<string, unknown>)[name], `${name} is an engine export`).toBe('function')
      const line = section.split('\n').find((text) => text.startsWith(`- \`${name}(`))!
      expect(line, `${name} names its type`).toContain(`\`${typeName}\``)
      const documented = new Set([...line.slice(line.indexOf(', options ')).matchAll(/`(\w+)`/g)].map((match) => match[1]!))
      const declared = interfaceMembers('inputs.ts', typeName)
      declared.delete('kind')
      expect(documented, `options of ${name}()`).toEqual(declared)
    }
    // The table in "Inputs" covers every constructor too.
    for (const name of Object.keys(CONSTRUCTORS)) expect(doc).toContain(`| \`${name}(`)
  })

  it('documents every NodeDefinition field and no other', () => {
    expect(new Set(bulletNames(referenceSection('NodeDefinition fields')))).toEqual(interfaceMembers('define-node.ts', 'NodeDefinition'))
  })

  it('documents every NodeContext member and no other, in the reference and the ctx table', () => {
    const members = interfaceMembers('node-context.ts', 'NodeContext')
    expect(new Set(bulletNames(referenceSection('NodeContext members')))).toEqual(members)
    const table = doc.slice(doc.indexOf('## The run context'), doc.indexOf('## Caching'))
    expect(new Set([...table.matchAll(/^\| `ctx\.(\w+)/gm)].map((match) => match[1]!))).toEqual(members)
    for (const match of doc.matchAll(/\bctx\.(\w+)/g)) expect(members, `ctx.${match[1]} in the doc`).toContain(match[1])
  })

  it('documents every PluginDefinition field and no other', () => {
    expect(new Set(bulletNames(referenceSection('PluginDefinition fields')))).toEqual(interfaceMembers('plugin.ts', 'PluginDefinition'))
  })

  it('names only real engine exports (values at runtime, types in index.ts)', () => {
    const section = referenceSection('Engine exports for plugins')
    const [values, types] = section.split('\nTypes:\n') as [string, string]
    const valueNames = bulletIdentifiers(values)
    expect(valueNames.length).toBeGreaterThan(10)
    for (const name of valueNames) expect(runtimeExports, `value export ${name}`).toContain(name)
    const typeNames = [...types.matchAll(/`(\w+)`/g)].map((match) => match[1]!)
    expect(typeNames.length).toBeGreaterThan(10)
    for (const name of typeNames) expect(typeExports, `type export ${name}`).toContain(name)
    // The plugin API itself is documented.
    for (const name of ['defineNode', 'definePlugin', 'PLUGIN_API_VERSION', 'runNode', 'defineSocketType']) expect(valueNames).toContain(name)
    expect(engine.PLUGIN_API_VERSION).toBe(1)
    expect(doc).toContain(`now \`${engine.PLUGIN_API_VERSION}\``)
  })

  it('every import from @latentflow/engine in its code exists', () => {
    const imports = [...doc.matchAll(/import\s+(?:type\s+)?\{([^}]+)\}\s+from\s+'@latentflow\/engine'/g)]
    expect(imports.length).toBeGreaterThan(3)
    for (const [, list] of imports) {
      for (const raw of list!.split(',')) {
        const name = raw.trim().replace(/^type\s+/, '')
        if (name) expect(runtimeExports.has(name) || typeExports.has(name), `import ${name}`).toBe(true)
      }
    }
  })

  it('names only issue codes the validator has (every other snake_case name is an event, its field or a folder)', () => {
    const eventNames = new Set(['execution_error', 'node_log', 'node_id', 'node_type', 'prompt_id', 'node_modules', 'custom_nodes'])
    const named = [...doc.matchAll(/`([a-z]+(?:_[a-z]+)+)`/g)].map((match) => match[1]!).filter((name) => !eventNames.has(name))
    expect(named.length).toBeGreaterThan(4)
    for (const name of named) expect(engine.ISSUE_CODES, `issue code ${name}`).toContain(name)
  })
})

// ----- The complete example plugin, extracted from the doc ----------------------------------

/** The ```ts file=<path> blocks of the doc. */
function exampleFiles(): Map<string, string> {
  const files = new Map<string, string>()
  for (const match of doc.matchAll(/```ts file=(\S+)\n([\s\S]*?)\n```/g)) files.set(match[1]!, `${match[2]}\n`)
  return files
}

/** The first ```json block after `marker`. */
function jsonBlockAfter(marker: string): Record<string, unknown> {
  const at = doc.indexOf(marker)
  const match = /```json\n([\s\S]*?)\n```/.exec(doc.slice(at))
  if (at < 0 || !match) throw new Error(`no JSON block after ${marker}`)
  return JSON.parse(match[1]!) as Record<string, unknown>
}

function exec(args: string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd, timeout: 180_000, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: `${stdout}\n${stderr}` })
    })
  })
}

describe('the complete example plugin in docs/plugins.md', () => {
  // Inside the repository (test-artifacts is git-ignored) so `@latentflow/engine`, typescript and
  // vitest resolve from the root node_modules, as they do for examples/plugin-image-ops.
  const scratch = path.join(REPO_ROOT, 'test-artifacts', `plugin-docs-${process.pid}`)
  const parent = path.join(scratch, 'plugins')
  const work = path.join(scratch, 'work')
  const dir = path.join(parent, 'example-nodes')
  const tsc = path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc')

  beforeAll(async () => {
    for (const [file, text] of exampleFiles()) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true })
      await writeFile(path.join(dir, file), text)
    }
    const manifest = jsonBlockAfter('`package.json`, with every field')
    // The engine resolves through the repository's workspace link here.
    delete manifest.dependencies
    await writeFile(path.join(dir, 'package.json'), JSON.stringify({ ...manifest, name: 'example-nodes' }, null, 2))
    await writeFile(path.join(dir, 'tsconfig.json'), JSON.stringify(jsonBlockAfter('`tsconfig.json`:'), null, 2))
    await writeFile(path.join(dir, 'tsconfig.check.json'), JSON.stringify({ extends: './tsconfig.json', compilerOptions: { noEmit: true }, exclude: [] }))
    await writeFile(path.join(dir, 'vitest.config.mjs'), "export default { test: { include: ['src/**/*.test.ts'] } }\n")
  })
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true })
  })

  it('has the six files the doc announces', () => {
    expect([...exampleFiles().keys()].sort()).toEqual(['src/example.test.ts', 'src/image.ts', 'src/index.ts', 'src/noise-image.ts', 'src/palette.ts', 'src/text.ts'])
  })

  it('type-checks (tests included), builds, and passes its own tests', async () => {
    const check = await exec([tsc, '-p', 'tsconfig.check.json'], dir)
    expect(check.code, check.output).toBe(0)
    const build = await exec([tsc, '-p', 'tsconfig.json'], dir)
    expect(build.code, build.output).toBe(0)
    expect(existsSync(path.join(dir, 'dist', 'index.js'))).toBe(true)
    expect(existsSync(path.join(dir, 'dist', 'example.test.js'))).toBe(false)
    const test = await exec([path.join(REPO_ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run'], dir)
    expect(test.code, test.output).toBe(0)
    expect(test.output).toMatch(/6 passed/)
  }, 180_000)

  it("runs the doc's workflow as a plugin through `latentflow run --custom-nodes`", async () => {
    if (!existsSync(path.join(dir, 'dist', 'index.js'))) await exec([tsc, '-p', 'tsconfig.json'], dir)
    const workflow = jsonBlockAfter('A workflow using it')
    await mkdir(work, { recursive: true })
    await writeFile(path.join(work, 'noise.json'), JSON.stringify(workflow))
    const bin = path.join(REPO_ROOT, 'packages', 'server', 'bin', 'latentflow.js')
    const run = await exec([bin, 'run', 'noise.json', '--custom-nodes', parent, '--out', 'out'], work)
    expect(run.code, run.output).toBe(0)
    expect(run.output).not.toMatch(/failed/i)
    expect(existsSync(path.join(work, 'out', 'noise_00001_.png'))).toBe(true)
  }, 120_000)
})

describe('the plain JavaScript plugin in docs/plugins.md', () => {
  const scratch = path.join(REPO_ROOT, 'test-artifacts', `plugin-docs-js-${process.pid}`)
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true })
  })

  it('loads as it is and its node runs', async () => {
    const files = [...doc.matchAll(/```(?:js|json) plugin=(\S+)\n([\s\S]*?)\n```/g)]
    expect(files.map((match) => match[1])).toEqual(['hello-js/package.json', 'hello-js/index.js'])
    for (const [, file, text] of files) {
      await mkdir(path.dirname(path.join(scratch, 'plugins', file!)), { recursive: true })
      await writeFile(path.join(scratch, 'plugins', file!), `${text}\n`)
    }
    await mkdir(path.join(scratch, 'work'), { recursive: true })
    const workflow = {
      version: 1,
      nodes: {
        greet: { type: 'HelloJs.Greet', inputs: { name: 'docs' } },
        save: { type: 'SaveText', inputs: { text: ['greet', 'text'], filename_prefix: 'greeting' } },
      },
    }
    await writeFile(path.join(scratch, 'work', 'w.json'), JSON.stringify(workflow))
    const bin = path.join(REPO_ROOT, 'packages', 'server', 'bin', 'latentflow.js')
    const run = await exec([bin, 'run', 'w.json', '--custom-nodes', path.join(scratch, 'plugins'), '--out', 'out'], path.join(scratch, 'work'))
    expect(run.code, run.output).toBe(0)
    expect(readFileSync(path.join(scratch, 'work', 'out', 'greeting_00001_.txt'), 'utf8')).toBe('hello docs')
  }, 60_000)
})
