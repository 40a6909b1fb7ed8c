import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pbeta, pchisq, pf, pnorm, qbeta, qnorm, pt, qt } from "../src/survey/distributions";

/** Values computed by R (scripts/r/estimate-fixtures.R). */
interface DistFixture {
  qnorm: { p: number; value: number }[];
  pnorm: { x: number; value: number; upper: number }[];
  pt: { x: number; df: number; value: number; upper: number }[];
  qt: { p: number; df: number; value: number }[];
  pbeta: { x: number; a: number; b: number; value: number; upper: number }[];
  qbeta: { p: number; a: number; b: number; value: number }[];
  pf: { f: number; df1: number; df2: number; value: number; upper: number }[];
  pchisq: { x: number; df: number; value: number; upper: number }[];
}

const fixture = JSON.parse(
  readFileSync(join(__dirname, "fixtures/estimate/distributions.json"), "utf8"),
) as DistFixture;

/** Relative deviation; values R stores as subnormal (< 1e-300, few significant digits) compare absolutely. */
function rel(actual: number, expected: number): number {
  if (Math.abs(expected) < 1e-300) return Math.abs(actual - expected) < 1e-300 ? 0 : Infinity;
  return Math.abs(actual - expected) / Math.abs(expected);
}

const TOL = 1e-10;

function worst<T>(rows: T[], dev: (r: T) => number): { max: number; at: T | null } {
  let max = 0;
  let at: T | null = null;
  for (const r of rows) {
    const d = dev(r);
    if (!(d <= max)) {
      max = d;
      at = r;
    }
  }
  return { max, at };
}

describe("distributions match R to 1e-10 relative", () => {
  it("qnorm", () => {
    const w = worst(fixture.qnorm, (r) => rel(qnorm(r.p), r.value));
    expect(w.max, JSON.stringify(w.at)).toBeLessThan(TOL);
  });
  it("pnorm (both tails)", () => {
    const w = worst(fixture.pnorm, (r) => Math.max(rel(pnorm(r.x), r.value), rel(pnorm(r.x, false), r.upper)));
    expect(w.max, JSON.stringify(w.at)).toBeLessThan(TOL);
  });
  it("pt (both tails)", () => {
    const w = worst(fixture.pt, (r) => Math.max(rel(pt(r.x, r.df), r.value), rel(pt(r.x, r.df, false), r.upper)));
    expect(w.max, JSON.stringify(w.at)).toBeLessThan(TOL);
  });
  it("qt", () => {
    const w = worst(fixture.qt, (r) => rel(qt(r.p, r.df), r.value));
    expect(w.max, JSON.stringify(w.at)).toBeLessThan(TOL);
  });
  it("pbeta (both tails)", () => {
    const w = worst(fixture.pbeta, (r) =>
      Math.max(rel(pbeta(r.x, r.a, r.b), r.value), rel(pbeta(r.x, r.a, r.b, false), r.upper)),
    );
    expect(w.max, JSON.stringify(w.at)).toBeLessThan(TOL);
  });
  it("qbeta", () => {
    const w = worst(fixture.qbeta, (r) => rel(qbeta(r.p, r.a, r.b), r.value));
    expect(w.max, JSON.stringify(w.at)).toBeLessThan(TOL);
  });
  it("pf (both tails)", () => {
    const w = worst(fixture.pf, (r) =>
      Math.max(rel(pf(r.f, r.df1, r.df2), r.value), rel(pf(r.f, r.df1, r.df2, false), r.upper)),
    );
    expect(w.max, JSON.stringify(w.at)).toBeLessThan(TOL);
  });
  it("pchisq (both tails), and pf with df2 = Infinity as chi-square / df1", () => {
    const w = worst(fixture.pchisq, (r) =>
      Math.max(rel(pchisq(r.x, r.df), r.value), rel(pchisq(r.x, r.df, false), r.upper)),
    );
    expect(w.max, JSON.stringify(w.at)).toBeLessThan(TOL);
    const v = worst(fixture.pchisq, (r) => rel(pf(r.x / r.df, r.df, Infinity, false), r.upper));
    expect(v.max, JSON.stringify(v.at)).toBeLessThan(TOL);
  });
  it("rejects invalid arguments clearly", () => {
    expect(() => qnorm(1.5)).toThrow(/probability must be in \[0, 1\], got 1.5/);
    expect(() => qt(0.5, 0)).toThrow(/df must be > 0/);
    expect(() => pbeta(0.5, -1, 2)).toThrow(/shape a must be > 0/);
    expect(() => pnorm(NaN)).toThrow(/NaN/);
  });
  it("handles the edges", () => {
    expect(qnorm(0)).toBe(-Infinity);
    expect(qnorm(1)).toBe(Infinity);
    expect(qbeta(0.3, 0, 5)).toBe(0);
    expect(qbeta(0.3, 5, 0)).toBe(1);
    expect(pt(Infinity, 3)).toBe(1);
    expect(qt(0.975, Infinity)).toBeCloseTo(1.959963984540054, 14);
  });
});
