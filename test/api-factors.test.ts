/**
 * Factors and missing values against R's survey 4.1.1 on its own examples (test/fixtures/api-examples): text columns
 * as factors (svymean/svytotal per level, interaction()), subset by labels, svyby keys and svychisq levels as labels,
 * na.rm; estimates to 1e-8 relative, SEs to 1e-6, degrees of freedom exactly.
 */

import { afterAll, describe, expect, it } from "vitest";
import {
  DataError,
  levelsOf,
  subset,
  svyby,
  svychisq,
  svyciprop,
  svydesign,
  svymean,
  svytotal,
  update,
  type Estimate,
  type SurveyDesign,
} from "../src/survey";
import { degf } from "../src/survey/svydesign";
import { check, design, expected, fixture, rel, table, worst, type Json } from "./helpers/api-fixtures";

afterAll(() => console.log(`api-factors: max relative error estimate ${worst.estimate}, SE ${worst.se}`));

const close = (got: number, want: number, tolerance: number, what: string, se = false): void => {
  const e = want === 0 ? Math.abs(got) : rel(got, want);
  if (se) worst.se = Math.max(worst.se, e);
  else worst.estimate = Math.max(worst.estimate, e);
  expect(e, what).toBeLessThan(tolerance);
};

export const ESTIMATES = [
  "svymean-dclus1-stype",
  "svymean-dclus1-factor-stype",
  "svymean-dclus1-interaction-stype-compimp",
  "svytotal-dclus1-stype",
  "svymean-dstrat-stype-schwide",
  "svymean-dstrat-schwide",
  "svytotal-dstrat-schwide-api00",
  "svytotal-dclus2-stype",
  "as.svrepdesign-dclus2-total-api00-stype",
  "subset-dclus1-mean-stype",
  "update-dclus1u-mean-high",
  "svymean-dclus1-acs.k3-narm",
  "svytotal-dclus1-acs.k3-narm",
  "svymean-dstrat-acs.k3-api00-narm",
  "svymean-dclus2-enroll-narm",
  "svydesign-dclus2-total-enroll-narm",
  "subset-dclus2-E-total-enroll-narm",
];

describe("svymean/svytotal of a factor give each level's share/total; na.rm as R", () => {
  for (const id of ESTIMATES) it(id, () => check(id));
  it("update-dclus1u-svyciprop-high: svyciprop of a factor's level by its label", () => {
    const f = fixture("update-dclus1u-svyciprop-high");
    const e = svyciprop(design(f.design), "high", ["TRUE"]);
    close(e.value, f.result.estimate, 1e-8, "estimate");
    close(e.se, f.result.se, 1e-6, "se", true);
    close(e.ciLow, f.result.ci[0], 1e-6, "ci low");
    close(e.ciHigh, f.result.ci[1], 1e-6, "ci high");
    expect(e.df).toBe(f.result.degf);
  });
});

/** svyby's estimates in R's coefficient order: each variable (a factor: each level), then each group. */
function checkBy(id: string): void {
  const f = fixture(id);
  const call = f.estimate;
  const r = f.result;
  const des = design(f.design);
  const fun = (g: SurveyDesign, v: Json): Estimate[] => {
    const o = call.na_rm ? { naRm: true } : {};
    if (v.type === "numeric")
      return [call.FUN === "svymean" ? svymean(g, v.column, o) : svytotal(g, v.column, undefined, o)];
    const levels =
      call.FUN === "svymean" ? svymean(g, v.column, { levels: true }) : svytotal(g, v.column, { levels: true });
    return levels.map((l) => l.estimate);
  };
  const groups = svyby(des, call.by.map((b: Json) => b.column) as string[], (g) =>
    call.vars.map((v: Json) => fun(g, v)),
  );
  // the engine orders groups by the first by column first; R by the last: match them by their labels
  const named = new Map(groups.map((g) => [Object.values(g.labels).join("."), g.result]));
  expect([...named.keys()].sort()).toEqual([...r.row_names].sort());
  const got: Estimate[] = [];
  call.vars.forEach((v: Json, j: number) => {
    const levels = v.type === "numeric" ? 1 : v.levels.length;
    for (let l = 0; l < levels; l++) for (const row of r.row_names) got.push(named.get(row)![j][l]);
  });
  expect(got.length).toBe(r.estimate.length);
  got.forEach((e, i) => {
    close(e.value, r.estimate[i], 1e-8, `${id} estimate ${i}`);
    if (r.se !== undefined) close(e.se, r.se[i], 1e-6, `${id} se ${i}`, true);
  });
}

export const BY = [
  "svyby-dclus1-api99-stype-mean",
  "svyby-dclus1-api99-schooltype-label",
  "svyby-dclus1-api99-api00-stype-schwide-nokeep",
  "svyby-dclus1-empty-groups",
  "svyby-dclus1-schwide-stype-mean",
  "svyby-dclus1-stype-compimp-total",
  "svyby-dstrat-api00-schwide-mean",
  "svyby-dstrat-api00-stype-mean",
  "svyby-dstrat-enroll-schwide-total-ci",
  "svyby-dclus1-acs.k3-stype-narm",
  "svyby-dclus2-api00-stype-mean",
  "update-dclus1u-svyby-apidiff-stype",
];

describe("svyby by factors: groups in level order, labelled", () => {
  for (const id of BY) it(id, () => checkBy(id));
  it("keys keep the level codes, labels the labels", () => {
    const groups = svyby(design(expected.designs.dclus1.spec), ["stype"], (g) => g.n);
    expect(groups.map((g) => [g.key.stype, g.labels.stype])).toEqual([
      [1, "E"],
      [2, "H"],
      [3, "M"],
    ]);
  });
});

export const CHISQ = [
  "svychisq-dclus1-F",
  "svychisq-dstrat-schwide-compimp-F",
  "svychisq-dstrat-schwide-stype-F",
  "svychisq-dclus2-schwide-stype-F",
  "svychisq-subset-dstrat-schwide-compimp",
];

describe("svychisq of factors, with the labels of their levels", () => {
  for (const id of CHISQ)
    it(id, () => {
      const f = fixture(id);
      const [a, b] = f.estimate.vars as Json[];
      const t = svychisq(design(f.design), a.column, b.column);
      expect([t.rowLabels, t.colLabels]).toEqual([a.levels, b.levels]);
      close(t.f, f.result.statistic, 1e-6, "F");
      close(t.ndf, f.result.parameter.ndf, 1e-6, "ndf");
      close(t.ddf, f.result.parameter.ddf, 1e-6, "ddf");
      close(t.p, f.result.p_value, 1e-6, "p");
    });
});

describe("factors in designs and verbs", () => {
  const data = table("apistrat");
  it("a factor keeps R's level order; levels: gives another; a label outside them is a DataError", () => {
    const des = svydesign({ data, strata: "stype", fpc: "fpc", weights: "pw", source: "apistrat.csv" });
    expect(levelsOf(des, "stype")).toEqual(["E", "H", "M"]);
    expect(des.data.stype[0]).toBe(1);
    const given = svydesign({ data, weights: "pw", levels: { stype: ["M", "H", "E"] } });
    expect(svymean(given, "stype", { levels: true }).map((l) => l.level)).toEqual(["M", "H", "E"]);
    expect(() => svydesign({ data, levels: { type: ["E"] } })).toThrow(/column "type": levels: there is no column/);
    expect(() => svydesign({ data, levels: { stype: ["E", "H"] }, source: "apistrat.csv" })).toThrow(
      /apistrat\.csv, row \d+, column "stype": "M" is not one of the levels given/,
    );
  });
  it("a coded numeric column stays numeric (the mean of codes, as R); levels: true is R's factor(x)", () => {
    const coded = { ...data, code: (data.stype as string[]).map((s) => ["E", "H", "M"].indexOf(s) + 1) };
    const des = svydesign({ data: coded, strata: "stype", fpc: "fpc", weights: "pw" });
    expect(svymean(des, "code").value).toBeGreaterThan(1);
    const asFactor = svymean(des, "code", { levels: true });
    const fromText = svymean(des, "stype", { levels: true });
    expect(asFactor.map((l) => l.level)).toEqual(["1", "2", "3"]);
    asFactor.forEach((l, k) => expect(l.estimate.value).toBeCloseTo(fromText[k].estimate.value, 14));
  });
  it("subset takes labels for a factor; numbers for a factor or labels for a number are DataErrors", () => {
    const des = design(expected.designs.dstrat.spec);
    const eh = subset(des, { stype: ["E", "H"] });
    expect(eh.domainLabel).toEqual(["stype ∈ {E, H}"]);
    const want = expected.designs.subset_dstrat_stype_ne_H.spec.domain_rows_zero_based as number[];
    const em = subset(des, { stype: ["E", "M"] });
    expect(Array.from(em.domain!).flatMap((v, i) => (v ? [i] : []))).toEqual(want);
    expect(() => subset(des, { stype: [1] })).toThrow(/column "stype".*"stype" is a factor: give its labels/);
    expect(() => subset(des, { stype: ["X"] })).toThrow(/"X" is not a level of stype; expected one of E, H, M/);
    expect(() => subset(des, { api00: ["E"] })).toThrow(/"api00" is numeric/);
  });
  it("svymean/svytotal of a factor without levels: true is a DataError naming the option", () => {
    const des = design(expected.designs.dclus1.spec);
    expect(() => svymean(des, "stype")).toThrow(DataError);
    expect(() => svymean(des, "stype")).toThrow(/svymean: "stype" is a factor \(E, H, M\).*\{ levels: true \}/);
    expect(() => svytotal(des, "stype")).toThrow(/svytotal: "stype" is a factor/);
    expect(() => svytotal(des, "stype", ["E"], { levels: true } as object)).toThrow(/codes or levels: true, not both/);
    expect(() => svymean(des, "stype", { levels: "yes" } as never)).toThrow(/column "levels".*not true or false/);
    expect(svytotal(des, "stype", ["E", "H"]).value).toBeCloseTo(
      svytotal(des, "stype", { levels: true })
        .slice(0, 2)
        .reduce((s, l) => s + l.estimate.value, 0),
      6,
    );
  });
  it("a missing value in the domain stays a DataError naming row and column; naRm drops it; naRm is checked", () => {
    const des = design(expected.designs.dclus1.spec);
    expect(() => svymean(des, "acs.k3")).toThrow(
      /apiclus1, row \d+, column "acs.k3": value is empty inside the domain/,
    );
    expect(svymean(des, "acs.k3", { naRm: true }).df).toBe(degf(des));
    expect(() => svymean(des, "acs.k3", { naRM: true } as object)).toThrow(
      /no option "naRM" \(did you mean "naRm"\?\)/,
    );
    expect(() => svymean(des, "acs.k3", { naRm: 1 } as object)).toThrow(/column "naRm".*not true or false/);
  });
  it("update with text makes a factor; replacing it with numbers makes it numeric again", () => {
    const des = design(expected.designs.dclus1.spec);
    const big = update(des, {
      big: Array.from(des.data.enroll, (v) => (v === null ? null : v > 500 ? "big" : "small")),
    });
    expect(levelsOf(big, "big")).toEqual(["big", "small"]);
    expect(levelsOf(update(big, { big: big.data.enroll }), "big")).toBeNull();
  });
  it("strata given as several columns are their interaction (R's strata = ~a + b), as one column of it", () => {
    const both = svydesign({ data, strata: ["stype", "sch.wide"], weights: "pw" });
    const combined = (data.stype as string[]).map((s, i) => `${s}.${data["sch.wide"][i]}`);
    const one = svydesign({ data: { ...data, st: combined }, strata: "st", weights: "pw" });
    const [a, b] = [svymean(both, "api00"), svymean(one, "api00")];
    expect(a.se).toBeCloseTo(b.se, 12);
    expect(a.df).toBe(b.df);
    expect(both.sampling!.stages[0].strata).toContain("stype + sch.wide = H.No");
  });
  it("ids and strata as text; clusters across strata name the label; pps is refused naming the option", () => {
    const des = svydesign({ data, ids: "dnum", strata: "stype", nest: true, weights: "pw" });
    expect(degf(des)).toBe(fixture("svydesign-dstratclus-degf").result.values[0]);
    const textIds = { ...data, school: (data.dnum as number[]).map((v) => `d${v}`) };
    expect(() => svydesign({ data: textIds, ids: "school", strata: "stype", weights: "pw" })).toThrow(
      /cluster school = d\d+ is in more than one stratum of stype/,
    );
    expect(() => svydesign({ data, weights: "pw", pps: "brewer" } as never)).toThrow(/column "pps".*not supported/);
    expect(() => svydesign({ data: { x: [1, "a"] } as never })).toThrow(/column "x": column mixes numbers and text/);
  });
});
