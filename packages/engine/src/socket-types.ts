/**
 * Socket types are data: a name the validator compares and a colour the editor paints.
 * Plugins add their own with {@link defineSocketType}.
 */
export interface SocketType {
  /** Upper-case name, e.g. `LATENT`. Links connect only equal names. */
  readonly name: string
  /** CSS colour of the handle and the edge in the editor. */
  readonly color: string
  readonly description?: string
}

/** Declares a socket type. Names are upper-case letters, digits and underscores. */
export function defineSocketType(name: string, color: string, description?: string): SocketType {
  if (!/^[A-Z][A-Z0-9_]*$/.test(name)) {
    throw new Error(`Socket type name "${name}" must be upper-case letters, digits and underscores`)
  }
  return description === undefined ? { name, color } : { name, color, description }
}

/** The socket types of the Stable Diffusion pipeline and the widget kinds usable as links. */
export const BUILTIN_SOCKET_TYPES: readonly SocketType[] = [
  defineSocketType('MODEL', '#b39ddb', 'A loaded diffusion model folder'),
  defineSocketType('TOKENIZER', '#ffcc80', 'A CLIP BPE tokenizer'),
  defineSocketType('TEXT_ENCODER', '#ffd54f', 'A CLIP text encoder'),
  defineSocketType('UNET', '#ce93d8', 'A denoising UNet'),
  defineSocketType('VAE', '#ef9a9a', 'A variational auto-encoder (encoder and decoder)'),
  defineSocketType('TOKENS', '#fff59d', 'Token ids for the text encoder'),
  defineSocketType('CONDITIONING', '#ffab40', 'Text-encoder hidden states'),
  defineSocketType('LATENT', '#f48fb1', 'Latent samples [B,4,H/8,W/8]'),
  defineSocketType('SCHEDULER', '#80cbc4', 'A sampling schedule description'),
  defineSocketType('IMAGE', '#64b5f6', 'Images [B,H,W,3] in [0,1]'),
  defineSocketType('MASK', '#81c784', 'Masks [B,H,W] in [0,1]'),
  defineSocketType('INT', '#9ccc65', 'An integer'),
  defineSocketType('FLOAT', '#aed581', 'A number'),
  defineSocketType('STRING', '#90a4ae', 'Text'),
  defineSocketType('BOOLEAN', '#4db6ac', 'True or false'),
  defineSocketType('SEED', '#9ccc65', 'A seed, an integer in [0, 2^64-1]'),
]

/**
 * Maps socket type names to the TypeScript type of the value that flows through them.
 * Packages add entries by declaration merging:
 *
 * @example
 * declare module '@latentflow/engine' {
 *   interface SocketValueMap { LATENT: Latent }
 * }
 */
export interface SocketValueMap {
  INT: number
  FLOAT: number
  STRING: string
  BOOLEAN: boolean
  SEED: bigint
}

/** The value type of a socket type name; `unknown` for names nobody declared. */
export type SocketValue<T extends string> = T extends keyof SocketValueMap ? SocketValueMap[T] : unknown
