/** Whether a plugin's `latentflow.engine` range admits this host's @latentflow/engine version. */
import { createRequire } from 'node:module'
import semver from 'semver'

/** The version of @latentflow/engine this host runs, e.g. `0.1.0`. */
export const ENGINE_VERSION: string = (createRequire(import.meta.url)('@latentflow/engine/package.json') as { version: string }).version

/** The reason a range does not admit `engineVersion`, or undefined when it does. */
export function checkEngineRange(range: string, engineVersion: string = ENGINE_VERSION): string | undefined {
  if (semver.validRange(range) === null) return `"latentflow.engine" ${JSON.stringify(range)} is not a semver range (e.g. "^0.1.0")`
  if (semver.satisfies(engineVersion, range, { includePrerelease: true })) return undefined
  return `needs @latentflow/engine ${range}, this Latentflow has ${engineVersion}`
}
