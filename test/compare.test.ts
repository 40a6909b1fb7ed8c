import { describe, expect, it } from "vitest";
import { differenceOfProportions, raoScott } from "../src/survey/compare";
import { DataError } from "../src/survey/errors";
import type { DesignWeights } from "../src/survey/types";
import { buildDesign, domainOf, loadScenario, relDev } from "./fixtures/estimate/load";

const TOL = 1e-6;

for (const name of ["apiclus1", "sim4"]) {
  const { scenario, table } = loadScenario(name);
  const design = buildDesign(table, scenario.design);

  describe(`difference of two domain proportions as svycontrast on svyby(covmat = TRUE) (${name})`, () => {
    for (const c of scenario.contrasts) {
      it(c.r, () => {
        const g = table[c.group];
        const d = differenceOfProportions(
          design,
          table[c.y],
          g.map((v) => v === c.g1),
          g.map((v) => v === c.g2),
        );
        expect(relDev(d.first.value, c.p1)).toBeLessThan(TOL);
        expect(relDev(d.second.value, c.p2)).toBeLessThan(TOL);
        expect(relDev(d.value, c.estimate)).toBeLessThan(TOL);
        expect(relDev(d.se, c.se)).toBeLessThan(TOL);
        expect(d.df).toBe(c.df);
        expect(relDev(d.ciLow, c.ciLow)).toBeLessThan(TOL);
        expect(relDev(d.ciHigh, c.ciHigh)).toBeLessThan(TOL);
      });
    }
  });

  describe(`Rao-Scott F test as svychisq (${name})`, () => {
    for (const c of scenario.chisq) {
      it(c.r, () => {
        const t = raoScott(design, table[c.rowVar], table[c.colVar], domainOf(table, c.domain));
        expect(relDev(t.chisq, c.chisq)).toBeLessThan(TOL);
        expect(relDev(t.f, c.f)).toBeLessThan(TOL);
        expect(relDev(t.ndf, c.ndf)).toBeLessThan(TOL);
        expect(relDev(t.ddf, c.ddf)).toBeLessThan(TOL);
        expect(relDev(t.p, c.p)).toBeLessThan(TOL);
        expect(t.df1).toBe(t.ndf);
        expect(t.df2).toBe(t.ddf);
      });
    }
  });
}

describe("bad input errors clearly", () => {
  const design: DesignWeights = {
    n: 6,
    weights: Float64Array.from([1, 2, 3, 4, 5, 6]),
    calibration: null,
    clusters: null,
    populationUnits: null,
  };
  it("raoScott: null inside the domain, one level, length mismatch", () => {
    expect(() =>
      raoScott(design, [1, 2, null, 1, 2, 1], [1, 1, 2, 2, 1, 2], undefined, {
        source: "panel.csv",
        rowName: "ai_brug",
      }),
    ).toThrow(/panel.csv, row 3, column "ai_brug": value is empty inside the domain/);
    expect(() => raoScott(design, [1, 1, 1, 1, 1, 1], [1, 1, 2, 2, 1, 2])).toThrow(/has only 1 level/);
    expect(() => raoScott(design, [1, 2, 1], [1, 1, 2, 2, 1, 2])).toThrow(DataError);
  });
  it("differenceOfProportions: non-0/1 y and empty domain", () => {
    const y = [0, 1, 1, 0, 1, 0];
    expect(() =>
      differenceOfProportions(
        design,
        [0, 1, 3, 0, 1, 0],
        [true, true, true, false, false, false],
        [false, false, false, true, true, true],
      ),
    ).toThrow(/value "3" is not 0\/1/);
    expect(() =>
      differenceOfProportions(design, y, [true, true, true, false, false, false], new Array(6).fill(false)),
    ).toThrow(/domain is empty/);
  });
});
