/**
 * Replicate-weight designs against R: JK1 on the synthetic panel, every replicate raked again, as
 * `calibrate(as.svrepdesign(design, type = "JK1"), ..., calfun = "raking")` (fixture written by
 * scripts/r/replicate-fixtures.R), and the bootstrap's reproducibility by seed.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readMargins, readPanel } from "../src/data/load";
import {
  asReplicateDesign,
  DataError,
  rake,
  subset,
  svyby,
  svychisq,
  svyciprop,
  svydesign,
  svydiff,
  svymean,
  svytotal,
  update,
  type Margins,
  type SurveyDesign,
} from "../src/survey";

const ROOT = join(__dirname, "..");
const fixture = JSON.parse(readFileSync(join(__dirname, "fixtures/replicate/panel-jk1.json"), "utf8"));
const relDev = (a: number, b: number): number => (b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b));
const maxRelDev = (a: ArrayLike<number>, b: readonly number[]): number => {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < b.length; i++) worst = Math.max(worst, relDev(a[i], b[i]));
  return worst;
};
const SE_TOL = 1e-6;
/** Point estimates: the raking converges to 1e-10 in both R (epsilon 1e-12) and here. */
const VALUE_TOL = 1e-9;

interface Domain {
  column: string;
  codes: number[];
}

let margins: Margins;
let base: SurveyDesign;
let jk: SurveyDesign;
const within = (design: SurveyDesign, domain: Domain | null): SurveyDesign =>
  domain === null ? design : subset(design, { [domain.column]: domain.codes });

beforeAll(() => {
  const panel = readPanel(join(ROOT, fixture.panel));
  margins = readMargins(join(ROOT, fixture.margins));
  // The fixture is for the panel's first `rows` rows (all of them unless the R script was given a count).
  const rows: number = fixture.rows ?? panel.rowCount;
  const data = Object.fromEntries(Object.entries(panel.columns).map(([name, values]) => [name, values.slice(0, rows)]));
  base = svydesign({ data, source: panel.source });
  jk = rake(asReplicateDesign(base, { type: "JK1" }), margins);
});

describe("JK1 replicate design, raked again, against R", () => {
  it("has R's replicates, scale and degrees of freedom", () => {
    expect(jk.replicates?.count).toBe(fixture.replicates);
    expect(relDev(jk.replicates?.scale ?? NaN, fixture.scale)).toBeLessThan(1e-14);
    expect(svyciprop(jk, "ai_brug", [3, 4, 5]).df).toBe(fixture.degf);
  });

  it("rakes the full sample and every replicate to R's weights", () => {
    expect(maxRelDev(jk.weights, fixture.weights)).toBeLessThan(1e-9);
    const reps = jk.replicates?.weights ?? [];
    expect(maxRelDev(reps[0], fixture.replicate1)).toBeLessThan(1e-9);
    expect(maxRelDev(reps[reps.length - 1], fixture.replicateLast)).toBeLessThan(1e-9);
  });

  it("is the same design whether raked before or after asReplicateDesign", () => {
    const early = asReplicateDesign(rake(base, margins), { type: "JK1" });
    expect(maxRelDev(early.replicates?.weights[7] ?? [], Array.from(jk.replicates?.weights[7] ?? []))).toBeLessThan(
      VALUE_TOL,
    );
  });

  for (const c of fixture.proportions as {
    name: string;
    call: string;
    column: string;
    codes: number[];
    domain: Domain | null;
    value: number;
    se: number;
    logit: number[];
    beta: number[];
    df: number;
    n: number;
  }[]) {
    it(`svyciprop: ${c.name}  [${c.call}]`, () => {
      const d = within(jk, c.domain);
      const codes = ([] as number[]).concat(c.codes); // R's jsonlite writes a one-element vector as a number
      const logit = svyciprop(d, c.column, codes);
      expect(relDev(logit.value, c.value)).toBeLessThan(VALUE_TOL);
      expect(relDev(logit.se, c.se)).toBeLessThan(SE_TOL);
      expect(logit.df).toBe(c.df);
      expect(logit.n).toBe(c.n);
      // R's logit interval comes from svyglm's replicate fits (glm.fit to its tolerance): 1e-7.
      expect(relDev(logit.ciLow, c.logit[0])).toBeLessThan(1e-7);
      expect(relDev(logit.ciHigh, c.logit[1])).toBeLessThan(1e-7);
      const beta = svyciprop(d, c.column, codes, { ci: "beta" });
      expect(relDev(beta.ciLow, c.beta[0])).toBeLessThan(SE_TOL);
      expect(relDev(beta.ciHigh, c.beta[1])).toBeLessThan(SE_TOL);
    });
  }

  it(`svymean and svytotal  [${fixture.mean.call}; ${fixture.total.call}]`, () => {
    const withIndicator = update(jk, { uses_ai: Array.from(jk.data.ai_brug, (v) => (v !== null && v >= 3 ? 1 : 0)) });
    const m = svymean(withIndicator, "uses_ai");
    expect(relDev(m.value, fixture.mean.value)).toBeLessThan(VALUE_TOL);
    expect(relDev(m.se, fixture.mean.se)).toBeLessThan(SE_TOL);
    const t = svytotal(jk, "ai_brug", [3, 4, 5]);
    expect(relDev(t.value, fixture.total.value)).toBeLessThan(VALUE_TOL);
    expect(relDev(t.se, fixture.total.se)).toBeLessThan(SE_TOL);
  });

  it(`svyby and svydiff  [${fixture.by.call}; ${fixture.contrast.call}]`, () => {
    const relevant = subset(jk, { ai_brug: [2, 3, 4, 5] });
    const by = svyby(relevant, "stoerrelse", (g) => svyciprop(g, "pot_salg", [1, 2]));
    expect(by.map((g) => g.key.stoerrelse)).toEqual(fixture.by.stoerrelse);
    by.forEach((g, k) => {
      expect(relDev(g.result.value, fixture.by.value[k])).toBeLessThan(VALUE_TOL);
      expect(relDev(g.result.se, fixture.by.se[k])).toBeLessThan(SE_TOL);
    });
    const diff = svydiff(relevant, "pot_salg", [1, 2], "stoerrelse", [[3], [1]]);
    expect(relDev(diff.value, fixture.contrast.value)).toBeLessThan(VALUE_TOL);
    expect(relDev(diff.se, fixture.contrast.se)).toBeLessThan(SE_TOL);
  });

  for (const c of fixture.chisq as {
    call: string;
    row: string;
    col: string;
    domain: Domain | null;
    f: number;
    ndf: number;
    ddf: number;
    p: number;
  }[]) {
    it(`svychisq  [${c.call}]`, () => {
      const test = svychisq(within(jk, c.domain), c.row, c.col);
      expect(relDev(test.f, c.f)).toBeLessThan(SE_TOL);
      expect(relDev(test.ndf, c.ndf)).toBeLessThan(SE_TOL);
      expect(relDev(test.ddf, c.ddf)).toBeLessThan(SE_TOL);
      expect(relDev(test.p, c.p)).toBeLessThan(1e-5);
    });
  }
});

describe("bootstrap replicate design", () => {
  it("is reproducible by seed and differs between seeds", () => {
    const boot = (seed: number): SurveyDesign =>
      rake(asReplicateDesign(base, { type: "bootstrap", replicates: 60, seed }), margins);
    const a = svyciprop(boot(11), "ai_brug", [3, 4, 5]);
    const b = svyciprop(boot(11), "ai_brug", [3, 4, 5]);
    const c = svyciprop(boot(12), "ai_brug", [3, 4, 5]);
    expect(b).toEqual(a);
    expect(c.se).not.toBe(a.se);
    expect(a.df).toBe(59); // R's degf: rank of the 60 replicate weight columns, minus 1
  });

  it("gives an SE close to the linearised one (200 replicates: within 25 %)", () => {
    const boot = rake(asReplicateDesign(base, { type: "bootstrap", replicates: 200, seed: 3 }), margins);
    const linearised = svyciprop(rake(base, margins), "ai_brug", [3, 4, 5]);
    const replicate = svyciprop(boot, "ai_brug", [3, 4, 5]);
    expect(replicate.value).toBe(linearised.value);
    expect(Math.abs(replicate.se / linearised.se - 1)).toBeLessThan(0.25);
  });

  it("names the problem for a subset, a bad type or too few replicates", () => {
    expect(() => asReplicateDesign(subset(base, { ai_brug: [1] }))).toThrow(DataError);
    expect(() => asReplicateDesign(base, { type: "bootstrap", replicates: 1 })).toThrow(
      /bootstrap replicates, 2 or more/,
    );
    expect(() => asReplicateDesign(base, { type: "BRR" })).toThrow(/BRR needs strata: use JK1 or bootstrap/);
    expect(() => asReplicateDesign(base, { type: "BRX" as "JK1" })).toThrow(/"BRX" is not one of the choices/);
  });
});
