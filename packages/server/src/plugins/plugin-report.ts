/** What loading plugins gave: the plugins loaded and those that failed, each with its reason. */

export interface LoadedPlugin {
  /** The plugin's name (its `definePlugin` name). */
  readonly name: string
  readonly version: string
  /** The plugin's folder (the package root). */
  readonly path: string
  readonly description?: string
  /** The node types it registered. */
  readonly nodes: readonly string[]
}

export interface FailedPlugin {
  /** The package name, when it could be read. */
  readonly name?: string
  /** The plugin's folder, or the config file that named it. */
  readonly path: string
  /** Why it was skipped, e.g. `plugin API 2, this Latentflow supports 1`. */
  readonly error: string
}

/** `GET /plugins`, the `plugins` field of `latentflow nodes --json`. */
export interface PluginReport {
  readonly loaded: readonly LoadedPlugin[]
  readonly failed: readonly FailedPlugin[]
}

export const EMPTY_PLUGIN_REPORT: PluginReport = Object.freeze({ loaded: Object.freeze([]), failed: Object.freeze([]) })

/** Why one plugin could not be loaded; the loader records it and carries on. */
export class PluginLoadError extends Error {
  constructor(
    message: string,
    readonly pluginName?: string,
  ) {
    super(message)
    this.name = 'PluginLoadError'
  }
}
