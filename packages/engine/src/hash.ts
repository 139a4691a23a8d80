/**
 * A fast 128-bit non-cryptographic string hash (four multiply-xor lanes with murmur3's
 * finaliser), for cache keys. The engine runs in browsers too, so it cannot use node:crypto;
 * keys are built from the user's own workflow, so collisions are not an attack surface.
 */
export function hash128(text: string): string {
  let a = 0x6a09e667
  let b = 0xbb67ae85
  let c = 0x3c6ef372
  let d = 0xa54ff53a
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    a = Math.imul(a ^ code, 0x85ebca6b)
    b = Math.imul(b ^ code, 0xc2b2ae35)
    c = Math.imul(c ^ code, 0x27d4eb2f)
    d = Math.imul(d ^ code, 0x165667b1)
    a = (a << 13) | (a >>> 19)
    b = (b << 15) | (b >>> 17)
    c = (c << 11) | (c >>> 21)
    d = (d << 17) | (d >>> 15)
  }
  a ^= text.length
  // Cross-mix the lanes so each output word depends on all of them.
  a = fmix(a + b)
  b = fmix(b + c + a)
  c = fmix(c + d + b)
  d = fmix(d + a + c)
  return hex(a) + hex(b) + hex(c) + hex(d)
}

function fmix(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h
}

/** Two hex digits per byte value: Number#toString(16) is slow enough to dominate cache keys. */
const HEX_BYTES: readonly string[] = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'))

function hex(word: number): string {
  return HEX_BYTES[word >>> 24]! + HEX_BYTES[(word >>> 16) & 0xff]! + HEX_BYTES[(word >>> 8) & 0xff]! + HEX_BYTES[word & 0xff]!
}
