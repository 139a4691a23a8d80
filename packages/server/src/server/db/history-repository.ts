/** The `history` table: finished prompts (success, error or interrupted), oldest first. */
import type { Database } from 'better-sqlite3'

export interface HistoryRow {
  readonly promptId: string
  readonly number: number
  /** JSON texts (lossless). */
  readonly prompt: string
  readonly extraData: string
  readonly outputsToExecute: string
  readonly outputs: string
  readonly statusStr: 'success' | 'error'
  readonly completed: boolean
  /** `[[event_type, data], ...]` as JSON text. */
  readonly messages: string
  readonly completedAt: number
}

export interface HistoryRepository {
  insert(row: HistoryRow): void
  get(promptId: string): HistoryRow | undefined
  /**
   * ComfyUI's paging: from `offset` (oldest first), at most `maxItems`; a negative offset with
   * `maxItems` means the last `maxItems`.
   */
  list(maxItems?: number, offset?: number): HistoryRow[]
  delete(promptIds: readonly string[]): number
  clear(): number
  has(promptId: string): boolean
}

interface Row {
  prompt_id: string
  number: number
  prompt: string
  extra_data: string
  outputs_to_execute: string
  outputs: string
  status_str: 'success' | 'error'
  completed: number
  messages: string
  completed_at: number
}

const toHistoryRow = (row: Row): HistoryRow => ({
  promptId: row.prompt_id,
  number: row.number,
  prompt: row.prompt,
  extraData: row.extra_data,
  outputsToExecute: row.outputs_to_execute,
  outputs: row.outputs,
  statusStr: row.status_str,
  completed: row.completed === 1,
  messages: row.messages,
  completedAt: row.completed_at,
})

export function createHistoryRepository(db: Database): HistoryRepository {
  const insert = db.prepare(
    `INSERT OR REPLACE INTO history (prompt_id, number, prompt, extra_data, outputs_to_execute, outputs, status_str, completed, messages, completed_at)
     VALUES (@promptId, @number, @prompt, @extraData, @outputsToExecute, @outputs, @statusStr, @completed, @messages, @completedAt)`,
  )
  const get = db.prepare('SELECT * FROM history WHERE prompt_id = ?')
  const page = db.prepare('SELECT * FROM history ORDER BY seq LIMIT ? OFFSET ?')
  const count = db.prepare('SELECT count(*) AS n FROM history')
  const remove = db.prepare('DELETE FROM history WHERE prompt_id = ?')
  const clear = db.prepare('DELETE FROM history')

  return {
    insert: (row) => void insert.run({ ...row, completed: row.completed ? 1 : 0 }),
    get(promptId) {
      const row = get.get(promptId) as Row | undefined
      return row && toHistoryRow(row)
    },
    list(maxItems, offset = -1) {
      let start = offset
      if (start < 0) start = maxItems === undefined ? 0 : Math.max(0, (count.get() as { n: number }).n - maxItems)
      return (page.all(maxItems ?? -1, start) as Row[]).map(toHistoryRow)
    },
    delete: db.transaction((ids: readonly string[]) => ids.reduce((n, id) => n + remove.run(id).changes, 0)),
    clear: () => clear.run().changes,
    has: (promptId) => get.get(promptId) !== undefined,
  }
}
