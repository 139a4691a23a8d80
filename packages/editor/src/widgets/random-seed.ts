/** A random seed for "randomize": uniform in [0, 2^53) so it stays a plain JSON number. */
export function randomSeed(random: () => number = Math.random): number {
  return Math.floor(random() * 2 ** 21) * 2 ** 32 + Math.floor(random() * 2 ** 32)
}
