/**
 * latentflow-plugin-image-ops: image operations on IMAGE. Latentflow loads the default export
 * (package.json "latentflow.plugin" points at the built dist/index.js).
 */
import { definePlugin, PLUGIN_API_VERSION } from '@latentflow/engine'
import { Blur } from './blur.js'
import { Crop } from './crop.js'
import { Grayscale } from './grayscale.js'
import { ImageBlend } from './image-blend.js'
import { Invert } from './invert.js'
import { Resize } from './resize.js'

export { Blur, Crop, Grayscale, ImageBlend, Invert, Resize }
export { createImage, type ImageBatch } from './image.js'

export default definePlugin({
  name: 'latentflow-plugin-image-ops',
  version: '1.0.0',
  apiVersion: PLUGIN_API_VERSION,
  description: 'Image operations: Invert, Grayscale, Resize, Blur, Crop, ImageBlend.',
  nodes: [Invert, Grayscale, Resize, Blur, Crop, ImageBlend],
})
