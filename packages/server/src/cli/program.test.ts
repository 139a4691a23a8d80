import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { RegistryDescription } from '@latentflow/engine'
import { createDefaultRegistry } from '@latentflow/nodes'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCli } from './program.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'latentflow-program-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function cli(...args: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(args, {
    registry: createDefaultRegistry(),
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    cwd: dir,
  })
  return { code, stdout, stderr }
}

describe('runCli', () => {
  it('runs a workflow with repeated --set options and --out', async () => {
    const workflow = { version: 1, nodes: { save: { type: 'SaveText', inputs: { text: 'a' } } } }
    await writeFile(path.join(dir, 'w.json'), JSON.stringify(workflow))
    const { code } = await cli('run', 'w.json', '--set', 'save.text=b', '--set', 'save.filename_prefix=p', '--out', 'out')
    expect(code).toBe(0)
    expect(await readFile(path.join(dir, 'out', 'p_00001_.txt'), 'utf8')).toBe('b')
  })

  it('passes on the exit code of the run', async () => {
    await writeFile(path.join(dir, 'bad.json'), '{}')
    expect((await cli('run', 'bad.json')).code).toBe(2)
  })

  it('lists nodes as text and as JSON', async () => {
    const text = await cli('nodes')
    expect(text.code).toBe(0)
    expect(text.stdout).toContain('SaveText "Save Text" [output node]')
    const json = JSON.parse((await cli('nodes', '--json')).stdout) as RegistryDescription
    expect(json.nodes.map((node) => node.type)).toContain('PrimitiveInt')
  })

  it('exits 2 on usage errors', async () => {
    const unknown = await cli('run', 'w.json', '--bogus')
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain("unknown option '--bogus'")
    expect((await cli('run')).code).toBe(2)
    expect((await cli('frobnicate')).code).toBe(2)
  })

  it('prints help and the version with exit 0', async () => {
    const help = await cli('run', '--help')
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('--set <node.input=value>')
    expect(help.stdout).toContain('Exit codes')
    expect((await cli('--version')).stdout).toMatch(/^\d+\.\d+\.\d+\n$/)
  })

  it('documents serve and rejects a bad port (serve itself: serve-command.test.ts)', async () => {
    expect((await cli('serve', '--help')).stdout).toContain('--token <token>')
    const bad = await cli('serve', '--port', 'nope')
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--port must be a port number')
  })
})
