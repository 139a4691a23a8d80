/**
 * `latentflow serve` as users start it (the bin shim and the built dist; `npm test` builds
 * first): it prints its URL, answers the API, refuses a remote bind without a token, and
 * stops cleanly on Ctrl+C.
 */
import { execFile, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('..', import.meta.url))
const bin = path.join(root, 'packages', 'server', 'bin', 'latentflow.js')

let dir: string
beforeAll(() => {
  if (!existsSync(path.join(root, 'packages', 'server', 'dist', 'cli', 'serve-command.js'))) {
    throw new Error('packages/server/dist is missing or stale: run `npm run build` first (`npm test` does)')
  }
})
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'latentflow-serve-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('latentflow serve', () => {
  it('serves on the port it prints, with its folders under the working directory, until Ctrl+C', async () => {
    const child = spawn(process.execPath, [bin, 'serve', '--port', '0'], { cwd: dir, env: { ...process.env, LATENTFLOW_TOKEN: '' } })
    let stdout = ''
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString()
        const match = /serving on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)
        if (match) resolve(match[1]!)
      })
      child.once('exit', (code) => reject(new Error(`exited with ${code}: ${stderr}`)))
    })
    const stats = (await (await fetch(`${url}/system_stats`)).json()) as { system: { embedded_python: boolean } }
    expect(stats.system.embedded_python).toBe(false)
    expect((await fetch(`${url}/api/queue`)).status).toBe(200)
    for (const folder of ['output', 'input', 'temp', 'data']) expect(existsSync(path.join(dir, folder)), folder).toBe(true)
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
    child.kill('SIGINT')
    expect(await exited).toBe(0)
  })

  it('refuses to listen beyond loopback without a token (exit 2)', async () => {
    const result = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(process.execPath, [bin, 'serve', '--host', '0.0.0.0', '--port', '0'], { cwd: dir, env: { ...process.env, LATENTFLOW_TOKEN: '' } }, (error, _stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stderr })
      })
    })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('give a token')
  })
})
