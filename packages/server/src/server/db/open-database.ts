/**
 * The server's SQLite database (`<data>/latentflow.db`): WAL mode, so readers never wait for
 * the writer and a crash loses nothing committed; migrations applied on open.
 */
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import BetterSqlite3, { type Database } from 'better-sqlite3'
import { lockDataDir } from './data-dir-lock.js'
import { migrate } from './migrations.js'

/** The database file's name inside the data folder. */
export const DATABASE_FILE = 'latentflow.db'

/** An open database and what closes it (releasing the folder's lock). */
export interface OpenDatabase {
  readonly db: Database
  close(): void
}

/**
 * Opens (creating and migrating) the database of a data folder, taking the folder's lock
 * (see lockDataDir) until `close`.
 * @throws DataDirInUseError when another server uses the folder
 */
export function openDatabase(dataDir: string): OpenDatabase {
  mkdirSync(dataDir, { recursive: true })
  const unlock = lockDataDir(dataDir)
  let db: Database | undefined
  try {
    db = new BetterSqlite3(path.join(dataDir, DATABASE_FILE))
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    db.pragma('busy_timeout = 5000')
    migrate(db)
  } catch (error) {
    db?.close()
    unlock()
    throw error
  }
  const opened = db
  return {
    db: opened,
    close() {
      try {
        if (opened.open) opened.close()
      } finally {
        unlock()
      }
    },
  }
}
