/** Reads a PNG's text chunks (`workflow`, `prompt`), as Latentflow and ComfyUI write them, with fast-png. */
import { decode, hasPngSignature } from 'fast-png'

/** True when the bytes start with PNG's signature. */
export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && hasPngSignature(bytes)
}

/** The text chunks of a PNG by keyword; throws for bytes that are not a PNG. */
export function pngTextChunks(bytes: Uint8Array): Record<string, string> {
  if (!isPng(bytes)) throw new Error('Not a PNG file')
  return { ...decode(bytes).text }
}
