/**
 * SaveImage and PreviewImage: PNGs named `<prefix>_00001_.png`, counting up, never
 * overwriting, with the workflow in tEXt chunks as ComfyUI writes them: `prompt` (ComfyUI's API
 * format, so ComfyUI can load it) and `workflow` (Latentflow's native format, layout included).
 */
import { defineNode, input, string, toComfyApi, type NodeContext } from '@latentflow/engine'
import { validateFilenamePrefix } from '../../filename-prefix.js'
import { requireFileLocations } from '../../host-services.js'
import { imageToRgb8, type ImageBatch } from '../../image/image-batch.js'
import { encodePng } from '../../image/png-file.js'
import { writeOutputFile, type OutputFolderType } from '../../output-files.js'

async function saveImages(images: ImageBatch, prefix: string, type: OutputFolderType, ctx: NodeContext): Promise<void> {
  const files = requireFileLocations(ctx.services, type === 'output' ? 'SaveImage' : 'PreviewImage')
  const text = workflowText(ctx)
  const saved = []
  for (let index = 0; index < images.batch; index++) {
    ctx.signal.throwIfAborted()
    const png = encodePng(imageToRgb8(images, index), images.width, images.height, text)
    const file = await writeOutputFile({ baseDir: type === 'output' ? files.outputDir : files.tempDir, prefix, extension: 'png', data: png, type })
    saved.push({ filename: file.filename, subfolder: file.subfolder, type: file.type })
  }
  ctx.ui({ images: saved })
}

function workflowText(ctx: NodeContext): Record<string, string> {
  const text: Record<string, string> = { workflow: JSON.stringify(ctx.workflow) }
  try {
    text.prompt = JSON.stringify(toComfyApi(ctx.workflow, ctx.registry))
  } catch {
    // A workflow the converter cannot map still saves, with its native form.
  }
  return text
}

export const SaveImage = defineNode({
  type: 'SaveImage',
  title: 'Save Image',
  category: 'image',
  description: 'Saves PNGs to the output folder with the workflow embedded.',
  output: true,
  inputs: {
    images: input('IMAGE'),
    filename_prefix: string({ default: 'Latentflow', tooltip: 'File name before the counter; may start with subfolders. Stays inside the output folder.' }),
  },
  outputs: {},
  validate: validateFilenamePrefix,
  run: async ({ images, filename_prefix }, ctx) => (await saveImages(images, filename_prefix, 'output', ctx), {}),
})

export const PreviewImage = defineNode({
  type: 'PreviewImage',
  title: 'Preview Image',
  category: 'image',
  description: 'Shows images without keeping them: PNGs go to the temp folder.',
  output: true,
  inputs: { images: input('IMAGE') },
  outputs: {},
  run: async ({ images }, ctx) => (await saveImages(images, 'preview', 'temp', ctx), {}),
})
