import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { decodeImage, sniffImageFormat } from './decode-image.js'
import { createImageBatch, imageToRgb8 } from './image-batch.js'
import { encodePng, readPngText } from './png-file.js'

const red = new Uint8Array(4 * 4 * 3).map((_, i) => (i % 3 === 0 ? 255 : 0))

describe('PNG with text chunks', () => {
  it('round-trips pixels and text, non-ASCII text included', async () => {
    const workflow = JSON.stringify({ nodes: { p: { inputs: { text: 'un chat sur un toit — 屋根の猫' } } } })
    const png = encodePng(red, 4, 4, { workflow, prompt: '{}' })
    const text = readPngText(png)
    expect(JSON.parse(text.workflow!)).toEqual(JSON.parse(workflow))
    expect(text.prompt).toBe('{}')
    const decoded = await decodeImage(png)
    expect(imageToRgb8(decoded.image, 0)).toEqual(red)
  })
})

describe('decodeImage', () => {
  const rgba = Buffer.from(new Uint8Array(2 * 2 * 4).map((_, i) => (i % 4 === 3 ? (i < 8 ? 255 : 0) : 200)))
  const raw = { raw: { width: 2, height: 2, channels: 4 as const } }

  it.each(['png', 'jpeg', 'webp'] as const)('reads %s', async (format) => {
    const bytes = await sharp(rgba, raw)[format]({ quality: 100 }).toBuffer()
    expect(sniffImageFormat(bytes)).toBe(format)
    const { image, mask } = await decodeImage(bytes)
    expect([image.batch, image.height, image.width]).toEqual([1, 2, 2])
    if (format === 'png') expect([...mask.data]).toEqual([0, 0, 1, 1]) // 1 where transparent, as in ComfyUI
  })

  it('refuses what is not PNG, JPEG or WebP, whatever its name', async () => {
    await expect(decodeImage(new TextEncoder().encode('<svg></svg>'), { name: 'cat.png' })).rejects.toThrow('cat.png is not a PNG, JPEG or WebP image')
    const gif = await sharp(rgba, raw).gif().toBuffer()
    await expect(decodeImage(gif)).rejects.toThrow(/not a PNG, JPEG or WebP/)
  })

  it('refuses images above the pixel limit (decompression bombs)', async () => {
    const big = await sharp({ create: { width: 300, height: 300, channels: 3, background: '#000' } }).png().toBuffer()
    await expect(decodeImage(big, { maxPixels: 10_000 })).rejects.toThrow(/Cannot decode the image: .*pixel limit/i)
  })

  it('refuses a truncated file', async () => {
    const png = await sharp(rgba, raw).png().toBuffer()
    await expect(decodeImage(png.subarray(0, 30))).rejects.toThrow(/Cannot decode/)
  })
})

describe('createImageBatch', () => {
  it('checks the data length against the shape', () => {
    expect(() => createImageBatch(1, 2, 2, new Float32Array(3))).toThrow(/needs 12/)
  })
})
