import { mkdtemp } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createHistoryRepository } from './history-repository.js'
import { MIGRATIONS } from './migrations.js'
import { openDatabase } from './open-database.js'
import { createQueueRepository } from './queue-repository.js'

const row = (promptId: string, extra: { front?: boolean; number?: number } = {}) => ({
  promptId, prompt: '{}', workflow: '{}', clientId: null, extraData: '{}', outputsToExecute: '[]', ...extra,
})

describe('the queue and history tables', () => {
  it('order by number, put front prompts first, and survive reopening', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'latentflow-db-'))
    let store = openDatabase(dir)
    let db = store.db
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    let queue = createQueueRepository(db)
    expect(queue.insert(row('a'))).toBe(1)
    expect(queue.insert(row('b'))).toBe(2)
    expect(queue.insert(row('c', { front: true }))).toBe(-3)
    expect(queue.insert(row('d', { number: 1.5 }))).toBe(1.5)
    expect(queue.list().map((r) => r.promptId)).toEqual(['c', 'a', 'd', 'b'])
    expect(queue.claimNext()?.promptId).toBe('c')
    expect(queue.deletePending(['c', 'd'])).toBe(1) // running prompts are not deleted
    expect(() => openDatabase(dir)).toThrow(/in use by another Latentflow server/)
    store.close()

    store = openDatabase(dir) // a restart: migrations are not applied twice
    db = store.db
    expect((db.prepare('SELECT count(*) AS n FROM migrations').get() as { n: number }).n).toBe(MIGRATIONS.length)
    queue = createQueueRepository(db)
    expect(queue.requeueRunning()).toBe(1)
    expect(queue.list().map((r) => [r.promptId, r.state])).toEqual([['c', 'pending'], ['a', 'pending'], ['b', 'pending']])
    expect(queue.insert(row('e'))).toBe(5) // the counter carries on
    expect(queue.clearPending()).toBe(4)
    store.close()
  })

  it("page the history ComfyUI's way", async () => {
    const store = openDatabase(await mkdtemp(path.join(os.tmpdir(), 'latentflow-db-')))
    const db = store.db
    const history = createHistoryRepository(db)
    for (const id of ['a', 'b', 'c', 'd']) {
      history.insert({ promptId: id, number: 1, prompt: '{}', extraData: '{}', outputsToExecute: '[]', outputs: '{}', statusStr: 'success', completed: true, messages: '[]', completedAt: 0 })
    }
    const ids = (rows: { promptId: string }[]) => rows.map((r) => r.promptId)
    expect(ids(history.list())).toEqual(['a', 'b', 'c', 'd'])
    expect(ids(history.list(2))).toEqual(['c', 'd'])
    expect(ids(history.list(2, 1))).toEqual(['b', 'c'])
    expect(ids(history.list(undefined, 3))).toEqual(['d'])
    expect(history.delete(['b', 'x'])).toBe(1)
    expect(history.get('a')?.completed).toBe(true)
    expect(history.clear()).toBe(3)
    store.close()
  })
})
