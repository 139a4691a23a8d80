/**
 * The CLIP tokenizer: prompt text to the token ids Stable Diffusion's text encoder takes,
 * identical to OpenAI CLIP's tokenizer on the real vocabulary (ftfy cleanup included).
 */
export { ClipTokenizer } from './clip-tokenizer.js'
export type { ClipTokenizerOptions, DecodeOptions } from './clip-tokenizer.js'
