/**
 * Summaries of a weight vector: n, sum, min, median, max, and Kish's design effect and effective
 * sample size. The order statistics come from simple-statistics (quickselect on a copy; the median
 * of an even count is the mean of the two middle weights, as R's `median`).
 */

import { max as maxOf, median as medianOf, min as minOf } from "simple-statistics";

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
 * Summary of a weight vector: n, sum, min, median, max, Kish design effect n·Σw²/(Σw)² and
 * effective sample size (Σw)²/Σw².
 *
 * @example
 * weightDiagnostics([1, 1, 2, 4]).deff; // 4·22/64 = 1.375
 */
export function weightDiagnostics(weights: ArrayLike<number>): WeightDiagnostics {
  const n = weights.length;
  if (n === 0) return { n: 0, sum: 0, min: NaN, median: NaN, max: NaN, deff: NaN, effectiveN: 0 };
  const values = Array.from(weights);
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    sum += values[i];
    sumSq += values[i] * values[i];
  }
  const deff = (n * sumSq) / (sum * sum);
  return {
    n,
    sum,
    min: minOf(values),
    median: medianOf(values),
    max: maxOf(values),
    deff,
    effectiveN: (sum * sum) / sumSq,
  };
}
