/**
 * svydesign against R's survey 4.1.1 on its own examples (test/fixtures/api-examples, written by
 * scripts/r/api-examples.R): strata, fpc as sizes or fractions, probs, weights derived from the fpc,
 * nest, lonely PSUs, two stages; estimates to 1e-8 relative, SEs to 1e-6, degrees of freedom exactly.
 */

import { afterAll, describe, expect, it } from "vitest";
import { asReplicateDesign, DataError, svydesign, svymean } from "../src/survey";
import { check, design, expected, fixtures, table, worst } from "./helpers/api-fixtures";

afterAll(() => console.log(`api-designs: max relative error estimate ${worst.estimate}, SE ${worst.se}`));

export const STRATIFIED = [
  "svydesign-dstrat-mean-api00",
  "svydesign-dstrat-total-enroll",
  "svydesign-dstrat-degf",
  "svydesign-dclus1-mean-api00",
  "svydesign-dclus1-total-enroll",
  "svydesign-dclus1-degf",
  "svydesign-dstratfpc-mean-api00",
  "svydesign-dstratfrac-mean-api00",
  "svydesign-dstratfrac-total-enroll",
  "svydesign-dclus1p-mean-api00",
  "svydesign-dsrs-mean-api00",
  "svydesign-dsrs-total-enroll",
  "svydesign-dsrswr-mean-api00",
  "svydesign-dclus1nw-mean-api00",
  "cv-svytotal-dstrat-enroll",
  "coef-svytotal-dstrat-enroll",
  "SE-svymean-dstrat-enroll",
  "svymean-dclus1-stype",
  "svytotal-dclus1-stype",
  "svymean-dstrat-stype-schwide",
  "svymean-dstrat-schwide",
  "svytotal-dstrat-schwide-api00",
  "svymean-dclus1-acs.k3-narm",
  "svytotal-dclus1-acs.k3-narm",
  "svymean-dstrat-acs.k3-api00-narm",
];

describe("svydesign with strata, fpc (sizes or fractions), probs and derived weights, as R", () => {
  for (const id of STRATIFIED) it(id, () => check(id));
});

export const LONELY = [
  "svydesign-lonely-fail-mean-api00",
  "svydesign-lonely-fail-total-enroll",
  "svydesign-lonely-remove-mean-api00",
  "svydesign-lonely-remove-total-enroll",
  "svydesign-lonely-certainty-mean-api00",
  "svydesign-lonely-certainty-total-enroll",
  "svydesign-lonely-adjust-mean-api00",
  "svydesign-lonely-adjust-total-enroll",
  "svydesign-lonely-average-mean-api00",
  "svydesign-lonely-average-total-enroll",
  "svydesign-lonely-degf",
];

describe("a stratum with one PSU, as R's options(survey.lonely.psu = )", () => {
  for (const id of LONELY) it(id, () => check(id));
  it('"fail" (the default) is a DataError naming the stratum and the stage', () => {
    const des = design(fixtures.get("svydesign-lonely-fail-mean-api00")!.design);
    expect(() => svymean(des, "api00")).toThrow(/stratum stype = H has only one sampling unit at stage 1/);
  });
});

export const MULTISTAGE = [
  "svydesign-dclus2-weights",
  "svydesign-dclus2-mean-api00",
  "svydesign-dclus2-total-api.stu",
  "svydesign-dclus2-total-enroll-narm",
  "svydesign-dclus2-degf",
  "svydesign-dclus2wr-mean-api00",
  "svydesign-dclus2wr2-mean-api00",
  "svydesign-dclus2frac-mean-api00",
  "svydesign-dclus2frac-total-api.stu",
  "svydesign-dstratclus-mean-api00",
  "svydesign-dstratclus-degf",
  "svydesign-nest-missing-error",
  "svymean-dclus2-enroll-narm",
  "svytotal-dclus2-stype",
];

describe("two stages with an fpc per stage (R's svyrecvar recursion), and nest", () => {
  for (const id of MULTISTAGE) it(id, () => check(id));
  it("clusters that cross strata without nest are a DataError naming the cluster and suggesting nest", () => {
    const spec = fixtures.get("svydesign-nest-missing-error")!.estimate.makes_design;
    expect(() => design(spec)).toThrow(/cluster dnum = \d+ is in more than one stratum of stype.*nest: true/);
  });
  it("an fpc for fewer stages than ids is a DataError (R: non-conformable arrays)", () => {
    const spec = { ...expected.designs.dclus2.spec, fpc: ["fpc1"] };
    expect(() => design(spec)).toThrow(/fpc has 1 column\(s\) for 2 stage\(s\)/);
  });
  it("a missing value in the domain stays an error naming row and column (R gives NA)", () => {
    const des = design(fixtures.get("svydesign-dclus2-mean-enroll-na")!.design);
    expect(() => svymean(des, "enroll")).toThrow(/row \d+, column "enroll"/);
  });
});

describe("every option of svydesign is checked: a DataError naming it", () => {
  const data = table("apistrat");
  const make = (args: Record<string, unknown>) => () =>
    svydesign({ data, source: "apistrat.csv", ...args } as Parameters<typeof svydesign>[0]);
  it.each([
    [
      { weight: "pw" },
      /apistrat\.csv, column "weight": svydesign has no option "weight" \(did you mean "weights"\?\); expected one of data, ids/,
    ],
    [{ strata: "stype", lonely: "remove" }, /svydesign has no option "lonely"/],
    [{ weights: "pw", probs: "pw" }, /column "probs".*weights or probs, not both/],
    [{ strata: "stype", nest: "yes" }, /column "nest".*not true or false/],
    [
      { strata: "stype", lonelyPsu: "drop" },
      /column "lonelyPsu".*one of "fail", "remove", "certainty", "adjust", "average"/,
    ],
    [{ ids: ["dnum", "snum"], fpc: 757 }, /column "fpc".*a constant fpc is for a one-stage design/],
    [{ strata: "stype", pps: "brewer" }, /column "pps": svydesign: pps .* is not supported/],
    [{ ids: 3 }, /column "ids".*not a column name/],
    [{ strata: "type" }, /column "type": strata: there is no column "type"/],
    [{ weights: "weight" }, /weights: there is no column "weight"/],
    [{ strata: "stype", fpc: "acs.k3" }, /row 11, column "acs.k3".*population size or sampling fraction on every row/],
    [{ ids: "dnum", strata: "stype" }, /more than one stratum of stype/],
    [{ strata: "stype", fpc: "snum" }, /column "snum".*fpc varies within stratum stype = E at stage 1/],
  ])("%j", (args, message) => {
    expect(make(args)).toThrow(DataError);
    expect(make(args)).toThrow(message);
  });
  it("an fpc below the units sampled or mixing sizes and fractions, one PSU, a lonely PSU and a probability of 0 are DataErrors", () => {
    const small = { ...data, small: data.fpc.map(() => 10) };
    expect(() => svydesign({ data: small, strata: "stype", fpc: "small" })).toThrow(/more than 100% sampling/);
    const mixed = { ...data, f: data.fpc.map((v: number, i: number) => (i === 7 ? 0.5 : v)) };
    expect(() => svydesign({ data: mixed, strata: "stype", fpc: "f" })).toThrow(/row 8, column "f".*fpc mixes/);
    const lonely = svydesign({ data, ids: "sch.wide", strata: "sch.wide" });
    expect(() => svymean(lonely, "api00")).toThrow(/stratum sch.wide = Yes has only one sampling unit/);
    const one = { ...data, one: data.fpc.map(() => 1) };
    expect(() => svydesign({ data: one, ids: "one" })).toThrow(/only one primary sampling unit/);
    const zero = { ...data, p: data.fpc.map((_: number, i: number) => (i === 4 ? 0 : 0.5)) };
    expect(() => svydesign({ data: zero, probs: "p" })).toThrow(/row 5, column "p".*sampling probabilities above 0/);
  });
  it("replicate weights R refuses are refused: JK1 of a stratified design, BRR of an unstratified one", () => {
    const dstrat = design(expected.designs.dstrat.spec);
    expect(() => asReplicateDesign(dstrat, { type: "JK1" })).toThrow(/Can't use JK1 for a stratified design/);
    expect(() => asReplicateDesign(design(expected.designs.dclus2.spec), { type: "BRR" })).toThrow(/BRR needs strata/);
  });
});
