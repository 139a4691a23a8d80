/**
 * @latentflow/nodes: the built-in nodes and what they share (file locations, numbered output
 * files). The Stable Diffusion pipeline nodes come next.
 */
export { builtinNodes, createDefaultRegistry } from './default-registry.js'
export { PrimitiveInt, PrimitiveFloat, PrimitiveString, PrimitiveBoolean } from './primitive-nodes.js'
export { SaveText } from './save-text.js'

export { requireFileLocations } from './host-services.js'
export type { FileLocations } from './host-services.js'

export { filenamePrefixProblem, resolveFilenamePrefix, UnsafeFilenamePrefixError } from './filename-prefix.js'
export type { PrefixLocation } from './filename-prefix.js'
export { formatOutputFilename, nextOutputCounter, writeOutputFile } from './output-files.js'
export type { OutputFolderType, SavedFile, WriteOutputFileOptions } from './output-files.js'
