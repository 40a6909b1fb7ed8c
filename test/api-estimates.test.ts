/**
 * Estimates against R's survey 4.1.1 on its own examples (test/fixtures/api-examples): every statistic of svychisq
 * on linearised and replicate designs, covariances of estimates (svyby covmat, vcov of several means), svyby's
 * drop.empty.groups, the extractors (cv, coef, SE, confint) and the fixtures of ?svyciprop, ?subset and ?update that
 * no other test covers; estimates to 1e-8 relative, SEs to 1e-6, degrees of freedom exactly.
 */

import { afterAll, describe, expect, it } from "vitest";
import { DataError, svychisq } from "../src/survey";
import { design, expected, fixture, rel, worst, type Json } from "./helpers/api-fixtures";

afterAll(() => console.log(`api-estimates: max relative error estimate ${worst.estimate}, SE ${worst.se}`));

const close = (got: number, want: number, tolerance: number, what: string, se = false): void => {
  const e = want === 0 ? Math.abs(got) : rel(got, want);
  if (se) worst.se = Math.max(worst.se, e);
  else worst.estimate = Math.max(worst.estimate, e);
  expect(e, what).toBeLessThan(tolerance);
};

export const CHISQ = [
  "svychisq-dclus1-adjWald",
  "svychisq-rclus1-adjWald",
  "svychisq-dclus1-Chisq",
  "svychisq-dclus1-Wald",
  "svychisq-dclus1-lincom",
  "svychisq-dclus1-saddlepoint",
  "svychisq-rclus1-Chisq",
  "svychisq-rclus1-Wald",
  "svychisq-dstrat-schwide-stype-Chisq",
  "svychisq-dclus1-F",
  "svychisq-rclus1-F",
];

describe("svychisq's statistics as R: F, Chisq, Wald, adjWald, lincom, saddlepoint", () => {
  for (const id of CHISQ)
    it(id, () => {
      const f = fixture(id);
      const [a, b] = f.estimate.vars as Json[];
      const statistic = f.estimate.statistic ?? "F";
      const t = svychisq(design(f.design), a.column, b.column, { statistic });
      const r = f.result;
      expect(t.statistic).toBe(statistic);
      expect([t.rowLabels, t.colLabels]).toEqual([a.levels, b.levels]);
      close(r.statistic_name === "F" ? t.f : t.chisq, r.statistic, 1e-8, `${id} statistic`);
      if (r.parameter?.ndf !== undefined) {
        close(t.ndf, r.parameter.ndf, 1e-8, `${id} ndf`);
        close(t.ddf, r.parameter.ddf, 1e-8, `${id} ddf`);
      }
      if (r.parameter?.df !== undefined) expect([t.ndf, t.ddf]).toEqual([r.parameter.df, Infinity]);
      close(t.p, r.p_value, 1e-6, `${id} p`, true);
    });
});
