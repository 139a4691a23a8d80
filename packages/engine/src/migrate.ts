/**
 * Format migrations: each upgrades a raw workflow object from one format version to the next,
 * so workflows saved by older releases keep loading. Node-level changes are handled by each
 * definition's own `migrate` (see define-node.ts) during validation.
 */
import { WORKFLOW_FORMAT_VERSION } from './workflow.js'

export interface FormatMigration {
  /** The version this migration reads; it returns version `from + 1`. */
  readonly from: number
  readonly migrate: (raw: Record<string, unknown>) => Record<string, unknown>
}

/** The migrations this release knows. v1 is the first format, so there are none yet. */
export const FORMAT_MIGRATIONS: readonly FormatMigration[] = []

/**
 * Upgrades a raw workflow to the current format version. Returns the upgraded object, or an
 * error message when no chain of migrations reaches the current version.
 */
export function migrateFormat(
  raw: Record<string, unknown>,
  migrations: readonly FormatMigration[] = FORMAT_MIGRATIONS,
): { workflow: Record<string, unknown> } | { error: string } {
  let current = raw
  const saved = current.version
  if (typeof saved !== 'number' || !Number.isInteger(saved) || saved < 0) {
    return { error: `"version" must be a format version number (this release reads up to ${WORKFLOW_FORMAT_VERSION})` }
  }
  let version = saved
  if (version > WORKFLOW_FORMAT_VERSION) {
    return { error: `format version ${version} is newer than this release reads (${WORKFLOW_FORMAT_VERSION}); update Latentflow` }
  }
  while (version < WORKFLOW_FORMAT_VERSION) {
    const from = version
    const step = migrations.find((migration) => migration.from === from)
    if (!step) return { error: `no migration from format version ${from}` }
    current = step.migrate(current)
    version = from + 1
    current = { ...current, version }
  }
  return { workflow: current }
}
