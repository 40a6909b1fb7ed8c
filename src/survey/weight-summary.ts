/** Summaries of a weight vector: n, sum, min, median, max, and Kish's design effect and effective sample size. */

import { median as medianOf } from "simple-statistics";

/** Summary of a weight vector. */
export interface WeightDiagnostics {
  n: number;
  sum: number;
  min: number;
  median: number;
  max: number;
  /** Kish design effect due to unequal weights: n·Σw² / (Σw)². */
  deff: number;
  /** Kish effective sample size: (Σw)² / Σw² = n / deff. */
  effectiveN: number;
}

/**
 * Summary of a weight vector: n, sum, min, median, max, Kish design effect n·Σw²/(Σw)² and effective sample size
 * (Σw)²/Σw².
 * @example
 * weightDiagnostics([1, 1, 2, 4]).deff; // 4·22/64 = 1.375
 */
export function weightDiagnostics(weights: ArrayLike<number>): WeightDiagnostics {
  const n = weights.length;
  if (n === 0) return { n: 0, sum: 0, min: NaN, median: NaN, max: NaN, deff: NaN, effectiveN: 0 };
  // A plain array filled in the same pass (Array.from of a typed array is three times slower at 1M weights).
  const values = new Array<number>(n);
  let sum = 0;
  let sumSq = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    values[i] = w;
    sum += w;
    sumSq += w * w;
    if (w < min) min = w;
    if (w > max) max = w;
  }
  const deff = (n * sumSq) / (sum * sum);
  return { n, sum, min, median: medianOf(values), max, deff, effectiveN: (sum * sum) / sumSq };
}
