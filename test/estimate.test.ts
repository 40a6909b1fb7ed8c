import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { inBase } from "../src/report/bases";
import { differenceOfProportions, raoScott } from "../src/survey/compare";
import { mean, proportion, total, type Estimate } from "../src/survey/estimate";
import { DataError } from "../src/survey/errors";
import type { Panel, DesignWeights } from "../src/survey/types";
import {
  FIXTURE_DIR,
  buildDesign,
  domainOf,
  loadScenario,
  readNumericCsv,
  relDev,
  type ChisqCase,
  type ContrastCase,
  type EstimateCase,
} from "./fixtures/estimate/load";

const TOL = 1e-6;

function run(
  design: DesignWeights,
  y: (number | null)[],
  domain: boolean[] | undefined,
  c: EstimateCase,
  ci?: "logit" | "beta" | "wald",
): Estimate {
  if (c.kind === "mean") return mean(design, y, domain, { ci });
  if (c.kind === "total") return total(design, y, domain);
  return proportion(design, y, domain, { ci });
}

for (const name of ["apiclus1", "sim4"]) {
  describe(`svymean, svytotal and svyciprop as R (value, SE, df, intervals, deff) on ${name}`, () => {
    const { scenario, table } = loadScenario(name);
    for (const c of scenario.cases) {
      it(`${c.name}  [${c.r}]`, () => {
        const design = buildDesign(table, scenario.design, !c.uncalibrated);
        const y = table[c.y];
        const domain = domainOf(table, c.domain);
        const wald = run(design, y, domain, c, "wald");
        expect(relDev(wald.value, c.estimate)).toBeLessThan(TOL);
        expect(relDev(wald.se, c.se)).toBeLessThan(TOL);
        expect(wald.df).toBe(c.df);
        expect(relDev(wald.ciLow, c.ciLow)).toBeLessThan(TOL);
        expect(relDev(wald.ciHigh, c.ciHigh)).toBeLessThan(TOL);
        expect(relDev(wald.deff, c.deff)).toBeLessThan(TOL);
        expect(relDev(wald.weightedBase, c.weightedBase)).toBeLessThan(1e-12);
        const replace =
          c.kind === "total"
            ? total(design, y, domain, { deffMethod: "replace" })
            : mean(design, y, domain, { deffMethod: "replace" });
        expect(relDev(replace.deff, c.deffReplace)).toBeLessThan(TOL);
        expect(wald.n).toBe(domain ? domain.filter(Boolean).length : design.n);
        if (c.kind === "proportion" && c.logit && c.beta) {
          const logit = proportion(design, y, domain);
          expect(relDev(logit.ciLow, c.logit[0])).toBeLessThan(TOL);
          expect(relDev(logit.ciHigh, c.logit[1])).toBeLessThan(TOL);
          const beta = proportion(design, y, domain, { ci: "beta" });
          expect(relDev(beta.ciLow, c.beta[0])).toBeLessThan(TOL);
          expect(relDev(beta.ciHigh, c.beta[1])).toBeLessThan(TOL);
        }
      });
    }
  });
}

describe("a raked cluster sample with fpc: the mean's SE accounts for the raking", () => {
  it("mean api00 is 641.23 with SE 23.704 (calibrate(..., calfun = 'raking'))", () => {
    const { scenario, table } = loadScenario("apiclus1");
    const e = mean(buildDesign(table, scenario.design), table.api00);
    expect(e.value.toFixed(2)).toBe("641.23");
    expect(e.se.toFixed(3)).toBe("23.704");
  });
  it("agrees with R's rake() (postStratify iterations, epsilon = 1 and an iterated variance approximation) to ~1e-6", () => {
    const { scenario, table } = loadScenario("apiclus1");
    const e = mean(buildDesign(table, scenario.design), table.api00);
    const ref = scenario.rakeReference!;
    expect(relDev(e.value, ref.estimate)).toBeLessThan(1e-6);
    expect(relDev(e.se, ref.se)).toBeLessThan(1e-5);
  });
});

describe("edge cases", () => {
  const { scenario, table } = loadScenario("apiclus1");
  const design = buildDesign(table, scenario.design);
  const none = table.api00.map(() => 0);
  const inE = domainOf(table, "dom_E");
  it("a proportion of 0: logit interval [0, 0], Korn-Graubard upper limit from the domain size", () => {
    const logit = proportion(design, none, inE);
    expect([logit.value, logit.se, logit.ciLow, logit.ciHigh]).toEqual([0, 0, 0, 0]);
    expect(Number.isNaN(logit.deff)).toBe(true);
    const beta = proportion(design, none, inE, { ci: "beta" });
    expect(beta.ciLow).toBe(0);
    const nE = inE!.filter(Boolean).length;
    // Clopper-Pearson upper limit for 0 of n is 1 - 0.025^(1/n); the df adjustment widens it.
    expect(beta.ciHigh).toBeGreaterThan(1 - Math.pow(0.025, 1 / nE));
    expect(beta.ciHigh).toBeLessThan(1);
  });
  it("a domain keeps every row in the variance: filtering rows first gives a different SE", () => {
    const y = table.api00;
    const inside = inE!.map((b, i) => (b ? i : -1)).filter((i) => i >= 0);
    const filtered: DesignWeights = {
      n: inside.length,
      weights: Float64Array.from(inside.map((i) => design.weights[i])),
      calibration: {
        baseWeights: Float64Array.from(inside.map((i) => design.calibration!.baseWeights[i])),
        variables: { stype: inside.map((i) => table.stype[i]!), schwide: inside.map((i) => table.schwide[i]!) },
      },
      clusters: inside.map((i) => table.dnum[i]!),
      populationUnits: 757,
    };
    const right = mean(design, y, inE);
    const wrong = mean(
      filtered,
      inside.map((i) => y[i]),
    );
    expect(wrong.value).toBeCloseTo(right.value, 9);
    expect(Math.abs(wrong.se - right.se) / right.se).toBeGreaterThan(1e-3);
  });
  it("the confidence level is used", () => {
    const e90 = mean(design, table.api00, undefined, { level: 0.9 });
    const e95 = mean(design, table.api00);
    expect(e90.ciHigh - e90.ciLow).toBeLessThan(e95.ciHigh - e95.ciLow);
    expect(() => mean(design, table.api00, undefined, { level: 95 })).toThrow(/level must be in \(0, 1\)/);
  });
});

describe("bad input errors clearly", () => {
  const design: DesignWeights = {
    n: 4,
    weights: Float64Array.from([1, 2, 3, 4]),
    calibration: null,
    clusters: null,
    populationUnits: null,
  };
  it("null y inside the domain", () => {
    expect(() =>
      mean(design, [1, null, 3, 4], [true, true, false, false], { source: "panel.csv", variable: "score" }),
    ).toThrow(/panel.csv, row 2, column "score": value is empty inside the domain/);
    // null outside the domain is fine
    expect(mean(design, [1, 2, null, null], [true, true, false, false]).value).toBeCloseTo(5 / 3, 12);
  });
  it("empty domain", () => {
    expect(() => proportion(design, [0, 1, 0, 1], [false, false, false, false])).toThrow(/domain is empty/);
  });
  it("non-0/1 y for a proportion", () => {
    expect(() => proportion(design, [0, 1, 2, 1])).toThrow(DataError);
    expect(() => proportion(design, [0, 1, 2, 1], undefined, { variable: "uses" })).toThrow(
      /row 3, column "uses": value "2" is not 0\/1; expected 0 or 1/,
    );
  });
  it("length mismatch of y, domain and design arrays", () => {
    expect(() => mean(design, [1, 2, 3])).toThrow(/has 3 values for a design of 4 rows/);
    expect(() => mean(design, [1, 2, 3, 4], [true, false])).toThrow(/domain has 2 entries for a design of 4 rows/);
    const bad: DesignWeights = { ...design, weights: Float64Array.from([1, 2, 3]) };
    expect(() => mean(bad, [1, 2, 3, 4])).toThrow(/has 3 weights for 4 rows/);
  });
  it("non-finite y and negative weights", () => {
    expect(() => mean(design, [1, NaN, 3, 4])).toThrow(/row 2, column "y": value "NaN"/);
    const neg: DesignWeights = { ...design, weights: Float64Array.from([1, -2, 3, 4]) };
    expect(() => mean(neg, [1, 2, 3, 4])).toThrow(/row 2, column "weights": value "-2"/);
  });
});

describe("the report's bases on the panel (R-raked weights): shares, intervals, svychisq and svycontrast as R", () => {
  const fixturePath = join(FIXTURE_DIR, "panel.json");
  const fixture = JSON.parse(readFileSync(fixturePath, "utf8")) as {
    panel: string;
    margins: string;
    panelSha256: string;
    marginsSha256: string;
    weights: number[];
    baseCounts: Record<string, number>;
    cases: EstimateCase[];
    chisq: ChisqCase;
    contrast: ContrastCase;
  };
  const root = join(__dirname, "..");
  const sha = (path: string): string =>
    existsSync(path) ? createHash("sha256").update(readFileSync(path)).digest("hex") : "missing";
  it("the fixture was written from the current panel and margins files", () => {
    for (const [file, recorded] of [
      [fixture.panel, fixture.panelSha256],
      [fixture.margins, fixture.marginsSha256],
    ]) {
      expect(
        sha(join(root, file)),
        `${file} changed since test/fixtures/estimate/panel.json was written: run \`Rscript scripts/r/estimate-fixtures.R\` and commit the fixture`,
      ).toBe(recorded);
    }
  });
  it("proportions, logit/beta intervals, svychisq and svycontrast match R", () => {
    const f = fixture;
    const table = readNumericCsv(join(root, f.panel));
    const panel: Panel = { source: f.panel, rowCount: f.weights.length, columns: table };
    const design: DesignWeights = {
      n: panel.rowCount,
      weights: Float64Array.from(f.weights),
      calibration: {
        baseWeights: new Float64Array(panel.rowCount).fill(1),
        variables: Object.fromEntries(
          ["branche", "stoerrelse", "erhvervshus", "alder"].map((v) => [v, table[v].map((x) => x as number)]),
        ),
      },
      clusters: null,
      populationUnits: null,
    };
    const bases = {
      all: undefined,
      relevant: inBase(panel, "relevant"),
      potential: inBase(panel, "potential"),
      barrier: inBase(panel, "barrier"),
    };
    expect(bases.relevant.filter(Boolean).length).toBe(f.baseCounts.relevant);
    expect(bases.potential.filter(Boolean).length).toBe(f.baseCounts.potential);
    expect(bases.barrier.filter(Boolean).length).toBe(f.baseCounts.barrier);
    const indicators: Record<string, (number | null)[]> = {
      uses: table.ai_brug.map((v) => (v !== null && v >= 3 ? 1 : 0)),
      pot_salg_large: table.pot_salg.map((v) => (v === null ? null : v <= 2 ? 1 : 0)),
      barrier: bases.barrier.map((b) => (b ? 1 : 0)),
      raad: table.tilbud_raadgivning_ai,
    };
    for (const c of f.cases) {
      const domain = bases[c.domain as keyof typeof bases];
      const logit = proportion(design, indicators[c.y], domain);
      const beta = proportion(design, indicators[c.y], domain, { ci: "beta" });
      expect(relDev(logit.value, c.estimate), c.name).toBeLessThan(TOL);
      expect(relDev(logit.se, c.se), c.name).toBeLessThan(TOL);
      expect(relDev(logit.deff, c.deff), c.name).toBeLessThan(TOL);
      expect(relDev(logit.ciLow, c.logit![0]), c.name).toBeLessThan(TOL);
      expect(relDev(logit.ciHigh, c.logit![1]), c.name).toBeLessThan(TOL);
      expect(relDev(beta.ciLow, c.beta![0]), c.name).toBeLessThan(TOL);
      expect(relDev(beta.ciHigh, c.beta![1]), c.name).toBeLessThan(TOL);
    }
    const t = raoScott(design, table.ai_brug, table.stoerrelse);
    expect(relDev(t.f, f.chisq.f)).toBeLessThan(TOL);
    expect(relDev(t.ndf, f.chisq.ndf)).toBeLessThan(TOL);
    expect(relDev(t.p, f.chisq.p)).toBeLessThan(TOL);
    const small = bases.barrier.map((b, i) => b && table.stoerrelse[i] === 1);
    const larger = bases.barrier.map((b, i) => b && table.stoerrelse[i] !== 1);
    const d = differenceOfProportions(design, indicators.raad, small, larger);
    expect(relDev(d.value, f.contrast.estimate)).toBeLessThan(TOL);
    expect(relDev(d.se, f.contrast.se)).toBeLessThan(TOL);
    expect(relDev(d.ciLow, f.contrast.ciLow)).toBeLessThan(TOL);
    expect(d.df).toBe(f.contrast.df);
  });
});
