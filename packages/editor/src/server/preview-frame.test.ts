import { describe, expect, it } from 'vitest'
import { parsePreviewFrame } from './preview-frame'

describe('preview frames', () => {
  it('reads type 1 / format 2 as PNG bytes', () => {
    const frame = new Uint8Array([0, 0, 0, 1, 0, 0, 0, 2, 137, 80, 78, 71])
    const parsed = parsePreviewFrame(frame.buffer)
    expect(parsed?.mime).toBe('image/png')
    expect([...parsed!.bytes]).toEqual([137, 80, 78, 71])
  })
  it('ignores other frames', () => {
    expect(parsePreviewFrame(new Uint8Array([0, 0, 0, 9, 0, 0, 0, 2]).buffer)).toBeNull()
    expect(parsePreviewFrame(new Uint8Array([0, 0]).buffer)).toBeNull()
  })
})
