/** A small node catalog for the editor's tests: the txt2img pipeline's node types as the server describes them. */
import { BUILTIN_SOCKET_TYPES, type NodeDescription } from '@latentflow/engine'
import { createCatalog, type NodeCatalog } from '../catalog/node-catalog'

const socket = (name: string, type: string) => ({ name, kind: 'SOCKET' as const, type, optional: false })
const node = (type: string, category: string, inputs: NodeDescription['inputs'], outputs: [string, string][]): NodeDescription => ({
  type,
  version: 1,
  title: type,
  category,
  output: type === 'SaveImage',
  inputs,
  outputs: outputs.map(([name, socketType]) => ({ name, type: socketType })),
})

export const TEST_NODES: readonly NodeDescription[] = [
  node('LoadModel', 'loaders', [{ name: 'model', kind: 'COMBO', type: 'COMBO', optional: false, options: ['tiny-shapes'] }], [
    ['model', 'MODEL'],
    ['tokenizer', 'TOKENIZER'],
    ['text_encoder', 'TEXT_ENCODER'],
    ['unet', 'UNET'],
    ['vae', 'VAE'],
  ]),
  node('Tokenizer', 'conditioning', [socket('tokenizer', 'TOKENIZER'), { name: 'text', kind: 'STRING', type: 'STRING', optional: false, multiline: true, default: '' }], [['tokens', 'TOKENS']]),
  node('TextEncoder', 'conditioning', [socket('text_encoder', 'TEXT_ENCODER'), socket('tokens', 'TOKENS')], [['conditioning', 'CONDITIONING']]),
  node('EmptyLatent', 'latent', [
    { name: 'width', kind: 'INT', type: 'INT', optional: false, default: 512, min: 64, max: 4096, step: 8 },
    { name: 'height', kind: 'INT', type: 'INT', optional: false, default: 512, min: 64, max: 4096, step: 8 },
    { name: 'batch', kind: 'INT', type: 'INT', optional: false, default: 1, min: 1, max: 64 },
  ], [['latent', 'LATENT']]),
  node('Scheduler', 'sampling', [socket('model', 'MODEL'), { name: 'name', kind: 'COMBO', type: 'COMBO', optional: false, options: ['euler', 'ddim'] }, { name: 'steps', kind: 'INT', type: 'INT', optional: false, default: 20 }, { name: 'karras', kind: 'BOOLEAN', type: 'BOOLEAN', optional: false, default: false }], [['scheduler', 'SCHEDULER']]),
  node('UNetCFG', 'sampling', [
    socket('unet', 'UNET'),
    socket('positive', 'CONDITIONING'),
    socket('negative', 'CONDITIONING'),
    socket('latent', 'LATENT'),
    socket('scheduler', 'SCHEDULER'),
    { name: 'guidance', kind: 'FLOAT', type: 'FLOAT', optional: false, default: 7.5, min: 0, max: 30, step: 0.1, display: 'slider' },
    { name: 'denoise', kind: 'FLOAT', type: 'FLOAT', optional: false, default: 1, min: 0, max: 1, step: 0.01, display: 'slider' },
    { name: 'seed', kind: 'SEED', type: 'SEED', optional: false, default: 0, controlAfterGenerate: true },
  ], [['latent', 'LATENT']]),
  node('VAEDecode', 'latent', [socket('vae', 'VAE'), socket('latent', 'LATENT')], [['image', 'IMAGE']]),
  node('VAEEncode', 'latent', [socket('vae', 'VAE'), socket('image', 'IMAGE'), { name: 'seed', kind: 'SEED', type: 'SEED', optional: false, default: 0 }], [['latent', 'LATENT']]),
  node('LoadImage', 'image', [{ name: 'image', kind: 'COMBO', type: 'COMBO', optional: false, options: [] }], [['image', 'IMAGE'], ['mask', 'MASK']]),
  node('SaveImage', 'image', [socket('images', 'IMAGE'), { name: 'filename_prefix', kind: 'STRING', type: 'STRING', optional: false, default: 'latentflow' }], []),
  node('PrimitiveInt', 'utils/primitive', [{ name: 'value', kind: 'INT', type: 'INT', optional: false, default: 0 }], [['value', 'INT']]),
  node('CheckpointLoaderSimple', 'comfyui/loaders', [{ name: 'ckpt_name', kind: 'COMBO', type: 'COMBO', optional: false, options: ['tiny-shapes'] }], [['model', 'MODEL'], ['clip', 'CLIP'], ['vae', 'VAE']]),
]

export function testCatalog(): NodeCatalog {
  return createCatalog({ nodes: TEST_NODES, socketTypes: BUILTIN_SOCKET_TYPES })
}
