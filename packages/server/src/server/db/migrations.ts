/**
 * The database schema as numbered migrations, applied in order once each and recorded in the
 * `migrations` table. Never edit a released migration: add the next one.
 */
import type { Database } from 'better-sqlite3'

export interface Migration {
  readonly version: number
  readonly name: string
  readonly sql: string
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'queue and history',
    sql: `
      CREATE TABLE queue (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        prompt_id TEXT NOT NULL UNIQUE,
        number REAL NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'running')),
        prompt TEXT NOT NULL,
        workflow TEXT NOT NULL,
        client_id TEXT,
        extra_data TEXT NOT NULL,
        outputs_to_execute TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX queue_order ON queue (number, seq);
      CREATE TABLE history (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        prompt_id TEXT NOT NULL UNIQUE,
        number REAL NOT NULL,
        prompt TEXT NOT NULL,
        extra_data TEXT NOT NULL,
        outputs_to_execute TEXT NOT NULL,
        outputs TEXT NOT NULL,
        status_str TEXT NOT NULL CHECK (status_str IN ('success', 'error')),
        completed INTEGER NOT NULL,
        messages TEXT NOT NULL,
        completed_at INTEGER NOT NULL
      );
    `,
  },
]

/** Applies the migrations not yet recorded, each in its own transaction. Returns the versions applied. */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  db.exec('CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)')
  const applied = new Set((db.prepare('SELECT version FROM migrations').all() as { version: number }[]).map((row) => row.version))
  const record = db.prepare('INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)')
  const done: number[] = []
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(migration.version)) continue
    db.transaction(() => {
      db.exec(migration.sql)
      record.run(migration.version, migration.name, Date.now())
    })()
    done.push(migration.version)
  }
  return done
}
