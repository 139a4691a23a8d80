import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { createDefaultRegistry } from '@latentflow/nodes'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCli } from './program.js'

let dir: string
const savedToken = process.env.LATENTFLOW_TOKEN
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'latentflow-serve-command-'))
  delete process.env.LATENTFLOW_TOKEN
})
afterEach(async () => {
  if (savedToken !== undefined) process.env.LATENTFLOW_TOKEN = savedToken
  await rm(dir, { recursive: true, force: true })
})

describe('latentflow serve', () => {
  it('serves until the signal aborts, with folders from the options, and exits 0', async () => {
    const controller = new AbortController()
    let stdout = ''
    let announced: (url: string) => void
    const url = new Promise<string>((resolve) => (announced = resolve))
    const exit = runCli(['serve', '--port', '0', '--data', 'db', '--output', 'out'], {
      registry: createDefaultRegistry(),
      stdout: {
        write: (text: string) => {
          stdout += text
          const match = /serving on (\S+)/.exec(stdout)
          if (match) announced(match[1]!)
        },
      },
      stderr: { write: () => {} },
      cwd: dir,
      signal: controller.signal,
    })
    const base = await url
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect((await fetch(`${base}/prompt`)).status).toBe(200)
    controller.abort()
    expect(await exit).toBe(0)
    await expect(fetch(`${base}/prompt`)).rejects.toThrow()
  })

  it('refuses a remote host without a token', async () => {
    let stderr = ''
    const code = await runCli(['serve', '--host', '0.0.0.0', '--port', '0'], {
      registry: createDefaultRegistry(),
      stdout: { write: () => {} },
      stderr: { write: (text: string) => (stderr += text) },
      cwd: dir,
    })
    expect(code).toBe(2)
    expect(stderr).toContain('give a token')
  })
})
