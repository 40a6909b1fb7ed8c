/** Seeded random numbers, so generated data and benchmarks are the same on every run. */

/**
 * mulberry32: a small, fast 32-bit PRNG returning uniforms in [0, 1).
 * @example
 * const u = mulberry32(1); u(); // 0.6270739405881613
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
