/**
 * LoadImage: a PNG, JPEG or WebP from the input folder -> IMAGE, and MASK from its alpha.
 * Re-runs when the file changes (its size and modification time are part of the cache key).
 */
import { readdirSync, statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { combo, defineNode } from '@latentflow/engine'
import { decodeImage } from '../../image/decode-image.js'

const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.webp'])

/** The image files directly in the input folder, sorted. */
export function listInputImages(inputDir: string): string[] {
  try {
    return readdirSync(inputDir, { withFileTypes: true })
      .filter((entry) => entry.isFile() && IMAGE_EXTENSIONS.has(path.extname(entry.name).toLowerCase()))
      .map((entry) => entry.name)
      .sort()
  } catch {
    return []
  }
}

/** LoadImage reading from `inputDir` (the combo lists its images on demand). */
export function createLoadImage(inputDir: string) {
  return defineNode({
    type: 'LoadImage',
    title: 'Load Image',
    category: 'image',
    description: 'Loads a PNG, JPEG or WebP from the input folder; MASK is 1 where the image is transparent.',
    inputs: { image: combo(() => listInputImages(inputDir), { tooltip: 'A file in the input folder' }) },
    outputs: { image: 'IMAGE', mask: 'MASK' },
    isChanged({ image }) {
      try {
        const stats = statSync(path.join(inputDir, String(image)))
        return `${stats.size}:${stats.mtimeMs}`
      } catch {
        return 'missing'
      }
    },
    async run({ image: name }) {
      // The combo only offers plain file names; refuse anything that is not one.
      if (path.basename(name) !== name) throw new Error(`"${name}" is not a file name in the input folder`)
      const bytes = await readFile(path.join(inputDir, name))
      const { image, mask } = await decodeImage(bytes, { name: `input image "${name}"` })
      return { image, mask }
    },
  })
}
