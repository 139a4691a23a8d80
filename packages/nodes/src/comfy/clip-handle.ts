/**
 * ComfyUI's CLIP socket: what its CLIPTextEncode needs to turn text into conditioning. In
 * Latentflow that is a tokenizer and a text encoder, which the native pipeline keeps apart.
 */
import type { ClipTokenizer } from '../tokenizer/index.js'
import type { TextEncoderHandle } from '../sd/sd-types.js'

/** CLIP: the tokenizer and the text encoder of one model. */
export interface ClipHandle {
  readonly tokenizer: ClipTokenizer
  readonly textEncoder: TextEncoderHandle
}

declare module '@latentflow/engine' {
  interface SocketValueMap {
    CLIP: ClipHandle
  }
}
