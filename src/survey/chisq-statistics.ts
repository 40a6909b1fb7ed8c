/**
 * The p-values of R's `svychisq` statistics: the Rao–Scott F and chi-squared, the design-based Wald tests and the
 * saddlepoint approximation to the distribution of Pearson's X² (R's `pFsum`, `pchisqsum`, `saddle`).
 */

import { pchisq, pf, pnorm } from "./distributions";
import { cholesky, solveSymmetric } from "./linalg";

/** R's `svychisq(statistic =)`. */
export type ChisqStatistic = "F" | "Chisq" | "Wald" | "adjWald" | "lincom" | "saddlepoint";
export const CHISQ_STATISTICS: readonly ChisqStatistic[] = ["F", "Chisq", "Wald", "adjWald", "lincom", "saddlepoint"];

/** A test's statistic, reference degrees of freedom and p-value. */
export interface ChisqOutcome {
  f: number;
  ndf: number;
  ddf: number;
  p: number;
}

/**
 * A statistic from the design-effect matrix Δ = A⁻¹B (d×d; A `denom`, B `numr`) and Pearson's X²: "F" (X²/tr Δ on
 * (d0, d0·ν)), "Chisq" (X²/mean(diag Δ) on χ²_d), "lincom" and "saddlepoint" (X² against Σ δ_j χ²_1, over χ²_ν/ν
 * when `linearised`, by R's saddlepoint; R's "lincom" is exact with CompQuadForm and this saddlepoint without it, as
 * in the fixtures' R). `f` is X²/tr Δ for all of them.
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
  // the satterthwaite guess is R's fallback when the saddlepoint is NA
  const sat = pf(f, d0, ddf, false);
  const copies = Math.max(1, Math.floor(ddf));
  const s = linearised
    ? saddle(0, [...lambda, -chisq / ddf], [...lambda.map(() => 1), copies])
    : saddle(
        chisq,
        lambda,
        lambda.map(() => 1),
      );
  return { f, ndf: d, ddf, p: Number.isNaN(s) ? sat : s };
}

/**
 * The Wald tests of R's svychisq: Y = cell totals − row total · column total / N on the cells of rows and columns
 * after the first, V their covariance (by the linearisation R takes), ν the design's degrees of freedom.
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

/** Eigenvalues of Δ = A⁻¹B (A symmetric positive definite, B symmetric): those of L⁻¹BL⁻ᵀ, A = LLᵀ, by Jacobi. */
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
  const s = lower(Float64Array.from({ length: d * d }, (_, k) => m[(k % d) * d + Math.floor(k / d)]));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < d; i++) for (let j = i + 1; j < d; j++) off += s[i * d + j] ** 2;
    if (off < 1e-30) break;
    for (let i = 0; i < d; i++) for (let j = i + 1; j < d; j++) rotate(s, d, i, j);
  }
  return Array.from({ length: d }, (_, i) => s[i * d + i]);
}

/** One Jacobi rotation zeroing s[i][j] of the symmetric matrix `s`. */
function rotate(s: Float64Array, d: number, i: number, j: number): void {
  const sij = s[i * d + j];
  if (Math.abs(sij) < 1e-300) return;
  const theta = (s[j * d + j] - s[i * d + i]) / (2 * sij);
  const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const [cos, sin] = [1 / Math.sqrt(t * t + 1), t / Math.sqrt(t * t + 1)];
  for (let k = 0; k < d; k++) {
    const [ski, skj] = [s[k * d + i], s[k * d + j]];
    s[k * d + i] = cos * ski - sin * skj;
    s[k * d + j] = sin * ski + cos * skj;
  }
  for (let k = 0; k < d; k++) {
    const [sik, sjk] = [s[i * d + k], s[j * d + k]];
    s[i * d + k] = cos * sik - sin * sjk;
    s[j * d + k] = sin * sik + cos * sjk;
  }
}

/**
 * R's `saddle(x, lambda)` with each λ_j taken `copies_j` times: P(Σ λ_j χ²_1 > x) by Lugannani–Rice; NaN where R gives
 * NA (the saddlepoint ζ within 1e-4 of 0).
 */
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
