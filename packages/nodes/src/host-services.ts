/**
 * The host services the built-in nodes use, added to the engine's `HostServices` by
 * declaration merging. The host (CLI, server) fills them in when it creates the executor.
 */
import type { HostServices } from '@latentflow/engine'

/** Where nodes read and write files. All three are absolute paths. */
export interface FileLocations {
  /** Where output nodes (SaveImage, SaveText) write. ComfyUI's `output/`. */
  readonly outputDir: string
  /** Where previews and other throw-away files go. ComfyUI's `temp/`. */
  readonly tempDir: string
  /** Where input files (LoadImage) are read from. ComfyUI's `input/`. */
  readonly inputDir: string
}

declare module '@latentflow/engine' {
  interface HostServices {
    /** File locations; needed by the nodes that read or write files. */
    files?: FileLocations
  }
}

/** The host's file locations, or a clear error naming the node that needs them. */
export function requireFileLocations(services: HostServices, nodeType: string): FileLocations {
  const files = services.files
  if (!files) {
    throw new Error(`${nodeType} needs file locations, but the host gave none: create the executor with services: { files: { outputDir, tempDir, inputDir } }`)
  }
  return files
}
