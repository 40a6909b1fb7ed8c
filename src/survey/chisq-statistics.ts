/** The p-values of R's `svychisq` statistics: Rao–Scott F and χ², the Wald tests, R's `pFsum`/`saddle`. */

import { pchisq, pf, pnorm } from "./distributions";
import { cholesky, jacobiEigen, solveSymmetric } from "./linalg";

/** R's `svychisq(statistic =)`. */
export type ChisqStatistic = "F" | "Chisq" | "Wald" | "adjWald" | "lincom" | "saddlepoint";
export const CHISQ_STATISTICS: readonly ChisqStatistic[] = ["F", "Chisq", "Wald", "adjWald", "lincom", "saddlepoint"];

interface ChisqOutcome {
  f: number;
  ndf: number;
  ddf: number;
  p: number;
}

/**
 * A statistic from Δ = A⁻¹B (A `denom`, B `numr`) and X²: "F" on (d0, d0·ν), "Chisq", "lincom"/"saddlepoint" by R's
 * saddlepoint (over χ²_ν/ν when `linearised`).
 * @example deltaOutcome("Chisq", 11.9, Float64Array.from([1, 0, 0, 1]), Float64Array.from([2, 0, 0, 2]), 2, 14, true).p
 */
export function deltaOutcome(
  statistic: ChisqStatistic,
  chisq: number,
  denom: Float64Array,
  numr: Float64Array,
  d: number,
  nu: number,
  linearised: boolean,
): ChisqOutcome {
  const delta = solveSymmetric(denom, numr, d, d);
  let [trace, trace2] = [0, 0];
  for (let i = 0; i < d; i++) {
    trace += delta[i * d + i];
    for (let j = 0; j < d; j++) trace2 += delta[i * d + j] * delta[j * d + i];
  }
  const d0 = (trace * trace) / trace2;
  const f = chisq / trace;
  if (statistic === "F") return { f, ndf: d0, ddf: d0 * nu, p: pf(f, d0, d0 * nu, false) };
  if (statistic === "Chisq") return { f, ndf: d, ddf: Infinity, p: pchisq(chisq / (trace / d), d, false) };
  const ddf = linearised ? d0 * nu : Infinity;
  const lambda = eigenvalues(denom, numr, d);
  // R's fallback when the saddlepoint is NA
  const sat = pf(f, d0, ddf, false);
  const copies = Math.max(1, Math.floor(ddf));
  const ones = lambda.map(() => 1);
  const s = linearised ? saddle(0, [...lambda, -chisq / ddf], [...ones, copies]) : saddle(chisq, lambda, ones);
  return { f, ndf: d, ddf, p: Number.isNaN(s) ? sat : s };
}

/**
 * The Wald tests of R's svychisq on Y = p − rowP · colP of the cells after the first row and column, V its covariance.
 * @example waldOutcome("Wald", y, v, 2, 3, 14).p
 */
export function waldOutcome(
  statistic: "Wald" | "adjWald",
  y: ArrayLike<number>,
  v: number[][],
  nr: number,
  nc: number,
  nu: number,
): ChisqOutcome {
  const use: number[] = [];
  for (let c = 1; c < nc; c++) for (let r = 1; r < nr; r++) use.push(r + nr * c);
  const m = use.length;
  const a = Float64Array.from(use.flatMap((i) => use.map((j) => v[i][j])));
  const x = solveSymmetric(
    a,
    Float64Array.from(use, (i) => y[i]),
    m,
    1,
  );
  const stat = use.reduce((s, i, k) => s + y[i] * x[k], 0);
  const ddf = statistic === "Wald" ? nu : nu - m + 1;
  const f = statistic === "Wald" ? stat / m : (stat * ddf) / (m * nu);
  return { f, ndf: m, ddf, p: pf(f, m, ddf, false) };
}

/** Eigenvalues of Δ = A⁻¹B (A symmetric positive definite, B symmetric): those of L⁻¹BL⁻ᵀ, A = LLᵀ. */
function eigenvalues(a: Float64Array, b: Float64Array, d: number): number[] {
  const { l } = cholesky(a, d);
  // M = L⁻¹ B, then S = L⁻¹ Mᵀ (= L⁻¹ B L⁻ᵀ, B symmetric)
  const lower = (rhs: Float64Array): Float64Array => {
    const x = new Float64Array(d * d);
    for (let c = 0; c < d; c++)
      for (let i = 0; i < d; i++) {
        let t = rhs[i * d + c];
        for (let k = 0; k < i; k++) t -= l[i * d + k] * x[k * d + c];
        x[i * d + c] = t / l[i * d + i];
      }
    return x;
  };
  const m = lower(b);
  const s = jacobiEigen(lower(Float64Array.from({ length: d * d }, (_, k) => m[(k % d) * d + Math.floor(k / d)])), d).a;
  return Array.from({ length: d }, (_, i) => s[i * d + i]);
}

/** R's `saddle(x, lambda)`, λ_j taken `copies_j` times: P(Σ λ_j χ²_1 > x) by Lugannani–Rice; NaN where R gives NA. */
function saddle(x: number, lambda: readonly number[], copies: readonly number[]): number {
  const dmax = Math.max(...lambda);
  const l = lambda.map((v) => v / dmax);
  const xs = x / dmax;
  const sum = (f: (v: number) => number): number => l.reduce((s, v, j) => s + copies[j] * f(v), 0);
  const k0 = (z: number): number => -sum((v) => Math.log(1 - 2 * z * v)) / 2;
  const k1 = (z: number): number => sum((v) => v / (1 - 2 * z * v));
  const k2 = (z: number): number => 2 * sum((v) => (v * v) / (1 - 2 * z * v) ** 2);
  const n = copies.reduce((a, b) => a + b, 0);
  const negative = l.filter((v) => v < 0);
  const lmin =
    negative.length > 0
      ? Math.max(...negative.map((v) => 1 / (2 * v))) * 0.99999
      : xs > sum((v) => v)
        ? -0.01
        : -n / (2 * xs);
  const lmax = Math.min(...l.filter((v) => v > 0).map((v) => 1 / (2 * v))) * 0.99999;
  let [lo, hi] = [lmin, lmax];
  for (let it = 0; it < 200 && hi - lo > 0; it++) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    if (k1(mid) - xs < 0) lo = mid;
    else hi = mid;
  }
  const zeta = (lo + hi) / 2;
  if (Math.abs(zeta) < 1e-4) return NaN;
  const w = Math.sign(zeta) * Math.sqrt(2 * (zeta * xs - k0(zeta)));
  const v = zeta * Math.sqrt(k2(zeta));
  return pnorm(w + Math.log(v / w) / w, false);
}
