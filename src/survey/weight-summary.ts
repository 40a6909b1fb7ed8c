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

/**
 * `weightDiagnostics` of weights given as distinct values with counts (every row of a raking cell has
 * the cell's weight), without expanding or sorting a million weights.
 *
 * @example
 * groupedWeightDiagnostics([2, 1], [1, 3]).median; // the weights 1, 1, 1, 2: median 1
 */
export function groupedWeightDiagnostics(counts: ArrayLike<number>, values: ArrayLike<number>): WeightDiagnostics {
  const m = values.length;
  let n = 0;
  let sum = 0;
  let sumSq = 0;
  for (let c = 0; c < m; c++) {
    n += counts[c];
    sum += counts[c] * values[c];
    sumSq += counts[c] * values[c] * values[c];
  }
  if (n === 0) return { n: 0, sum: 0, min: NaN, median: NaN, max: NaN, deff: NaN, effectiveN: 0 };
  const order = Array.from({ length: m }, (_, c) => c)
    .filter((c) => counts[c] > 0)
    .sort((a, b) => values[a] - values[b]);
  /** The k-th smallest weight (0-based). */
  const kth = (k: number): number => {
    let seen = 0;
    for (const c of order) {
      seen += counts[c];
      if (k < seen) return values[c];
    }
    return values[order[order.length - 1]];
  };
  const median = n % 2 === 1 ? kth((n - 1) / 2) : (kth(n / 2 - 1) + kth(n / 2)) / 2;
  const deff = (n * sumSq) / (sum * sum);
  return {
    n,
    sum,
    min: values[order[0]],
    median,
    max: values[order[order.length - 1]],
    deff,
    effectiveN: (sum * sum) / sumSq,
  };
}
