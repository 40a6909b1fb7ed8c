/**
 * The estimators of issue 21 against R's survey 4.1.1: svyratio, svyvar, svycontrast, svyttest and svyquantile on R's
 * api examples (test/fixtures/api-examples, "extra" scope) and on the examples of scripts/r/estimator-fixtures.R
 * (test/fixtures/estimators); estimates to 1e-8 relative, SEs to 1e-6, degrees of freedom exactly.
 */

import { afterAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  DataError,
  degf,
  subset,
  svyby,
  svycontrast,
  svyquantile,
  svyratio,
  svyttest,
  svyvar,
  svyvcov,
  update,
  type Contrast,
  type Estimate,
  type SurveyDesign,
} from "../src/survey";
import { design, expected, fixture, rel, worst, type Json } from "./helpers/api-fixtures";

const own: Json[] = JSON.parse(
  readFileSync(join(__dirname, "fixtures", "estimators", "expected.json"), "utf8"),
).fixtures;
/** The fixtures of scripts/r/estimator-fixtures.R whose id starts with `prefix`, with their designs. */
const ofVerb = (prefix: string): [string, Json, SurveyDesign][] =>
  own.filter((f) => f.id.startsWith(prefix)).map((f) => [f.id, f, design(expected.designs[f.design_id].spec)]);
const E = (d: SurveyDesign) => subset(d, { stype: ["E"] });
/** R's i-th number of a scalar, vector or matrix. */
const at = (x: number | number[] | number[][], i = 0): number => (Array.isArray(x) ? x.flat()[i] : x);
const one = (x: number | number[][]): number => at(x);

afterAll(() => console.log(`api-estimators: max relative error estimate ${worst.estimate}, SE ${worst.se}`));

const close = (got: number, want: number, tolerance: number, what: string, se = false): void => {
  const e = want === 0 ? Math.abs(got) : rel(got, want);
  if (se) worst.se = Math.max(worst.se, e);
  else worst.estimate = Math.max(worst.estimate, e);
  expect(e, what).toBeLessThan(tolerance);
};

/** An Estimate against R's coef, SE, degf and confint(df = degf). */
function checkEstimate(got: Estimate, r: Json, i: number, id: string, ci = true): void {
  close(got.value, at(r.estimate, i), 1e-8, `${id} estimate`);
  close(got.se, at(r.se, i), 1e-6, `${id} se`, true);
  if (r.degf !== undefined) expect(got.df, `${id} df`).toBe(r.degf);
  if (ci && r.ci_t) {
    close(got.ciLow, r.ci_t[i][0], 1e-6, `${id} ci low`, true);
    close(got.ciHigh, r.ci_t[i][1], 1e-6, `${id} ci high`, true);
  }
}

describe("svyratio as R's svyratio(~y, ~x, design)", () => {
  for (const id of ["svyratio-dclus1-apistu-enroll", "svyratio-jkstrat-apistu-enroll"])
    it(id, () => {
      const f = fixture(id);
      const num = f.estimate.numerator.slice(1) as string;
      checkEstimate(svyratio(design(f.design), num, f.estimate.denominator.slice(1)), f.result, 0, id);
    });
  it("cv-svyratio-jkstrat", () => {
    const f = fixture("cv-svyratio-jkstrat");
    const e = svyratio(design(f.design), "api.stu", "enroll");
    close(e.se / e.value, f.result.matrix[0][0], 1e-6, "cv", true);
  });
  it("svyby-dclus1-ratio", () => {
    const f = fixture("svyby-dclus1-ratio");
    const groups = svyby(design(f.design), "stype", (g) => svyratio(g, "api.stu", "enroll"));
    groups.forEach((g, i) => {
      close(g.result.value, f.result.estimate[i], 1e-8, "estimate");
      close(g.result.se, f.result.se[i], 1e-6, "se", true);
    });
  });
  it("svyby-dclus1-ratio-covmat", () => {
    const f = fixture("svyby-dclus1-ratio-covmat");
    const got = svyratio(design(f.design), "api.stu", "enroll", { by: "stype" });
    expect(got.items.map((i) => i.labels.stype)).toEqual(f.result.rownames);
    got.vcov.flat().forEach((v, k) => close(v, f.result.matrix.flat()[k], 1e-6, `vcov ${k}`, true));
    const diff = svycontrast(got, { E: 1, H: -1 });
    close(diff.value, got.items[0].estimate.value - got.items[1].estimate.value, 1e-12, "contrast");
  });
  for (const [id, f, des] of ofVerb("svyratio-"))
    it(id, () => checkEstimate(svyratio(id.endsWith("-E") ? E(des) : des, "api.stu", "enroll"), f.result, 0, id));
  it("refuses a factor, an empty value without naRm and unknown options", () => {
    const des = design(fixture("svyratio-dclus1-apistu-enroll").design);
    expect(() => svyratio(des, "stype", "enroll")).toThrow(DataError);
    expect(() => svyratio(des, "api.stu", "enroll", { na: true } as never)).toThrow(/no option "na"/);
  });
});

describe("svyvar as R's svyvar(~a + b, design)", () => {
  for (const [id, f, des] of ofVerb("svyvar-")) {
    const r = f.result;
    if (r.matrix)
      it(id, () => {
        const v = svyvar(des, ["api00", "api99"]);
        v.matrix.flat().forEach((x, k) => close(x, r.matrix.flat()[k], 1e-8, `${id} matrix ${k}`));
        v.vcov.flat().forEach((x, k) => close(x, r.vcov.flat()[k], 1e-6, `${id} vcov ${k}`, true));
      });
    else
      it(id, () => {
        const got = svyvar(id.endsWith("-E") ? E(des) : des, "api00");
        close(got.value, one(r.estimate), 1e-8, `${id} estimate`);
        close(got.se, one(r.se), 1e-6, `${id} se`, true);
        expect(got.df).toBe(r.degf);
      });
  }
  for (const id of ["svyvar-dclus1-api00-api99", "svyvar-jkstrat-api00-api99"])
    it(id, () => {
      const f = fixture(id);
      const v = svyvar(design(f.design), ["api00", "api99"]);
      v.matrix.flat().forEach((x, k) => close(x, f.result.matrix.flat()[k], 1e-8, `${id} ${k}`));
    });
});

describe("svycontrast as R's, linear and nonlinear (delta method), on svyvcov's estimates", () => {
  const api: [string, (d: SurveyDesign) => Estimate][] = [
    ["svycontrast-rclus1-mns-E-M", (d) => svycontrast(svyvcov(d, ["api99"], { by: "stype" }), { E: 1, M: -1 })],
    [
      "svycontrast-dclus1-tots-E-over-H",
      (d) => svycontrast(svyvcov(d, ["enroll"], { by: "stype", fun: "svytotal" }), "E/H"),
    ],
    [
      "svycontrast-rclus1-meanlogs-exp",
      (d) => {
        const logs = update(d, { "log(enroll)": Array.from(d.data.enroll, (x) => Math.log(x as number)) });
        return svycontrast(svyvcov(logs, ["log(enroll)"], { by: "stype" }), "exp(E - H)");
      },
    ],
  ];
  for (const [id, run] of api)
    it(id, () => {
      const f = fixture(id);
      const got = run(design(f.design));
      checkEstimate(got, { ...f.result, ci_t: undefined, degf: undefined }, 0, id);
      close(got.ciHigh, f.result.ci_normal[0][1], 1e-6, `${id} normal interval`, true);
      close(got.ciLow, f.result.ci_normal[0][0], 1e-6, `${id} normal interval`, true);
    });
  const contrasts: Record<string, Contrast | Readonly<Record<string, Contrast>>> = {
    diff: { api00: 1, api99: -1 },
    two: { avg: [0.5, 0.5], diff: [1, -1] },
    ratio: "api00 / api99",
    "by-nonlinear": "log(E) - sqrt(H) + M^2 / 1000 - exp(E / H)",
  };
  for (const [id, f, des] of ofVerb("svycontrast-"))
    it(id, () => {
      const kind = id.replace(/^svycontrast-(dclus1|rclus1_2)-/, "");
      const est = kind === "by-nonlinear" ? svyvcov(des, ["api00"], { by: "stype" }) : svyvcov(des, ["api00", "api99"]);
      const got = svycontrast(est, contrasts[kind] as never, { df: degf(des) }) as Estimate | { estimates: Estimate[] };
      const list = "estimates" in got ? got.estimates : [got];
      list.forEach((e, i) => checkEstimate(e, f.result, i, id));
    });
  it("refuses unknown names, functions, wrong lengths and options", () => {
    const est = {
      names: ["a", "b"],
      values: [1, 2],
      vcov: [
        [1, 0],
        [0, 1],
      ],
    };
    expect(() => svycontrast(est, "a + c")).toThrow(/no estimate named "c"/);
    expect(() => svycontrast(est, "tan(a)")).toThrow(/unknown function tan/);
    expect(() => svycontrast(est, [1, 2, 3])).toThrow(DataError);
    expect(() => svycontrast(est, { c: 1 })).toThrow(DataError);
    expect(() => svycontrast(est, "a", { lvl: 0.9 } as never)).toThrow(/no option "lvl"/);
    expect(svycontrast(est, "a * b^2 - -a").value).toBe(5);
  });
});

describe("svyttest as R's svyttest(y ~ g) and svyttest(y ~ 0)", () => {
  for (const [id, f, des] of ofVerb("svyttest-"))
    it(id, () => {
      const r = f.result;
      const got = id.endsWith("-two")
        ? svyttest(des, "enroll", "comp.imp")
        : id.endsWith("-sch")
          ? svyttest(subset(des, { stype: ["E", "M"] }), "api00", "sch.wide")
          : svyttest(
              update(des, { d: Array.from(des.data.api00, (x, i) => (x as number) - (des.data.api99[i] as number)) }),
              "d",
            );
      close(got.estimate, r.estimate, 1e-8, `${id} estimate`);
      close(got.statistic, r.statistic, 1e-6, `${id} t`, true);
      close(got.p, r.p, 1e-6, `${id} p`, true);
      close(got.ciLow, r.ci[0], 1e-6, `${id} ci`, true);
      close(got.ciHigh, r.ci[1], 1e-6, `${id} ci`, true);
      expect(got.df).toBe(r.df);
    });
  it("refuses a group that is not binary and unknown options", () => {
    const des = design(expected.designs.dclus1.spec);
    expect(() => svyttest(des, "api00", "stype")).toThrow(/group must be binary/);
    expect(() => svyttest(des, "api00", undefined, { narm: true } as never)).toThrow(/no option "narm"/);
  });
});

describe("svyquantile as R 4.x's: qrule math/school, Woodruff, beta, score and replicate intervals", () => {
  for (const [id, f, des] of ofVerb("svyquantile-")) {
    const [, kind] = id.match(/-(mean|beta|score|quantile|school|hf6)$/) ?? [];
    if (kind === "hf6") continue; // qrule hf1–hf9: not implemented
    const qs = kind === "school" || kind === "hf6" ? [0.25, 0.5] : [0.1, 0.25, 0.5, 0.9];
    for (const name of Object.keys(f.result))
      it(`${id} ${name}`, () => {
        const r = f.result[name];
        const o = kind === "school" ? { qrule: "school" as const } : { intervalType: kind as "mean" };
        svyquantile(des, name, qs, o).forEach((q, k) => {
          close(q.value, at(r.quantile, k), 1e-8, `${id} ${name} ${q.p}`);
          close(q.ciLow, at(r.ci_low, k), 1e-8, `${id} ${name} ${q.p} low`);
          close(q.ciHigh, at(r.ci_high, k), 1e-8, `${id} ${name} ${q.p} high`);
          close(q.se, at(r.se, k), 1e-6, `${id} ${name} ${q.p} se`, true);
        });
      });
  }
  for (const id of ["svyquantile-dclus1-api00", "svyquantile-jkstrat-api00"])
    it(id, () => {
      const f = fixture(id);
      svyquantile(design(f.design), "api00", [0.25, 0.5, 0.75]).forEach((q, k) => {
        close(q.value, f.result.estimate[k], 1e-8, `${id} ${q.p}`);
        close(q.se, f.result.se[k], 1e-6, `${id} ${q.p} se`, true);
      });
    });
  it("svyby-dclus1-api99-stype-quantile-ci", () => {
    const f = fixture("svyby-dclus1-api99-stype-quantile-ci");
    const groups = svyby(design(f.design), "stype", (g) => svyquantile(g, "api99", [0.5])[0]);
    groups.forEach((g, i) => {
      close(g.result.value, f.result.estimate[i], 1e-8, "estimate");
      close(g.result.ciLow, f.result.columns.ci_l[i], 1e-8, "ci low");
      close(g.result.ciHigh, f.result.columns.ci_u[i], 1e-8, "ci high");
    });
  });
  it("svyby-rclus1-api99-stype-quantile", () => {
    const f = fixture("svyby-rclus1-api99-stype-quantile");
    const groups = svyby(design(f.design), "stype", (g) => svyquantile(g, "api99", [0.5])[0]);
    groups.forEach((g, i) => {
      close(g.result.value, f.result.estimate[i], 1e-8, "estimate");
      if (f.result.se[i] === null) expect(g.result.se).toBeNaN();
      else close(g.result.se, f.result.se[i], 1e-6, "se", true);
    });
  });
  it("refuses an interval of the other kind of design and unknown options", () => {
    const des = design(expected.designs.dclus1.spec);
    expect(() => svyquantile(des, "api00", [0.5], { intervalType: "quantile" })).toThrow(/linearised design/);
    expect(() => svyquantile(des, "api00", [0.5], { qrule: "hf7" } as never)).toThrow(DataError);
    expect(() => svyquantile(des, "api00", [0.5], { interval: "beta" } as never)).toThrow(/no option "interval"/);
  });
});
