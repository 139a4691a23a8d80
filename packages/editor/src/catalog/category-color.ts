/** A colour per node category (the part before `/`), so pipeline stages read at a glance. */

const CATEGORY_COLORS: Readonly<Record<string, string>> = {
  loaders: '#7e57c2',
  conditioning: '#ef6c00',
  latent: '#ad1457',
  sampling: '#00897b',
  image: '#1e88e5',
  utils: '#546e7a',
  text: '#6d4c41',
}

/** The category's colour; ComfyUI-named nodes (`comfyui/sampling`) share their stage's colour. */
export function categoryColor(category: string): string {
  const parts = category.split('/')
  const stage = parts[0] === 'comfyui' && parts[1] ? parts[1] : parts[0]!
  const known = CATEGORY_COLORS[stage]
  if (known) return known
  let hash = 0
  for (const char of stage) hash = (hash * 31 + char.charCodeAt(0)) >>> 0
  return `hsl(${hash % 360} 45% 45%)`
}
