/** The seeded draws of the synthetic generator (mulberry32, never `Math.random`). */

import { mulberry32 } from "../../survey";

export { mulberry32 };

/**
 * A seeded random source: uniform, logistic, normal, categorical and Bernoulli draws.
 * @example const rnd = new Random(20251001); rnd.categorical([0.6, 0.3, 0.1]) // 0, 1 or 2
 */
export class Random {
  private readonly u: () => number;
  constructor(seed: number) {
    this.u = mulberry32(seed);
  }
  /** A uniform draw in [0, 1). */
  uniform(): number {
    return this.u();
  }
  /** Standard logistic noise (sd ≈ 1.81). */
  logistic(): number {
    const u = Math.min(Math.max(this.u(), 1e-12), 1 - 1e-12);
    return Math.log(u / (1 - u));
  }
  /** Standard normal (Box–Muller, one of the pair). */
  normal(): number {
    const u1 = Math.max(this.u(), 1e-12);
    const u2 = this.u();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
  /** An index drawn with probabilities proportional to `p`. */
  categorical(p: readonly number[]): number {
    const total = p.reduce((a, b) => a + b, 0);
    let x = this.u() * total;
    for (let k = 0; k < p.length; k++) {
      x -= p[k];
      if (x < 0) return k;
    }
    return p.length - 1;
  }
  /** True with probability `p`. */
  bernoulli(p: number): boolean {
    return this.u() < p;
  }
}
