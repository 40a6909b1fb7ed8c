/**
 * Estimates against R's survey 4.1.1 on its own examples (test/fixtures/api-examples): every statistic of svychisq
 * on linearised and replicate designs, covariances of estimates (svyby covmat, vcov of several means), svyby's
 * drop.empty.groups, the extractors (cv, coef, SE, confint) and the fixtures of ?svyciprop, ?subset and ?update that
 * no other test covers; estimates to 1e-8 relative, SEs to 1e-6, degrees of freedom exactly.
 */

import { afterAll, describe, expect, it } from "vitest";
import { DataError, qnorm, svyby, svychisq, svyciprop, svymean, svyvcov, type SurveyDesign } from "../src/survey";
import { check, design, expected, fixture, rel, worst, type Json } from "./helpers/api-fixtures";

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
  it("the statistic is checked: a misspelled option or an unknown statistic is a DataError naming it", () => {
    const des = design(expected.designs.dclus1.spec);
    expect(() => svychisq(des, "sch.wide", "stype", { statistc: "F" } as never)).toThrow(/did you mean "statistic"/);
    expect(() => svychisq(des, "sch.wide", "stype", { statistic: "wald" } as never)).toThrow(DataError);
    expect(() => svychisq(des, "sch.wide", "stype", { statistic: "wald" } as never)).toThrow(/"Wald", "adjWald"/);
  });
});

/** The covariance matrix against R's, every entry to 1e-6 of the larger diagonal entry of its row and column. */
function checkVcov(id: string, got: number[][], want: number[][]): void {
  expect(got.length).toBe(want.length);
  want.forEach((row, a) =>
    row.forEach((v, b) => {
      const e = Math.abs(got[a][b] - v) / Math.sqrt(want[a][a] * want[b][b]);
      worst.se = Math.max(worst.se, e);
      expect(e, `${id} vcov ${a},${b}`).toBeLessThan(1e-6);
    }),
  );
}

/** svyvcov of a svymean/svytotal/svyby call: the call's numeric columns, its FUN, its by columns. */
function vcovOf(des: SurveyDesign, call: Json): ReturnType<typeof svyvcov> {
  const columns = call.vars.map((v: Json) => v.column);
  const by = call.by?.map((b: Json) => b.column);
  return svyvcov(des, columns, { fun: call.FUN ?? call.fun, by });
}

export const VCOV = [
  "vcov-svymean-jkstrat-api00-api99",
  "svyby-rclus1-api99-stype-covmat",
  "svyby-dclus1-enroll-stype-total-covmat",
  "svyby-dstrat-api00-compimp-covmat",
  "update-dstrat-mean-api99-api00-apidiff",
];

describe("svyvcov: the covariance of several estimates, as R's vcov(svymean(~a + b)) and svyby(covmat = TRUE)", () => {
  for (const id of VCOV)
    it(id, () => {
      const f = fixture(id);
      const call = f.estimate.of ?? f.estimate;
      const { items, vcov } = vcovOf(design(f.design), call);
      checkVcov(id, vcov, f.result.matrix ?? f.result.vcov);
      items.forEach((item, k) => close(item.estimate.se ** 2, vcov[k][k], 1e-10, `${id} se² = vcov ${k}`, true));
      if (f.result.row_names) expect(items.map((i) => Object.values(i.labels).join("."))).toEqual(f.result.row_names);
      f.result.estimate?.forEach((e: number, k: number) => close(items[k].estimate.value, e, 1e-8, `${id} ${k}`));
    });
  it("svyvcov's options are checked; a factor column is a DataError", () => {
    const des = design(expected.designs.dclus1.spec);
    expect(() => svyvcov(des, ["api00"], { fun: "svyratio" } as never)).toThrow(/column "fun".*svyvcov/);
    expect(() => svyvcov(des, ["api00"], { by: "stype", covmat: true } as never)).toThrow(/no option "covmat"/);
    expect(() => svyvcov(des, ["stype"])).toThrow(/svyvcov: "stype" is a factor/);
    expect(() => svyvcov(des, ["acs.k3"])).toThrow(/row \d+, column "acs.k3"/);
  });
});

describe("svyby's dropEmptyGroups: false (R's drop.empty.groups = FALSE), and the options checked", () => {
  it("svyby-dclus1-empty-groups-kept", () => {
    const f = fixture("svyby-dclus1-empty-groups-kept");
    const by = f.estimate.by.map((b: Json) => b.column);
    const groups = svyby(design(f.design), by, (g) => svymean(g, "api00"), { dropEmptyGroups: false });
    const named = new Map(groups.map((g) => [Object.values(g.labels).join("."), g.result]));
    expect([...named.keys()].sort()).toEqual([...f.result.row_names].sort());
    f.result.row_names.forEach((row: string, k: number) => {
      const e = named.get(row)!;
      if (f.result.estimate[k] === null) return expect(e).toBeNull();
      close(e!.value, f.result.estimate[k], 1e-8, `${row} estimate`);
      close(e!.se, f.result.se[k], 1e-6, `${row} se`, true);
    });
  });
  it("misspelled or wrong-kind options are DataErrors naming them", () => {
    const des = design(expected.designs.dclus1.spec);
    expect(() => svyby(des, "stype", (g) => g.n, { dropEmpty: false } as never)).toThrow(
      /svyby has no option "dropEmpty"/,
    );
    expect(() => svyby(des, "stype", (g) => g.n, { dropEmptyGroups: "no" } as never)).toThrow(/not true or false/);
  });
});

describe("R's extractors through the Estimate's fields: cv, coef, SE (test/api-designs), confint with and without df", () => {
  it("confint-svymean-dclus1-api00-df: ciLow/ciHigh (t on the design's degrees of freedom)", () => {
    const f = fixture("confint-svymean-dclus1-api00-df");
    const e = svymean(design(f.design), "api00");
    expect(e.df).toBe(f.estimate.extract_args.df.value);
    close(e.ciLow, f.result.matrix[0][0], 1e-8, "low");
    close(e.ciHigh, f.result.matrix[0][1], 1e-8, "high");
  });
  it("confint-svymean-dclus1-api00: R's default is the normal interval, value ± qnorm(0.975) · se", () => {
    const f = fixture("confint-svymean-dclus1-api00");
    const e = svymean(design(f.design), "api00");
    close(e.value - qnorm(0.975) * e.se, f.result.matrix[0][0], 1e-8, "low");
    close(e.value + qnorm(0.975) * e.se, f.result.matrix[0][1], 1e-8, "high");
  });
  it("svymean-dclus1-acs.k3-na: R gives NA; the engine a DataError naming row and column", () => {
    const f = fixture("svymean-dclus1-acs.k3-na");
    expect(f.result.estimate).toEqual([null]);
    expect(() => svymean(design(f.design), "acs.k3")).toThrow(DataError);
  });
});

export const CIPROP = [
  "svyciprop-dclus1-ell0-lo",
  "svyciprop-dclus1-ell0-be",
  "svyciprop-dclus1-ell0-lo-df",
  "svyciprop-dstrat-schwide-logit",
  "svyciprop-dstrat-schwide-beta",
  "svyciprop-dclus2-ell0-logit",
  "svyciprop-subset-dstrat-E-logit",
  "subset-dclus1-svyciprop-beta",
];

describe("svyciprop of I(x == value): logit and beta intervals, df = degf(design) (R's default)", () => {
  for (const id of CIPROP)
    it(id, () => {
      const f = fixture(id);
      const { column, op, value } = f.estimate.vars[0].derive;
      expect(op).toBe("==");
      const ci = f.estimate.method === "be" || f.estimate.method === "beta" ? "beta" : "logit";
      const e = svyciprop(design(f.design), column, [value], { ci });
      const r = f.result;
      close(e.value, r.estimate, 1e-8, "estimate");
      close(e.se, r.se, 1e-6, "se", true);
      close(e.ciLow, r.ci[0], 1e-6, "ci low");
      close(e.ciHigh, r.ci[1], 1e-6, "ci high");
      expect(e.df).toBe(f.estimate.df?.value ?? r.degf);
    });
});

export const SUBSET_UPDATE = [
  "subset-dclus1-enroll-schwide-compimp",
  "subset-dclus1-degf",
  "subset-dclus1-total-enroll",
  "subset-dstrat-ell60-mean-api00",
  "subset-dstrat-ell60-degf",
  "subset-dstrat-in-total-enroll",
  "subset-dstrat-stype-E-mean-api00",
  "subset-dclus2-E-mean-api00",
  "update-dstrat-mean-api99-api00-apidiff",
  "update-dclus1u-mean-apidiff",
];

describe("subset and update, as R's subset.survey.design and update.survey.design", () => {
  for (const id of SUBSET_UPDATE) it(id, () => check(id));
});
