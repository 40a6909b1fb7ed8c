import { describe, expect, it } from "vitest";
import { DataError, subset, svychisq, svydesign, svydiff } from "../src/survey";
import { buildDesign, domainOf, loadScenario, relDev } from "./fixtures/estimate/load";

const TOL = 1e-6;

for (const name of ["apiclus1", "sim4"]) {
  const { scenario, table } = loadScenario(name);
  const design = buildDesign(table, scenario.design);

  describe(`difference of two domain proportions as svycontrast on svyby(covmat = TRUE) (${name})`, () => {
    for (const c of scenario.contrasts) {
      it(c.r, () => {
        const d = svydiff(design, c.y, [1], c.group, [[c.g1], [c.g2]]);
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
        const domain = domainOf(table, c.domain);
        const t = svychisq(domain === undefined ? design : subset(design, domain), c.rowVar, c.colVar);
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
  const design = svydesign({
    data: {
      ai_brug: [1, 2, null, 1, 2, 1],
      one: [1, 1, 1, 1, 1, 1],
      size: [1, 1, 2, 2, 1, 2],
      y: [0, 1, 1, 0, 1, 0],
    },
    weights: [1, 2, 3, 4, 5, 6],
    source: "panel.csv",
  });
  it("svychisq: null inside the domain, one level", () => {
    expect(() => svychisq(design, "ai_brug", "size")).toThrow(
      /panel.csv, row 3, column "ai_brug": value is empty inside the domain/,
    );
    expect(() => svychisq(design, "one", "size")).toThrow(/has only 1 level/);
    expect(() => svychisq(design, "one", "size")).toThrow(DataError);
  });
  it("svydiff: empty value in a group and an empty group", () => {
    expect(() => svydiff(design, "ai_brug", [1], "size", [[1], [2]])).toThrow(
      /row 3, column "ai_brug": value is empty inside the domain/,
    );
    expect(() => svydiff(design, "y", [1], "size", [[1], [3]])).toThrow(/domain.*is empty/);
  });
});
