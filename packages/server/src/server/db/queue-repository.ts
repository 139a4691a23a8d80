/**
 * The `queue` table: prompts waiting or running, ordered by ComfyUI's `number` (then by arrival).
 * A prompt leaves it only when its history entry is written (in the same transaction), so a
 * crash never loses one.
 */
import type { Database } from 'better-sqlite3'

export type QueueState = 'pending' | 'running'

export interface QueueRow {
  readonly seq: number
  readonly promptId: string
  readonly number: number
  readonly state: QueueState
  /** The prompt in ComfyUI's API format, as lossless JSON text. */
  readonly prompt: string
  /** The validated native workflow the worker runs, as JSON text. */
  readonly workflow: string
  readonly clientId: string | null
  /** JSON text. */
  readonly extraData: string
  /** JSON text: the output node ids. */
  readonly outputsToExecute: string
  readonly createdAt: number
}

export interface NewQueueRow {
  readonly promptId: string
  /** An explicit number; else the arrival counter (negated for `front`). */
  readonly number?: number
  readonly front?: boolean
  readonly prompt: string
  readonly workflow: string
  readonly clientId: string | null
  readonly extraData: string
  readonly outputsToExecute: string
}

export interface QueueRepository {
  /** Adds a prompt; returns its number. */
  insert(row: NewQueueRow): number
  get(promptId: string): QueueRow | undefined
  /** Every row, running first, then pending in order. */
  list(): QueueRow[]
  /** Marks the first pending row running and returns it. */
  claimNext(): QueueRow | undefined
  /** Removes pending rows by id; returns how many went. */
  deletePending(promptIds: readonly string[]): number
  clearPending(): number
  remove(promptId: string): void
  /** Puts rows left running (by a crash or a shutdown) back at the front, pending. */
  requeueRunning(): number
  count(): number
}

interface Row {
  seq: number
  prompt_id: string
  number: number
  state: QueueState
  prompt: string
  workflow: string
  client_id: string | null
  extra_data: string
  outputs_to_execute: string
  created_at: number
}

const toQueueRow = (row: Row): QueueRow => ({
  seq: row.seq,
  promptId: row.prompt_id,
  number: row.number,
  state: row.state,
  prompt: row.prompt,
  workflow: row.workflow,
  clientId: row.client_id,
  extraData: row.extra_data,
  outputsToExecute: row.outputs_to_execute,
  createdAt: row.created_at,
})

export function createQueueRepository(db: Database): QueueRepository {
  const insert = db.prepare(
    `INSERT INTO queue (prompt_id, number, prompt, workflow, client_id, extra_data, outputs_to_execute, created_at)
     VALUES (@promptId, 0, @prompt, @workflow, @clientId, @extraData, @outputsToExecute, @createdAt)`,
  )
  const setNumber = db.prepare('UPDATE queue SET number = ? WHERE seq = ?')
  const get = db.prepare('SELECT * FROM queue WHERE prompt_id = ?')
  const list = db.prepare(`SELECT * FROM queue ORDER BY state = 'running' DESC, number, seq`)
  const first = db.prepare(`SELECT * FROM queue WHERE state = 'pending' ORDER BY number, seq LIMIT 1`)
  const markRunning = db.prepare(`UPDATE queue SET state = 'running' WHERE seq = ?`)
  const deletePending = db.prepare(`DELETE FROM queue WHERE prompt_id = ? AND state = 'pending'`)
  const clearPending = db.prepare(`DELETE FROM queue WHERE state = 'pending'`)
  const remove = db.prepare('DELETE FROM queue WHERE prompt_id = ?')
  const lowest = db.prepare('SELECT min(number) AS lowest FROM queue')
  const requeue = db.prepare(`UPDATE queue SET state = 'pending', number = ? WHERE state = 'running'`)
  const count = db.prepare('SELECT count(*) AS n FROM queue')

  return {
    insert: db.transaction((row: NewQueueRow): number => {
      const seq = Number(insert.run({ ...row, createdAt: Date.now() }).lastInsertRowid)
      const number = row.number ?? (row.front ? -seq : seq)
      setNumber.run(number, seq)
      return number
    }),
    get(promptId) {
      const row = get.get(promptId) as Row | undefined
      return row && toQueueRow(row)
    },
    list: () => (list.all() as Row[]).map(toQueueRow),
    claimNext: db.transaction((): QueueRow | undefined => {
      const row = first.get() as Row | undefined
      if (!row) return undefined
      markRunning.run(row.seq)
      return toQueueRow({ ...row, state: 'running' })
    }),
    deletePending: db.transaction((ids: readonly string[]) => ids.reduce((n, id) => n + deletePending.run(id).changes, 0)),
    clearPending: () => clearPending.run().changes,
    remove: (promptId) => void remove.run(promptId),
    requeueRunning: db.transaction(() => {
      const { lowest: min } = lowest.get() as { lowest: number | null }
      return requeue.run((min ?? 0) - 1).changes
    }),
    count: () => (count.get() as { n: number }).n,
  }
}
