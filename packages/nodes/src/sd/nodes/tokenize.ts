/** Tokenizer: prompt text -> CLIP token ids (BOS, ids, EOS, padding to the encoder's length). */
import { defineNode, input, string } from '@latentflow/engine'

export const Tokenize = defineNode({
  type: 'Tokenizer',
  title: 'Tokenizer',
  category: 'conditioning',
  description: "CLIP byte-level BPE, identical to OpenAI CLIP's tokenizer; truncates to the model's length.",
  inputs: {
    tokenizer: input('TOKENIZER'),
    text: string({ default: '', multiline: true, placeholder: 'a red circle on a gray background' }),
  },
  outputs: { tokens: 'TOKENS' },
  run: ({ tokenizer, text }) => ({ tokens: { text, ids: tokenizer.encodePadded(text) } }),
})
