import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { inBase } from "../src/report/bases";
import {
  subset,
  svychisq,
  svyciprop,
  svydesign,
  svydiff,
  svymean,
  svytotal,
  update,
  type Estimate,
  type Panel,
  type SurveyDesign,
} from "../src/survey";
import { calibrationOf } from "../src/survey/calibration";
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

/** The design restricted to `domain` (every row when undefined), as R's subset(). */
function within(design: SurveyDesign, domain: boolean[] | undefined): SurveyDesign {
  return domain === undefined ? design : subset(design, domain);
}

function run(design: SurveyDesign, c: EstimateCase, ci?: "logit" | "beta" | "wald"): Estimate {
  if (c.kind === "mean") return svymean(design, c.y, { ci });
  if (c.kind === "total") return svytotal(design, c.y);
  return svyciprop(design, c.y, [1], { ci });
}

for (const name of ["apiclus1", "sim4"]) {
  describe(`svymean, svytotal and svyciprop as R (value, SE, df, intervals, deff) on ${name}`, () => {
    const { scenario, table } = loadScenario(name);
    for (const c of scenario.cases) {
      it(`${c.name}  [${c.r}]`, () => {
        const domain = domainOf(table, c.domain);
        const design = within(buildDesign(table, scenario.design, !c.uncalibrated), domain);
        const wald = run(design, c, "wald");
        expect(relDev(wald.value, c.estimate)).toBeLessThan(TOL);
        expect(relDev(wald.se, c.se)).toBeLessThan(TOL);
        expect(wald.df).toBe(c.df);
        expect(relDev(wald.ciLow, c.ciLow)).toBeLessThan(TOL);
        expect(relDev(wald.ciHigh, c.ciHigh)).toBeLessThan(TOL);
        expect(relDev(wald.deff, c.deff)).toBeLessThan(TOL);
        expect(relDev(wald.weightedBase, c.weightedBase)).toBeLessThan(1e-12);
        const replace =
          c.kind === "total"
            ? svytotal(design, c.y, undefined, { deffMethod: "replace" })
            : svymean(design, c.y, { deffMethod: "replace" });
        expect(relDev(replace.deff, c.deffReplace)).toBeLessThan(TOL);
        expect(wald.n).toBe(domain ? domain.filter(Boolean).length : design.n);
        if (c.kind === "proportion" && c.logit && c.beta) {
          const logit = svyciprop(design, c.y, [1]);
          expect(relDev(logit.ciLow, c.logit[0])).toBeLessThan(TOL);
          expect(relDev(logit.ciHigh, c.logit[1])).toBeLessThan(TOL);
          const beta = svyciprop(design, c.y, [1], { ci: "beta" });
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
    const e = svymean(buildDesign(table, scenario.design), "api00");
    expect(e.value.toFixed(2)).toBe("641.23");
    expect(e.se.toFixed(3)).toBe("23.704");
  });
  it("agrees with R's rake() (postStratify iterations, epsilon = 1 and an iterated variance approximation) to ~1e-6", () => {
    const { scenario, table } = loadScenario("apiclus1");
    const e = svymean(buildDesign(table, scenario.design), "api00");
    const ref = scenario.rakeReference!;
    expect(relDev(e.value, ref.estimate)).toBeLessThan(1e-6);
    expect(relDev(e.se, ref.se)).toBeLessThan(1e-5);
  });
});

describe("edge cases", () => {
  const { scenario, table } = loadScenario("apiclus1");
  const design = buildDesign(table, scenario.design);
  const inE = domainOf(table, "dom_E")!;
  it("a proportion of 0: logit interval [0, 0], Korn-Graubard upper limit from the domain size", () => {
    const none = subset(update(design, { none: table.api00.map(() => 0) }), inE);
    const logit = svyciprop(none, "none", [1]);
    expect([logit.value, logit.se, logit.ciLow, logit.ciHigh]).toEqual([0, 0, 0, 0]);
    expect(Number.isNaN(logit.deff)).toBe(true);
    const beta = svyciprop(none, "none", [1], { ci: "beta" });
    expect(beta.ciLow).toBe(0);
    const nE = inE.filter(Boolean).length;
    // Clopper-Pearson upper limit for 0 of n is 1 - 0.025^(1/n); the df adjustment widens it.
    expect(beta.ciHigh).toBeGreaterThan(1 - Math.pow(0.025, 1 / nE));
    expect(beta.ciHigh).toBeLessThan(1);
  });
  it("a domain keeps every row in the variance: filtering rows first gives a different SE", () => {
    const inside = inE.map((b, i) => (b ? i : -1)).filter((i) => i >= 0);
    const pick = (values: ArrayLike<number | null>): number[] => inside.map((i) => values[i] as number);
    const weights = Float64Array.from(pick(design.weights));
    const filtered: SurveyDesign = {
      ...design,
      n: inside.length,
      data: { api00: pick(table.api00) },
      weights,
      calibration: calibrationOf(
        Float64Array.from(pick(design.calibration!.baseWeights)),
        { stype: pick(table.stype), schwide: pick(table.schwide) },
        weights,
      ),
      clusters: pick(table.dnum),
    };
    const right = svymean(subset(design, inE), "api00");
    const wrong = svymean(filtered, "api00");
    expect(wrong.value).toBeCloseTo(right.value, 9);
    expect(Math.abs(wrong.se - right.se) / right.se).toBeGreaterThan(1e-3);
  });
  it("the confidence level is used", () => {
    const e90 = svymean(design, "api00", { level: 0.9 });
    const e95 = svymean(design, "api00");
    expect(e90.ciHigh - e90.ciLow).toBeLessThan(e95.ciHigh - e95.ciLow);
    expect(() => svymean(design, "api00", { level: 95 })).toThrow(/level must be in \(0, 1\)/);
  });
});

describe("bad input errors clearly", () => {
  const design = (data: Record<string, (number | null)[]>, weights = [1, 2, 3, 4]): SurveyDesign =>
    svydesign({ data, weights, source: "panel.csv" });
  const firstTwo = [true, true, false, false];
  it("null y inside the domain", () => {
    expect(() => svymean(subset(design({ score: [1, null, 3, 4] }), firstTwo), "score")).toThrow(
      /panel.csv, row 2, column "score": value is empty inside the domain/,
    );
    expect(() => svyciprop(subset(design({ score: [1, null, 3, 4] }), firstTwo), "score", [1])).toThrow(
      /panel.csv, row 2, column "score": value is empty inside the domain/,
    );
    // null outside the domain is fine
    expect(svymean(subset(design({ score: [1, 2, null, null] }), firstTwo), "score").value).toBeCloseTo(5 / 3, 12);
  });
  it("empty domain", () => {
    expect(() => svyciprop(subset(design({ y: [0, 1, 0, 1] }), [false, false, false, false]), "y", [1])).toThrow(
      /domain.*is empty/,
    );
  });
  it("length mismatch of columns, domain and weights", () => {
    expect(() => design({ x: [1, 2, 3, 4], y: [1, 2, 3] })).toThrow(/column has 3 values, "x" has 4/);
    expect(() => subset(design({ x: [1, 2, 3, 4] }), [true, false])).toThrow(/domain has 2 entries for 4 rows/);
  });
  it("non-finite y and negative weights", () => {
    expect(() => svymean(design({ y: [1, NaN, 3, 4] }), "y")).toThrow(/row 2, column "y": value "NaN"/);
    expect(() => design({ y: [1, 2, 3, 4] }, [1, -2, 3, 4])).toThrow(/row 2, column "weights": value "-2"/);
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
    const weights = Float64Array.from(f.weights);
    const raked: SurveyDesign = {
      ...svydesign({ data: table, source: f.panel }),
      weights,
      calibration: calibrationOf(
        new Float64Array(panel.rowCount).fill(1),
        Object.fromEntries(
          ["branche", "stoerrelse", "erhvervshus", "alder"].map((v) => [v, table[v].map((x) => x as number)]),
        ),
        weights,
      ),
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
    const design = update(raked, indicators);
    for (const c of f.cases) {
      const domain = bases[c.domain as keyof typeof bases];
      const logit = svyciprop(domain === undefined ? design : subset(design, domain), c.y, [1]);
      const beta = svyciprop(domain === undefined ? design : subset(design, domain), c.y, [1], { ci: "beta" });
      expect(relDev(logit.value, c.estimate), c.name).toBeLessThan(TOL);
      expect(relDev(logit.se, c.se), c.name).toBeLessThan(TOL);
      expect(relDev(logit.deff, c.deff), c.name).toBeLessThan(TOL);
      expect(relDev(logit.ciLow, c.logit![0]), c.name).toBeLessThan(TOL);
      expect(relDev(logit.ciHigh, c.logit![1]), c.name).toBeLessThan(TOL);
      expect(relDev(beta.ciLow, c.beta![0]), c.name).toBeLessThan(TOL);
      expect(relDev(beta.ciHigh, c.beta![1]), c.name).toBeLessThan(TOL);
    }
    const t = svychisq(design, "ai_brug", "stoerrelse");
    expect(relDev(t.f, f.chisq.f)).toBeLessThan(TOL);
    expect(relDev(t.ndf, f.chisq.ndf)).toBeLessThan(TOL);
    expect(relDev(t.p, f.chisq.p)).toBeLessThan(TOL);
    // small (stoerrelse 1) against larger firms (2 and 3) among those with a barrier
    const d = svydiff(subset(design, bases.barrier), "raad", [1], "stoerrelse", [[1], [2, 3]]);
    expect(relDev(d.value, f.contrast.estimate)).toBeLessThan(TOL);
    expect(relDev(d.se, f.contrast.se)).toBeLessThan(TOL);
    expect(relDev(d.ciLow, f.contrast.ciLow)).toBeLessThan(TOL);
    expect(d.df).toBe(f.contrast.df);
  });
});
