/**
 * ComfyUI names checkpoints by file (`v1-5-pruned-emaonly.safetensors`); Latentflow's models are
 * folders (`tiny-shapes`). A checkpoint name is the folder name, with a file suffix ignored.
 */

/** Suffixes of ComfyUI checkpoint files, dropped from `ckpt_name`. */
export const CHECKPOINT_SUFFIXES = ['.safetensors', '.ckpt', '.pt', '.pth', '.bin'] as const

/** `tiny-shapes.safetensors` -> `tiny-shapes`; other names are returned as they are. */
export function checkpointFolderName(name: string): string {
  const lower = name.toLowerCase()
  const suffix = CHECKPOINT_SUFFIXES.find((candidate) => lower.endsWith(candidate) && name.length > candidate.length)
  return suffix ? name.slice(0, -suffix.length) : name
}
