/**
 * Seeded noise identical to PyTorch's CPU `torch.randn`, so a seed gives the same starting
 * latent as diffusers and ComfyUI.
 */
export { TorchGenerator } from './torch-generator.js'
export type { TorchSeed } from './torch-generator.js'
