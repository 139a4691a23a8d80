/**
 * The example plugin end to end: `latentflow run workflows/image-ops.json --custom-nodes examples`
 * loads examples/plugin-image-ops (built by the root `tsc -b`), runs txt2img through Invert and
 * Blur, and the saved picture is the txt2img picture inverted. `npm test` builds first.
 */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { decode } from 'fast-png'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT } from './repo-paths.js'

const bin = path.join(REPO_ROOT, 'packages', 'server', 'bin', 'latentflow.js')
const PROMPT = 'positive.text=a yellow square on a black background'

function latentflow(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr })
    })
  })
}

/** Mean of each channel (0..255) of the PNG. */
async function channelMeans(file: string): Promise<number[]> {
  const png = decode(await readFile(file))
  const channels = png.channels
  const sums = [0, 0, 0]
  const pixels = png.width * png.height
  for (let i = 0; i < pixels; i++) for (let c = 0; c < 3; c++) sums[c]! += Number(png.data[i * channels + c])
  return sums.map((sum) => sum / pixels)
}

let dir: string
beforeAll(async () => {
  for (const built of [path.join('packages', 'server', 'dist', 'cli', 'main.js'), path.join('examples', 'plugin-image-ops', 'dist', 'index.js')]) {
    if (!existsSync(path.join(REPO_ROOT, built))) throw new Error(`${built} is missing: run \`npm run build\` first (\`npm test\` does)`)
  }
  dir = await mkdtemp(path.join(os.tmpdir(), 'latentflow-image-ops-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('workflows/image-ops.json with --custom-nodes examples', () => {
  it('saves the txt2img picture inverted (every channel mean flips)', async () => {
    const workflow = path.join(REPO_ROOT, 'workflows', 'image-ops.json')
    const examples = path.join(REPO_ROOT, 'examples')
    const result = await latentflow(dir, 'run', workflow, '--custom-nodes', examples, '--set', PROMPT, '--out', 'out')
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).not.toMatch(/plugin|fail|error/i) // the plugin loaded cleanly
    expect(await readdir(path.join(dir, 'out'))).toContain('image-ops_00001_.png')

    const plain = await latentflow(dir, 'run', path.join(REPO_ROOT, 'workflows', 'txt2img.json'), '--set', PROMPT, '--out', 'plain')
    expect(plain.code).toBe(0)

    const original = await channelMeans(path.join(dir, 'plain', 'txt2img_00001_.png'))
    const inverted = await channelMeans(path.join(dir, 'out', 'image-ops_00001_.png'))
    // A yellow square on black is far from mid-gray, so the flip is unmistakable.
    expect(original[0]! + original[1]! + original[2]!).toBeLessThan(3 * 110)
    for (let c = 0; c < 3; c++) expect(Math.abs(inverted[c]! - (255 - original[c]!))).toBeLessThan(3)
    // Yellow (R, G high, B low) inverts to blue: B is now the strongest channel.
    expect(inverted[2]!).toBeGreaterThan(inverted[0]!)

    // The Grayscale branch previews into temp/: every pixel has R = G = B.
    const preview = decode(await readFile(path.join(dir, 'temp', 'preview_00001_.png')))
    for (let i = 0; i < preview.width * preview.height; i++) {
      const at = i * preview.channels
      expect(preview.data[at]).toBe(preview.data[at + 1])
      expect(preview.data[at + 1]).toBe(preview.data[at + 2])
    }
  }, 120_000)

  it('without --custom-nodes the plugin nodes are unknown (exit 2)', async () => {
    const result = await latentflow(dir, 'run', path.join(REPO_ROOT, 'workflows', 'image-ops.json'), '--out', 'none')
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('Invert')
  }, 60_000)
})
