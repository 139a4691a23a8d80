/**
 * The server's binary WebSocket frames, in ComfyUI's layout: a 4-byte big-endian event type
 * (1 = PREVIEW_IMAGE), a 4-byte big-endian image type (1 = JPEG, 2 = PNG), then the image.
 */

export const PREVIEW_IMAGE = 1

export interface PreviewFrame {
  readonly mime: 'image/png' | 'image/jpeg'
  readonly bytes: Uint8Array
}

/** The preview image in a binary frame, or null for any other frame. */
export function parsePreviewFrame(frame: ArrayBuffer): PreviewFrame | null {
  if (frame.byteLength < 8) return null
  const view = new DataView(frame)
  if (view.getUint32(0) !== PREVIEW_IMAGE) return null
  const format = view.getUint32(4)
  if (format !== 1 && format !== 2) return null
  return { mime: format === 2 ? 'image/png' : 'image/jpeg', bytes: new Uint8Array(frame, 8) }
}
