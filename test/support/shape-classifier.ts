/**
 * The tiny model's pixel classifier, ported from tools/train-tiny/classify.py so the TypeScript
 * pipeline is judged by the same rule as the training script's own evaluation:
 * background = nearest palette colour to the median of the 2-pixel border ring; shape pixels =
 * those far (> 0.25) from it; shape colour = nearest other palette colour to their median;
 * shape = the area- and centroid-matched template (circle, square, triangle) with the best IoU.
 */
export const PALETTE = {
  red: [255, 0, 0],
  green: [0, 255, 0],
  blue: [0, 0, 255],
  yellow: [255, 255, 0],
  purple: [128, 0, 128],
  white: [255, 255, 255],
  black: [0, 0, 0],
  gray: [128, 128, 128],
} as const
export type Colour = keyof typeof PALETTE
export const COLOURS = Object.keys(PALETTE) as Colour[]
export const SHAPES = ['circle', 'square', 'triangle'] as const
export type Shape = (typeof SHAPES)[number]

export interface Classification {
  readonly background: Colour
  readonly colour?: Colour
  readonly shape?: Shape
}

const MIN_PIXELS = 12

/** `rgb`: [H,W,3] values in [0,1] (an IMAGE's first item). */
export function classify(rgb: Float32Array, height: number, width: number): Classification {
  const pixel = (y: number, x: number) => [rgb[(y * width + x) * 3]!, rgb[(y * width + x) * 3 + 1]!, rgb[(y * width + x) * 3 + 2]!]
  const border: number[][] = []
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (y < 2 || y >= height - 2 || x < 2 || x >= width - 2) border.push(pixel(y, x))
    }
  }
  const backgroundMedian = median(border)
  const background = nearest(backgroundMedian)
  const distanceToBackground = (p: number[]) => distance(p, backgroundMedian)
  let mask = new Uint8Array(height * width)
  const foreground: number[][] = []
  for (let i = 0; i < height * width; i++) {
    const p = pixel(Math.floor(i / width), i % width)
    if (distanceToBackground(p) > 0.25) {
      mask[i] = 1
      foreground.push(p)
    }
  }
  if (foreground.length < MIN_PIXELS) return { background }
  const foregroundMedian = median(foreground)
  const colour = nearest(foregroundMedian, background)
  mask = new Uint8Array(height * width)
  let count = 0
  for (let i = 0; i < height * width; i++) {
    const p = pixel(Math.floor(i / width), i % width)
    if (distance(p, foregroundMedian) < distanceToBackground(p)) {
      mask[i] = 1
      count++
    }
  }
  if (count < MIN_PIXELS) return { background, colour }
  const scores = templates(mask, height, width).map((template) => iou(mask, template))
  return { background, colour, shape: SHAPES[scores.indexOf(Math.max(...scores))]! }
}

function templates(mask: Uint8Array, height: number, width: number): Uint8Array[] {
  let area = 0
  let sumY = 0
  let sumX = 0
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue
    area++
    sumY += Math.floor(i / width)
    sumX += i % width
  }
  const cy = sumY / area + 0.5
  const cx = sumX / area + 0.5
  const r = Math.sqrt(area / Math.PI)
  const s = Math.sqrt(area) / 2
  const half = Math.sqrt(area / 2)
  const top = cy - half - half / 3
  const circle = new Uint8Array(mask.length)
  const square = new Uint8Array(mask.length)
  const triangle = new Uint8Array(mask.length)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dx = x + 0.5 - cx
      const dy = y + 0.5 - cy
      const i = y * width + x
      circle[i] = dx * dx + dy * dy <= r * r ? 1 : 0
      square[i] = Math.abs(dx) <= s && Math.abs(dy) <= s ? 1 : 0
      const fraction = (y + 0.5 - top) / (2 * half)
      triangle[i] = fraction >= 0 && fraction <= 1 && Math.abs(dx) <= half * fraction ? 1 : 0
    }
  }
  return [circle, square, triangle]
}

function iou(a: Uint8Array, b: Uint8Array): number {
  let both = 0
  let either = 0
  for (let i = 0; i < a.length; i++) {
    if (a[i] && b[i]) both++
    if (a[i] || b[i]) either++
  }
  return both / Math.max(1, either)
}

/** Per-channel median, as numpy's (the mean of the two middle values for an even count). */
function median(pixels: number[][]): number[] {
  return [0, 1, 2].map((channel) => {
    const values = pixels.map((p) => p[channel]!).sort((a, b) => a - b)
    const middle = values.length >> 1
    return values.length % 2 ? values[middle]! : (values[middle - 1]! + values[middle]!) / 2
  })
}

function distance(a: number[], b: number[]): number {
  return Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!)
}

function nearest(p: number[], exclude?: Colour): Colour {
  let best: Colour = 'black'
  let bestDistance = Infinity
  for (const colour of COLOURS) {
    if (colour === exclude) continue
    const reference = PALETTE[colour].map((value) => value / 255)
    const d = (p[0]! - reference[0]!) ** 2 + (p[1]! - reference[1]!) ** 2 + (p[2]! - reference[2]!) ** 2
    if (d < bestDistance) {
      bestDistance = d
      best = colour
    }
  }
  return best
}
