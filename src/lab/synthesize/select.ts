/** Which respondents give an answer: the highest model scores up to a weighted share (or exact count). */

import { AREAS } from "../../codebook";

/** The row indices 0 … n−1. @example range(3) // [0, 1, 2] */
export function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/** The sum of the weights of some rows. @example weightSum([0, 2], Float64Array.from([1, 5, 2])) // 3 */
export function weightSum(rows: Iterable<number>, w: Float64Array): number {
  let s = 0;
  for (const i of rows) s += w[i];
  return s;
}

/**
 * Rows sorted by descending score (ties by row index, so the order is deterministic).
 * @example byScore([0, 1, 2], (i) => [1, 3, 2][i]) // [1, 2, 0]
 */
export function byScore(rows: readonly number[], score: (i: number) => number): number[] {
  const s = new Map<number, number>();
  for (const i of rows) s.set(i, score(i));
  return [...rows].sort((a, b) => (s.get(b) as number) - (s.get(a) as number) || a - b);
}

/**
 * The top-scoring rows while their weight sum plus half the next row's stays within `targetWeight`.
 * @example selectWeighted([0, 1, 2], (i) => -i, Float64Array.from([1, 1, 1]), 2) // Set {0, 1}
 */
export function selectWeighted(
  rows: readonly number[],
  score: (i: number) => number,
  w: Float64Array,
  targetWeight: number,
): Set<number> {
  const chosen = new Set<number>();
  let sum = 0;
  for (const i of byScore(rows, score)) {
    if (sum + w[i] / 2 > targetWeight) break;
    chosen.add(i);
    sum += w[i];
  }
  return chosen;
}

/**
 * Exactly `count` rows, the top by score + λ·log(w), λ bisected to bring their weight share to `targetShare`.
 * @example selectCountAndShare(rows, score, w, 2464, 0.6).size // 2464
 */
export function selectCountAndShare(
  rows: readonly number[],
  score: (i: number) => number,
  w: Float64Array,
  count: number,
  targetShare: number,
): Set<number> {
  const totalWeight = rows.reduce((a, i) => a + w[i], 0);
  const pick = (lambda: number): { set: Set<number>; share: number } => {
    const top = byScore(rows, (i) => score(i) + lambda * Math.log(w[i])).slice(0, count);
    const share = top.reduce((a, i) => a + w[i], 0) / totalWeight;
    return { set: new Set(top), share };
  };
  let lo = -20;
  let hi = 20;
  let best = pick(0);
  for (let iter = 0; iter < 60; iter++) {
    const mid = (lo + hi) / 2;
    const r = pick(mid);
    if (Math.abs(r.share - targetShare) < Math.abs(best.share - targetShare)) best = r;
    if (r.share < targetShare) lo = mid;
    else hi = mid;
  }
  return best.set;
}

/**
 * Moves single areas between same-size firms of closest weight until `excess` (firms with any area) is 0.
 * @example fixUnionCount(relevant, large, w, isLarge, areaCount, unionCount() - 1372)
 */
export function fixUnionCount(
  relevant: readonly number[],
  large: Record<string, Set<number>>,
  w: Float64Array,
  isLarge: (i: number) => boolean,
  areaCount: (i: number) => number,
  excess: number,
): void {
  let remaining = excess;
  let guard = 0;
  while (remaining !== 0) {
    if (++guard > 5000) throw new Error(`synthesizePanel: could not reach the potential count (off by ${remaining})`);
    let best: { area: string; from: number; to: number; diff: number } | null = null;
    for (const a of AREAS) {
      const set = large[a.key];
      // Shrinking: take the area from a firm with exactly one area, give it to a firm that has others.
      // Growing: take it from a firm with several areas, give it to a firm with none.
      const donors = relevant.filter((i) => set.has(i) && (remaining > 0 ? areaCount(i) === 1 : areaCount(i) >= 2));
      const takers = relevant.filter((i) => !set.has(i) && (remaining > 0 ? areaCount(i) >= 1 : areaCount(i) === 0));
      for (const from of donors) {
        for (const to of takers) {
          if (isLarge(from) !== isLarge(to)) continue;
          const diff = Math.abs(w[from] - w[to]);
          if (best === null || diff < best.diff) best = { area: a.key, from, to, diff };
        }
      }
    }
    if (best === null)
      throw new Error(`synthesizePanel: no swap left to fix the potential count (off by ${remaining})`);
    large[best.area].delete(best.from);
    large[best.area].add(best.to);
    remaining += remaining > 0 ? -1 : 1;
  }
}
