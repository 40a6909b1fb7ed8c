import { describe, expect, it } from "vitest";
import { BARRIER_ITEMS } from "../src/codebook";
import { multiResponse } from "../src/report/multi";
import { subset, svydesign, type SurveyDesign } from "../src/survey";
import type { Panel } from "../src/survey/types";
import { buildDesign, loadScenario, relDev, type EstimateCase } from "./fixtures/estimate/load";

const TOL = 1e-6;
const { scenario, table } = loadScenario("sim4");
const design = buildDesign(table, scenario.design);

/** The fixture's panel carried by the fixture's (R-calibrated) design. */
function withData(panel: Panel): SurveyDesign {
  const carrying = svydesign({ data: panel.columns, weights: design.weights, source: panel.source });
  return {
    ...carrying,
    calibration: design.calibration,
    clusters: design.clusters,
    populationUnits: design.populationUnits,
  };
}
const n = design.n;

// The sim4 fixture's three-item question (asked where relevant == 1) dressed as the codebook's
// `bar_salg` group: relevant → ai_brug 3 with pot_salg 1 (so potential_salg = relevant), items
// a, b, c → viden, kompetencer, omkostninger, every other item 0.
const ITEM_OF: Record<string, string> = { viden: "item_a", kompetencer: "item_b", omkostninger: "item_c" };
function simPanel(): Panel {
  const relevant = table.relevant.map((v) => v === 1);
  const columns: Record<string, (number | null)[]> = {
    ai_brug: relevant.map((r) => (r ? 3 : 1)),
    pot_salg: relevant.map((r) => (r ? 1 : null)),
  };
  for (const b of BARRIER_ITEMS) {
    const source = ITEM_OF[b.key];
    columns[`bar_salg_${b.key}`] = relevant.map((r, i) => (!r ? null : source ? table[source][i] : 0));
  }
  return { source: "sim4.csv", rowCount: n, columns };
}

const byName = (name: string): EstimateCase => {
  const c = scenario.cases.find((x) => x.name === name);
  if (!c) throw new Error(`no fixture case ${name}`);
  return c;
};

describe("multiResponse matches R (share of respondents asked, svyciprop on subset(cal4, relevant == 1))", () => {
  const des = withData(simPanel());
  const result = multiResponse(des, "bar_salg");
  it("has one entry per option and the respondents-asked base", () => {
    expect(result.items.map((i) => i.item)).toEqual(BARRIER_ITEMS.map((b) => b.key));
    expect(result.n).toBe(table.relevant.filter((v) => v === 1).length);
    expect(result.base).toBe("potential_salg");
  });
  for (const [key, fixtureItem] of Object.entries(ITEM_OF)) {
    it(`${key} = ${fixtureItem} in relevant`, () => {
      const c = byName(`${fixtureItem} in relevant`);
      const e = result.items.find((i) => i.item === key)!.estimate;
      expect(relDev(e.value, c.estimate)).toBeLessThan(TOL);
      expect(relDev(e.se, c.se)).toBeLessThan(TOL);
      expect(relDev(e.ciLow, c.logit![0])).toBeLessThan(TOL);
      expect(relDev(e.ciHigh, c.logit![1])).toBeLessThan(TOL);
    });
  }
  it("mean number of choices", () => {
    const c = byName("mean nchoices in relevant");
    expect(relDev(result.meanChoices.value, c.estimate)).toBeLessThan(TOL);
    expect(relDev(result.meanChoices.se, c.se)).toBeLessThan(TOL);
  });
  it("shares of respondents add up to the mean number of choices (base = respondents, not selections)", () => {
    const sum = result.items.reduce((s, i) => s + i.estimate.value, 0);
    expect(sum).toBeCloseTo(result.meanChoices.value, 12);
  });
  it("a subgroup domain (firms under 10 årsværk)", () => {
    const c = byName("item_a in relevant and small");
    const small = subset(
      des,
      table.small.map((v) => v === 1),
      "small",
    );
    const e = multiResponse(small, "bar_salg", { ci: "beta" }).items[0].estimate;
    expect(relDev(e.value, c.estimate)).toBeLessThan(TOL);
    expect(relDev(e.se, c.se)).toBeLessThan(TOL);
    expect(relDev(e.ciLow, c.beta![0])).toBeLessThan(TOL);
    expect(relDev(e.ciHigh, c.beta![1])).toBeLessThan(TOL);
  });
  it("errors clearly on an empty item inside the base and on unknown groups", () => {
    const broken = simPanel();
    const first = table.relevant.findIndex((v) => v === 1);
    broken.columns.bar_salg_data = broken.columns.bar_salg_data.slice();
    broken.columns.bar_salg_data[first] = null;
    expect(() => multiResponse(withData(broken), "bar_salg")).toThrow(
      new RegExp(`sim4.csv, row ${first + 1}, column "bar_salg_data": value is empty inside the domain`),
    );
    expect(() => multiResponse(withData(broken), "nope")).toThrow(/Unknown multi-response question "nope"/);
  });
});

describe("multiResponse on a data-carrying design (the subgroup as a subset of the design)", () => {
  const des = withData(simPanel());
  it("the whole base: every item and the mean number of choices match R", () => {
    const result = multiResponse(des, "bar_salg");
    for (const [key, fixtureItem] of Object.entries(ITEM_OF)) {
      const c = byName(`${fixtureItem} in relevant`);
      const e = result.items.find((i) => i.item === key)!.estimate;
      expect(relDev(e.value, c.estimate), key).toBeLessThan(TOL);
      expect(relDev(e.se, c.se), key).toBeLessThan(TOL);
    }
    const m = byName("mean nchoices in relevant");
    expect(relDev(result.meanChoices.se, m.se)).toBeLessThan(TOL);
    expect(result.n).toBe(table.relevant.filter((v) => v === 1).length);
  });
  it("a subgroup given by subset(design, predicate) matches R", () => {
    const c = byName("item_a in relevant and small");
    const small = subset(des, (_value, row) => table.small[row] === 1, "small");
    const e = multiResponse(small, "bar_salg", { ci: "beta" }).items[0].estimate;
    expect(relDev(e.value, c.estimate)).toBeLessThan(TOL);
    expect(relDev(e.se, c.se)).toBeLessThan(TOL);
    expect(relDev(e.ciLow, c.beta![0])).toBeLessThan(TOL);
  });
  it("names the unknown group as a DataError", () => {
    expect(() => multiResponse(des, "nope")).toThrow(/Unknown multi-response question "nope"/);
  });
});
