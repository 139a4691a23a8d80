/**
 * PNG with text chunks, as ComfyUI writes them: the workflow and the prompt as JSON in tEXt
 * chunks named `workflow` and `prompt`, so dropping the PNG on an editor restores the graph.
 */
import { decode, encode } from 'fast-png'

/**
 * Encodes 8-bit RGB pixels as PNG with tEXt chunks. tEXt holds Latin-1 only, so text is
 * written with every non-ASCII character escaped (`\uXXXX`, still valid JSON).
 */
export function encodePng(rgb: Uint8Array, width: number, height: number, text: Readonly<Record<string, string>> = {}): Uint8Array {
  const ascii = Object.fromEntries(Object.entries(text).map(([key, value]) => [key, escapeNonAscii(value)]))
  return encode({ width, height, channels: 3, depth: 8, data: rgb, text: ascii })
}

/** The tEXt/zTXt/iTXt chunks of a PNG (e.g. `workflow`, `prompt`). */
export function readPngText(png: Uint8Array): Record<string, string> {
  return { ...decode(png).text }
}

function escapeNonAscii(text: string): string {
  return text.replace(/[^\x20-\x7e\n\r\t]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
