/**
 * SaveText: writes text to `<output>/<prefix>_<counter>_.txt`, never overwriting.
 *
 * Cacheable, as ComfyUI caches its output nodes: running the same workflow again with the
 * same text and prefix reuses the first result and reports the same file; it does not write
 * a second copy. Change the text or the prefix to get a new file.
 */
import { defineNode, string } from '@latentflow/engine'
import { validateFilenamePrefix } from './filename-prefix.js'
import { requireFileLocations } from './host-services.js'
import { writeOutputFile } from './output-files.js'

export const SaveText = defineNode({
  type: 'SaveText',
  title: 'Save Text',
  category: 'text',
  description: 'Writes the text to a numbered .txt file in the output folder.',
  output: true,
  inputs: {
    text: string({ multiline: true, tooltip: 'The text to save; link a STRING output or type it.' }),
    filename_prefix: string({
      default: 'latentflow',
      tooltip: 'The file name before the counter; may start with subfolders, e.g. "notes/run". Stays inside the output folder.',
    }),
  },
  outputs: {},
  validate: validateFilenamePrefix,
  async run({ text, filename_prefix }, ctx) {
    const { outputDir } = requireFileLocations(ctx.services, 'SaveText')
    const saved = await writeOutputFile({ baseDir: outputDir, prefix: filename_prefix, extension: 'txt', data: text })
    ctx.ui({ texts: [{ filename: saved.filename, subfolder: saved.subfolder, type: saved.type }] })
    return {}
  },
})
