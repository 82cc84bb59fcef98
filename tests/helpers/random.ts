/**
 * Random test inputs that are the same on every run: a 32-bit linear congruential generator in
 * integer arithmetic (a floating-point one repeated values and missed cases), using its high bits.
 * The function gives an integer below `n`.
 */
export function seededRandom(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return (state >>> 8) % n;
  };
}
