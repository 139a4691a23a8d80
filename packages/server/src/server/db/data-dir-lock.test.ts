import { existsSync } from 'node:fs'
import { mkdtemp, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { LOCK_FILE, lockDataDir } from './data-dir-lock.js'

describe('lockDataDir', () => {
  it('lets one server hold a data folder, and takes over a lock whose process is gone', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'latentflow-lock-'))
    const release = lockDataDir(dir)
    expect(() => lockDataDir(dir)).toThrow(`in use by another Latentflow server (process ${process.pid})`)
    release()
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false)

    await writeFile(path.join(dir, LOCK_FILE), '2147483646') // a crashed server's lock
    const again = lockDataDir(dir)
    again()
  })
})
