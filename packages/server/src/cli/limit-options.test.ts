import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { createDefaultRegistry } from '@latentflow/nodes'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { limitsOf, positiveInteger } from './limit-options.js'
import { runCli } from './program.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'latentflow-limits-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function cli(...args: string[]) {
  let stderr = ''
  const code = await runCli(args, {
    // the factory, as the real CLI: it gets the --max-* limits with the folders
    registry: (folders) => createDefaultRegistry(folders),
    stdout: { write: () => true },
    stderr: { write: (text: string) => (stderr += text) },
    cwd: dir,
  })
  return { code, stderr }
}

describe('limit flags', () => {
  it('parse positive integers only', () => {
    expect(positiveInteger('500')).toBe(500)
    for (const bad of ['0', '-1', '1.5', 'abc', '', '1e3', '99999999999999999999']) expect(() => positiveInteger(bad), bad).toThrow(/positive integer/)
    expect(limitsOf({ maxSteps: 5 })).toEqual({ maxSteps: 5 })
  })

  it('make `latentflow run` refuse an oversized workflow with exit 2, naming node, input and flag', async () => {
    const workflow = { version: 1, nodes: { latent: { type: 'EmptyLatent', inputs: { width: 512, height: 512, batch: 1 } }, save: { type: 'SaveText', inputs: { text: 'a' } } } }
    await writeFile(path.join(dir, 'w.json'), JSON.stringify(workflow))
    const refused = await cli('run', 'w.json', '--max-pixels', '1000', '--no-plugins')
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('262144 pixels is above the limit of 1000 (--max-pixels)')
    expect((await cli('run', 'w.json', '--no-plugins')).code).toBe(0)
    expect((await cli('run', 'w.json', '--max-steps', 'many')).code).toBe(2)
  })

  it('refuse bad values for serve\'s limits before anything starts', async () => {
    for (const flag of ['--max-queue', '--max-upload-bytes', '--cache-bytes', '--max-pixels', '--max-steps', '--max-prompt-length']) {
      const { code, stderr } = await cli('serve', flag, '0', '--port', '0')
      expect(code, flag).toBe(2)
      expect(stderr, flag).toContain('positive integer')
    }
  })
})
