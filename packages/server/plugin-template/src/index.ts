/** The plugin's entry point: Latentflow loads the default export (package.json "latentflow.plugin"). */
import { definePlugin, PLUGIN_API_VERSION } from '@latentflow/engine'
import { Brightness } from './brightness.js'

export { Brightness }
export type { ImageBatch } from './image.js'

export default definePlugin({
  name: '__PACKAGE_NAME__',
  version: '0.1.0',
  apiVersion: PLUGIN_API_VERSION,
  description: 'Latentflow nodes: __PLUGIN_NAME__.',
  nodes: [Brightness],
})
