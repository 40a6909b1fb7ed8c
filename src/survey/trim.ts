/** Trimming a weight vector to limits, spreading what was cut over the rows inside them, as R's `trimWeights`. */

import { DataError } from "./errors";

/** Options of `trimWeights`. */
export interface TrimOptions {
  /** Weights below this are raised to it (default −Infinity: no lower limit). */
  lower?: number;
  /** Weights above this are capped at it (default Infinity: no upper limit). */
  upper?: number;
  /** Repeat until no weight is outside the limits after redistribution (R's `strict = TRUE`). */
  strict?: boolean;
  /** Where the weights come from, for error messages. */
  source?: string;
}

/**
 * Trims weights to [lower, upper] and spreads the trimmed amount equally over the weights that were inside the limits,
 * keeping the total — R's `trimWeights(design, upper, lower, strict)`.
 * @example
 * trimWeights([1, 1, 10], { upper: 4 }); // Float64Array [4, 4, 4]
 */
export function trimWeights(weights: ArrayLike<number>, options: TrimOptions = {}): Float64Array {
  const lower = options.lower ?? -Infinity;
  const upper = options.upper ?? Infinity;
  const source = options.source ?? "trimWeights";
  if (!(lower <= upper))
    throw new DataError({
      file: source,
      column: "lower",
      value: String(lower),
      problem: `lower limit ${lower} exceeds upper limit ${upper}`,
      expected: "lower ≤ upper",
    });
  let w = Float64Array.from(weights);
  for (let round = 0; round < 10_000; round++) {
    const outside = w.map((x) => (x < lower || x > upper ? 1 : 0));
    const nOutside = outside.reduce((a, b) => a + b, 0);
    if (nOutside === 0) return w;
    let excess = 0;
    const trimmed = w.map((x) => {
      const y = Math.max(lower, Math.min(x, upper));
      excess += x - y;
      return y;
    });
    const nInside = w.length - nOutside;
    if (nInside === 0) {
      throw new DataError({
        file: source,
        column: "weights",
        problem: `every weight is outside [${lower}, ${upper}]; nothing to redistribute to`,
        expected: "limits that leave some weights inside",
      });
    }
    const share = excess / nInside;
    for (let i = 0; i < w.length; i++) if (!outside[i]) trimmed[i] += share;
    w = trimmed;
    if (!options.strict) return w;
    if (!w.some((x) => x > upper || x < lower)) return w;
  }
  throw new Error(`trimWeights: strict trimming to [${lower}, ${upper}] did not settle`);
}
