/**
 * The 32-bit Mersenne Twister (MT19937) exactly as PyTorch's CPU generator runs it
 * (`at::mt19937`, the same stream as C++'s `std::mt19937`): seeded with a 32-bit value by
 * Knuth's initialisation, tempered 32-bit outputs.
 */

const STATE_SIZE = 624
const SHIFT_SIZE = 397
const MATRIX_A = 0x9908b0df
const UPPER_MASK = 0x80000000
const LOWER_MASK = 0x7fffffff

/** A Mersenne Twister stream; `nextUint32()` gives the values `std::mt19937` gives for the same seed. */
export class Mt19937 {
  readonly #state = new Uint32Array(STATE_SIZE)
  #index = STATE_SIZE

  /** @param seed used modulo 2^32, as PyTorch's `mt19937(uint64_t seed)` does. */
  constructor(seed: number) {
    const state = this.#state
    state[0] = seed >>> 0
    for (let i = 1; i < STATE_SIZE; i++) {
      const previous = state[i - 1]!
      state[i] = Math.imul(1812433253, previous ^ (previous >>> 30)) + i
    }
  }

  /** The next tempered 32-bit output, as an unsigned integer in [0, 2^32). */
  nextUint32(): number {
    if (this.#index >= STATE_SIZE) this.#twist()
    let y = this.#state[this.#index++]!
    y ^= y >>> 11
    y ^= (y << 7) & 0x9d2c5680
    y ^= (y << 15) & 0xefc60000
    y ^= y >>> 18
    return y >>> 0
  }

  #twist(): void {
    const state = this.#state
    for (let i = 0; i < STATE_SIZE; i++) {
      const y = (state[i]! & UPPER_MASK) | (state[(i + 1) % STATE_SIZE]! & LOWER_MASK)
      state[i] = state[(i + SHIFT_SIZE) % STATE_SIZE]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0)
    }
    this.#index = 0
  }
}
