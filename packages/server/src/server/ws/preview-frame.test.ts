import { decode } from 'fast-png'
import { describe, expect, it } from 'vitest'
import { encodePreviewFrame, previewScale, scaleNearest } from './preview-frame.js'

describe('preview frames', () => {
  const preview = { width: 2, height: 1, channels: 3 as const, data: new Uint8Array([255, 0, 0, 0, 0, 255]) }

  it('scale up by nearest neighbour', () => {
    const scaled = scaleNearest(preview, 2)
    expect([...scaled.data]).toEqual([255, 0, 0, 255, 0, 0, 0, 0, 255, 0, 0, 255, 255, 0, 0, 255, 0, 0, 0, 0, 255, 0, 0, 255])
    expect(previewScale({ ...preview, width: 8, height: 8 })).toBe(8)
    expect(previewScale({ ...preview, width: 128, height: 64 })).toBe(4)
    expect(previewScale({ ...preview, width: 1024, height: 64 })).toBe(1)
  })

  it("are ComfyUI's binary layout: event 1, image type 2 (PNG), then the PNG", () => {
    const frame = encodePreviewFrame(preview)
    const view = new DataView(frame.buffer, frame.byteOffset)
    expect(view.getUint32(0)).toBe(1)
    expect(view.getUint32(4)).toBe(2)
    const png = decode(frame.subarray(8))
    expect([png.width, png.height, png.channels]).toEqual([16, 8, 3])
    expect([...png.data.slice(0, 3)]).toEqual([255, 0, 0])
  })
})
