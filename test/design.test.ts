// The design object and its verbs, specified against R's survey package: expected values in
// test/fixtures/estimate/design.json, written by scripts/r/design-fixtures.R from the data that
// scripts/r/estimate-fixtures.R wrote (R is not needed to run these tests).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  DataError,
  rake,
  subset,
  svyby,
  svychisq,
  svyciprop,
  svydesign,
  svydiff,
  svyitems,
  svymean,
  svytotal,
  trimWeights,
  update,
  weightSummary,
  type Estimate,
  type Margins,
  type SurveyDesign,
} from "../src/survey";
import { FIXTURE_DIR, loadScenario, relDev, type Table } from "./fixtures/estimate/load";

const TOL = 1e-6;
const REGENERATE = "rerun `Rscript scripts/r/estimate-fixtures.R && Rscript scripts/r/design-fixtures.R`";

interface Expected {
  r: string;
  value: number;
  se: number;
  df: number;
  deff: number;
  weightedBase: number;
  logit?: [number, number];
  beta?: [number, number];
  wald?: [number, number];
}
interface ExpectedTest {
  r: string;
  chisq: number;
  f: number;
  ndf: number;
  ddf: number;
  p: number;
}
interface ExpectedSummary {
  n: number;
  sum: number;
  min: number;
  median: number;
  max: number;
  deff: number;
  effectiveN: number;
}
interface Fixture {
  survey: string;
  sim: {
    baseWeight: number;
    margins: Record<string, number[]>;
    trimUpper: number;
    estimates: Record<string, Expected>;
    trimmedWeights: number[];
    trimmedStrictWeights: number[];
    byShare: { key: string[]; value: number[]; se: number[]; ciLow: number[]; ciHigh: number[] };
    byItems: { key: string[]; items: string[]; value: number[][]; se: number[][] };
    byTwo: { small: number[]; econ: number[]; value: number[]; se: number[] };
    difference: { value: number; se: number; df: number; ciLow: number; ciHigh: number; first: number; second: number };
    chisq: Record<"all" | "domain" | "trimmed", ExpectedTest>;
    weightSummary: Record<"all" | "domain" | "trimmed", ExpectedSummary>;
  };
  api: { trimUpper: number; trimmedWeights: number[]; estimates: Record<string, Expected> };
}

const fixture = JSON.parse(readFileSync(join(FIXTURE_DIR, "design.json"), "utf8")) as Fixture;

function marginsOf(counts: Record<string, number[]>, source: string): Margins {
  const rows = Object.entries(counts).flatMap(([variable, c]) =>
    c.map((count, i) => ({ variable, level: i + 1, count, sourceStatus: "verbatim" as const })),
  );
  return { source, rows, total: Object.values(counts)[0].reduce((a, b) => a + b, 0) };
}

function expectClose(actual: number, expected: number, what: string, tol = TOL): void {
  expect(relDev(actual, expected), `${what}: ${actual} vs R ${expected}`).toBeLessThan(tol);
}

/** Every field of an Estimate against R; `share` checks the logit (default) and beta intervals. */
function expectEstimate(e: Estimate, r: Expected, beta?: Estimate): void {
  expectClose(e.value, r.value, `${r.r} value`);
  expectClose(e.se, r.se, `${r.r} SE`);
  expect(e.df, `${r.r} df`).toBe(r.df);
  expectClose(e.deff, r.deff, `${r.r} deff`);
  expectClose(e.weightedBase, r.weightedBase, `${r.r} weighted base`, 1e-9);
  const interval = r.logit ?? r.wald!;
  expectClose(e.ciLow, interval[0], `${r.r} CI low`);
  expectClose(e.ciHigh, interval[1], `${r.r} CI high`);
  if (beta !== undefined) {
    expectClose(beta.ciLow, r.beta![0], `${r.r} beta CI low`);
    expectClose(beta.ciHigh, r.beta![1], `${r.r} beta CI high`);
  }
}

function expectWeights(actual: ArrayLike<number>, expected: number[], tol: number): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, relDev(actual[i], expected[i]));
  expect(worst, `largest relative difference of the weights from R's (${REGENERATE} if the data changed)`).toBeLessThan(
    tol,
  );
}

// ---------------------------------------------------------------------------------------------
// A panel raked on four variables, ids = ~1 (the report's design)
// ---------------------------------------------------------------------------------------------
const sim = loadScenario("sim4").table;
const n = sim.uses.length;
const des = rake(
  svydesign({ data: sim, weights: new Array<number>(n).fill(fixture.sim.baseWeight), source: "sim4.csv" }),
  marginsOf(fixture.sim.margins, "sim4 margins"),
);
const relevant = subset(des, { relevant: [1] });
const trimmed = trimWeights(des, { upper: fixture.sim.trimUpper });
const E = fixture.sim.estimates;

describe("rake(svydesign(...), margins) gives R's calibrate(calfun = 'raking') weights", () => {
  it("weights agree with R's to 1e-9", () => expectWeights(des.weights, sim.weight as number[], 1e-9));
});

describe("svyciprop, svymean and svytotal on a calibrated design match R", () => {
  it("svyciprop: share, SE, logit and beta intervals, deff, df", () =>
    expectEstimate(svyciprop(des, "uses", [1]), E.share_all, svyciprop(des, "uses", [1], { ci: "beta" })));
  it("svyciprop counts every listed code as a yes", () => {
    const byCodes = svyciprop(des, "econ", [1, 3]);
    const updated = svyciprop(update(des, { e13: sim.econ.map((v) => (v === 1 || v === 3 ? 1 : 0)) }), "e13", [1]);
    expect(byCodes.value).toBeCloseTo(updated.value, 14);
    expect(byCodes.se).toBeCloseTo(updated.se, 14);
  });
  it("svymean of a numeric column", () => expectEstimate(svymean(des, "score"), E.mean_all));
  it("svytotal with codes: the estimated number of units", () =>
    expectEstimate(svytotal(des, "uses", [1]), E.total_count));
  it("svytotal of a numeric column", () => expectEstimate(svytotal(des, "score"), E.total_sum));
});

describe("on a subset() domain every row stays in the variance, as R's subset(design, ...)", () => {
  it("svyciprop in a domain", () =>
    expectEstimate(
      svyciprop(relevant, "large", [1]),
      E.share_domain,
      svyciprop(relevant, "large", [1], { ci: "beta" }),
    ));
  it("svymean in a domain", () => expectEstimate(svymean(relevant, "nchoices"), E.mean_domain));
  it("svytotal in a domain", () => expectEstimate(svytotal(relevant, "uses", [1]), E.total_domain));
  it("a subset of a subset is the intersection", () => {
    const nested = subset(relevant, { small: [1] });
    expect(nested.domainLabel).toEqual(["relevant ∈ {1}", "small ∈ {1}"]);
    expectEstimate(
      svyciprop(nested, "item_a", [1]),
      E.share_nested_domain,
      svyciprop(nested, "item_a", [1], { ci: "beta" }),
    );
  });
  it("values outside the domain may be empty; inside they may not", () => {
    expect(sim.large.some((v, i) => v === null && sim.relevant[i] !== 1)).toBe(true);
    expect(() => svyciprop(des, "large", [1])).toThrow(
      /sim4\.csv, row \d+, column "large": value is empty inside the domain/,
    );
  });
});

describe("update() adds a column the verbs can use, as R's update(design, ...)", () => {
  it("a share of a derived column", () => {
    const high = update(des, { high: sim.score.map((v) => (v !== null && v > 60 ? 1 : 0)) });
    expectEstimate(svyciprop(high, "high", [1]), E.share_updated, svyciprop(high, "high", [1], { ci: "beta" }));
  });
});

describe("many estimates on one domain equal the first to the bit", () => {
  it("the same share, total and test three times over", () => {
    const again = subset(des, { relevant: [1], small: [1] });
    const first = [svyciprop(again, "item_a", [1]), svytotal(again, "uses", [1])];
    for (let k = 0; k < 2; k++) expect([svyciprop(again, "item_a", [1]), svytotal(again, "uses", [1])]).toEqual(first);
    expectEstimate(first[0], E.share_nested_domain);
  });
});

describe("svyby gives one keyed result per group, as R's svyby", () => {
  it("one share per group of a domain", () => {
    const r = fixture.sim.byShare;
    const groups = svyby(relevant, "stoerrelse", (g) => svyciprop(g, "large", [1]));
    expect(groups.map((g) => g.key.stoerrelse)).toEqual(r.key.map(Number));
    groups.forEach((g, j) => {
      expectClose(g.result.value, r.value[j], `group ${r.key[j]} value`);
      expectClose(g.result.se, r.se[j], `group ${r.key[j]} SE`);
      expectClose(g.result.ciLow, r.ciLow[j], `group ${r.key[j]} CI low`);
      expectClose(g.result.ciHigh, r.ciHigh[j], `group ${r.key[j]} CI high`);
    });
  });
  it("a multi-response item set (a list of columns) per group", () => {
    const r = fixture.sim.byItems;
    const groups = svyby(relevant, "stoerrelse", (g) => svyitems(g, r.items, [1]));
    expect(groups.map((g) => g.key.stoerrelse)).toEqual(r.key.map(Number));
    groups.forEach((g, j) => {
      expect(g.result.map((item) => item.column)).toEqual(r.items);
      g.result.forEach((item, k) => {
        expectClose(item.estimate.value, r.value[j][k], `${item.column} in group ${r.key[j]}`);
        expectClose(item.estimate.se, r.se[j][k], `${item.column} SE in group ${r.key[j]}`);
      });
    });
  });
  it("groups of two columns, each key holding both codes", () => {
    const r = fixture.sim.byTwo;
    const groups = svyby(des, ["small", "econ"], (g) => svytotal(g, "uses", [1]));
    expect(groups).toHaveLength(r.value.length);
    r.value.forEach((value, j) => {
      const g = groups.find((x) => x.key.small === r.small[j] && x.key.econ === r.econ[j]);
      expect(g, `group small = ${r.small[j]}, econ = ${r.econ[j]}`).toBeDefined();
      expectClose(g!.result.value, value, "total");
      expectClose(g!.result.se, r.se[j], "total SE");
    });
  });
});

describe("svydiff: difference of two groups' shares with their covariance, as svycontrast on svyby(covmat = TRUE)", () => {
  it("value, SE, df and interval", () => {
    const r = fixture.sim.difference;
    const d = svydiff(relevant, "large", [1], "stoerrelse", [[1], [2, 3]]);
    expectClose(d.first.value, r.first, "first group's share");
    expectClose(d.second.value, r.second, "second group's share");
    expectClose(d.value, r.value, "difference");
    expectClose(d.se, r.se, "difference SE");
    expect(d.df).toBe(r.df);
    expectClose(d.ciLow, r.ciLow, "CI low");
    expectClose(d.ciHigh, r.ciHigh, "CI high");
  });
  it("a group with no rows in the domain is an error naming the group", () => {
    expect(() => svydiff(relevant, "large", [1], "stoerrelse", [[1], [9]])).toThrow(/stoerrelse ∈ \{9\}.*is empty/);
  });
});

describe("svychisq: the Rao–Scott F test as R's svychisq", () => {
  const check = (t: ReturnType<typeof svychisq>, r: ExpectedTest): void => {
    expectClose(t.chisq, r.chisq, `${r.r} X²`);
    expectClose(t.f, r.f, `${r.r} F`);
    expectClose(t.ndf, r.ndf, `${r.r} ndf`);
    expectClose(t.ddf, r.ddf, `${r.r} ddf`);
    expectClose(t.p, r.p, `${r.r} p`);
  };
  it("on the whole design", () => check(svychisq(des, "uses", "stoerrelse"), fixture.sim.chisq.all));
  it("in a domain", () => check(svychisq(relevant, "large", "econ"), fixture.sim.chisq.domain));
  it("after trimming", () => check(svychisq(trimmed, "uses", "econ"), fixture.sim.chisq.trimmed));
});

describe("trimWeights(design) trims as R and keeps the calibration's residual basis for the SEs", () => {
  it("the trimmed weights are R's (strict or not)", () => {
    expectWeights(trimmed.weights, fixture.sim.trimmedWeights, 1e-9);
    expectWeights(
      trimWeights(des, { upper: fixture.sim.trimUpper, strict: true }).weights,
      fixture.sim.trimmedStrictWeights,
      1e-9,
    );
  });
  it("svyciprop, svymean and svytotal after trimming", () => {
    expectEstimate(svyciprop(trimmed, "uses", [1]), E.trimmed_share, svyciprop(trimmed, "uses", [1], { ci: "beta" }));
    expectEstimate(svymean(trimmed, "score"), E.trimmed_mean);
    expectEstimate(svytotal(trimmed, "uses", [1]), E.trimmed_total);
    expectEstimate(
      svymean(trimWeights(des, { upper: fixture.sim.trimUpper, strict: true }), "score"),
      E.trimmed_strict_mean,
    );
  });
  it("in a domain of the trimmed design", () => {
    const dom = subset(trimmed, { relevant: [1] });
    expectEstimate(svyciprop(dom, "large", [1]), E.trimmed_share_domain, svyciprop(dom, "large", [1], { ci: "beta" }));
  });
  it("residualising with the trimmed weights instead would miss R's SE", () => {
    const recomputed: SurveyDesign = {
      ...trimmed,
      calibration: { ...trimmed.calibration!, calibratedWeights: trimmed.weights },
    };
    expect(relDev(svymean(recomputed, "score").se, E.trimmed_mean.se)).toBeGreaterThan(1e-4);
  });
  it("a one-stage cluster sample with fpc, raked then trimmed", () => {
    const api = loadScenario("apiclus1").table;
    const base = svydesign({
      data: api,
      weights: api.pw as number[],
      ids: "dnum",
      fpc: 757,
      source: "apiclus1-cal.csv",
    });
    const raked = rake(base, marginsOf({ stype: [4421, 755, 1018], schwide: [1072, 5122] }, "api margins"));
    const cut = trimWeights(raked, { upper: fixture.api.trimUpper });
    expectWeights(cut.weights, fixture.api.trimmedWeights, 1e-6); // R's calibrate stops at epsilon 1e-7
    const A = fixture.api.estimates;
    expectEstimate(svymean(cut, "api00"), A.trimmed_mean);
    expectEstimate(svyciprop(cut, "awards", [1]), A.trimmed_share, svyciprop(cut, "awards", [1], { ci: "beta" }));
    expectEstimate(svymean(subset(cut, { stype: [1] }), "api00"), A.trimmed_mean_domain);
  });
});

describe("weightSummary: n, sum, min, median, max, Kish deff and effective n of the weights in the domain", () => {
  const check = (actual: ReturnType<typeof weightSummary>, r: ExpectedSummary): void => {
    expect(actual.n).toBe(r.n);
    for (const k of ["sum", "min", "median", "max", "deff", "effectiveN"] as const)
      expectClose(actual[k], r[k], k, 1e-9);
  };
  it("of the whole design", () => check(weightSummary(des), fixture.sim.weightSummary.all));
  it("of a domain", () => check(weightSummary(relevant), fixture.sim.weightSummary.domain));
  it("after trimming", () => check(weightSummary(trimmed), fixture.sim.weightSummary.trimmed));
});

describe("bad input to the verbs is a DataError naming source, row, column and what was expected", () => {
  const small: Table = { x: [1, 2, 2, null], g: [1, 1, 2, 2] };
  const tiny = svydesign({ data: small, weights: [1, 2, 3, 4], source: "tiny.csv" });
  it("a column the data does not have", () => {
    expect(() => svyciprop(tiny, "y", [1])).toThrow(DataError);
    expect(() => svyciprop(tiny, "y", [1])).toThrow(
      /tiny\.csv, column "y": there is no column "y"; expected one of x, g/,
    );
  });
  it("an empty value inside the domain; none outside it", () => {
    expect(() => svymean(tiny, "x")).toThrow(/tiny\.csv, row 4, column "x": value is empty inside the domain/);
    expect(svymean(subset(tiny, { g: [1] }), "x").value).toBeCloseTo(5 / 3, 12);
  });
  it("columns of different lengths, negative weights", () => {
    expect(() => svydesign({ data: { a: [1, 2], b: [1] }, source: "bad.csv" })).toThrow(
      /bad\.csv, column "b".*1 values, "a" has 2/,
    );
    expect(() => svydesign({ data: { a: [1, 2] }, weights: [1, -1], source: "bad.csv" })).toThrow(
      /bad\.csv, row 2, column "weights": value "-1"/,
    );
  });
  it("an empty domain", () => {
    expect(() => svyciprop(subset(tiny, { g: [3] }), "x", [1])).toThrow(
      /tiny\.csv, column "domain": the domain \(g ∈ \{3\}\) is empty/,
    );
  });
  it("trimming limits that cross", () => {
    expect(() => trimWeights(tiny, { lower: 3, upper: 2 })).toThrow(
      /tiny\.csv, column "lower".*lower limit 3 exceeds upper limit 2/,
    );
  });
});
