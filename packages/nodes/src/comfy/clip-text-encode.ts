/** ComfyUI's CLIPTextEncode: Tokenizer then TextEncoder, as one node over a CLIP handle. */
import { defineNode, input, string } from '@latentflow/engine'
import { TextEncode } from '../sd/nodes/text-encode.js'
import { Tokenize } from '../sd/nodes/tokenize.js'

export const CLIPTextEncode = defineNode({
  type: 'CLIPTextEncode',
  title: 'CLIP Text Encode (Prompt)',
  category: 'comfyui/conditioning',
  description: "ComfyUI's prompt encoder: the native Tokenizer and TextEncoder in one node.",
  inputs: {
    text: string({ default: '', multiline: true }),
    clip: input('CLIP'),
  },
  outputs: { conditioning: 'CONDITIONING' },
  async run({ text, clip }, ctx) {
    const { tokens } = await Tokenize.run({ tokenizer: clip.tokenizer, text }, ctx)
    return TextEncode.run({ text_encoder: clip.textEncoder, tokens }, ctx)
  },
})
