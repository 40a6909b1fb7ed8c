/**
 * svyglm, regTermTest and svypredmeans against R's survey 4.1.1 on the examples of scripts/r/svyglm-fixtures.R
 * (test/fixtures/svyglm): coefficients to 1e-8 relative, SEs and tests to 1e-6, degrees of freedom exactly.
 */

import { afterAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  calibrate,
  DataError,
  regTermTest,
  subset,
  svyglm,
  svypredmeans,
  update,
  type GlmFamily,
  type SurveyDesign,
} from "../src/survey";
import { design, expected, rel, type Json } from "./helpers/api-fixtures";

const own: Json = JSON.parse(readFileSync(join(__dirname, "fixtures", "svyglm", "expected.json"), "utf8"));
const worst = { coef: 0, se: 0 };
afterAll(() => console.log(`api-svyglm: max relative error coefficient ${worst.coef}, SE/test ${worst.se}`));

/** The design of a fixture: an api-examples design (with R's `mobility` added) or a calibration of one. */
function designOf(id: string): SurveyDesign {
  const cal = own.calibrations[id];
  if (cal) {
    const terms = cal.formula === "~stype" ? [["stype"]] : [["stype"], ["api99"]];
    return calibrate(designOf(cal.from), { terms, factors: ["stype"] }, cal.population);
  }
  const spec = expected.designs[id].spec;
  const data = spec.kind === "as.svrepdesign" ? expected.designs[spec.from_id].spec.data : spec.data;
  const d = design(spec);
  return { ...d, data: { ...d.data, mobility: own.mobility[data] } };
}
const close = (got: number, want: number, tolerance: number, what: string, se = true): void => {
  const e = rel(got, want);
  if (se) worst.se = Math.max(worst.se, e);
  else worst.coef = Math.max(worst.coef, e);
  expect(e, what).toBeLessThan(tolerance);
};
const ofKind = (prefix: string): Json[] => own.fixtures.filter((f: Json) => f.id.startsWith(prefix));
const fitOf = (f: Json, d = designOf(f.design_id)) =>
  svyglm(f.result.subset ? subset(d, { "sch.wide": [f.result.subset["sch.wide"]] }) : d, f.result.formula, {
    family: f.result.family as GlmFamily,
  });

describe("svyglm as R's summary(svyglm(formula, design, family))", () => {
  for (const f of ofKind("svyglm-"))
    it(f.id, () => {
      const m = fitOf(f);
      const r = f.result;
      expect(m.names).toEqual(r.names);
      r.coef.forEach((c: number, k: number) => {
        close(m.coefficients[k], c, 1e-8, `${f.id} ${r.names[k]} coef`, false);
        close(m.se[k], r.se[k], 1e-6, `${f.id} ${r.names[k]} se`);
        close(m.t[k], r.t[k], 1e-6, `${f.id} ${r.names[k]} t`);
        close(m.p[k], r.p[k], 1e-6, `${f.id} ${r.names[k]} p`);
      });
      expect(m.df).toBe(r.df_residual);
    });
});

describe("regTermTest as R's regTermTest(model, ~terms) (Wald F)", () => {
  for (const f of ofKind("regTermTest-"))
    it(f.id, () => {
      const t = regTermTest(fitOf(f), f.result.terms);
      close(t.f, f.result.Ftest, 1e-6, `${f.id} F`);
      close(t.p, f.result.p, 1e-6, `${f.id} p`);
      expect([t.df, t.ddf]).toEqual([f.result.df, f.result.ddf]);
    });
  it("an unknown term is a DataError naming it", () => {
    const m = svyglm(designOf("dstrat"), "api00 ~ ell + meals");
    expect(() => regTermTest(m, "~mobility")).toThrow(/no term mobility/);
    expect(regTermTest(m, "~ell + meals", { df: Infinity }).ddf).toBe(Infinity);
  });
});

describe("svypredmeans as R's svypredmeans(model, ~stype)", () => {
  for (const f of ofKind("svypredmeans-"))
    it(f.id, () => {
      const pm = svypredmeans(fitOf(f), f.result.group);
      expect(pm.names).toEqual(f.result.names);
      f.result.estimate.forEach((e: number, k: number) => {
        close(pm.estimate[k], e, 1e-8, `${f.id} ${pm.names[k]}`, false);
        close(pm.se[k], f.result.se[k], 1e-6, `${f.id} ${pm.names[k]} se`);
      });
    });
  it("a group in the model is a DataError", () => {
    expect(() => svypredmeans(svyglm(designOf("dstrat"), "api00 ~ stype"), "stype")).toThrow(DataError);
  });
});

describe("svyglm refuses what R cannot fit", () => {
  const dstrat = () => designOf("dstrat");
  it("an unknown family or option", () => {
    expect(() => svyglm(dstrat(), "api00 ~ ell", { family: "binomial" as GlmFamily })).toThrow(DataError);
    expect(() => svyglm(dstrat(), "api00 ~ ell", { famliy: "gaussian" } as object)).toThrow(/famliy/);
  });
  it("separation", () => {
    const d = update(dstrat(), { high: Array.from(dstrat().data.api00, (v) => ((v ?? 0) > 700 ? 1 : 0)) });
    expect(() => svyglm(d, "high ~ api00", { family: "quasibinomial" })).toThrow(/separation/);
  });
  it("an empty level", () => {
    expect(() => svyglm(subset(dstrat(), { stype: ["E", "M"] }), "api00 ~ stype + ell")).toThrow(/level "H"/);
  });
  it("too few rows per coefficient, collinear columns, a bad response", () => {
    const few = subset(dstrat(), (_, i) => i < 3, "three rows");
    expect(() => svyglm(few, "api00 ~ ell + meals + mobility")).toThrow(/3 rows for 4 coefficients/);
    const twice = update(dstrat(), { ell2: Array.from(dstrat().data.ell, (v) => 2 * (v ?? 0)) });
    expect(() => svyglm(twice, "api00 ~ ell + ell2")).toThrow(/linearly dependent/);
    expect(() => svyglm(dstrat(), "api00 ~ ell", { family: "quasibinomial" })).toThrow(/between 0 and 1/);
  });
});
