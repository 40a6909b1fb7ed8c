import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { baseDesign, funnel, inBase } from "../src/report/bases";
import { inDomain, subset, svyciprop, svydesign } from "../src/survey";
import { AREAS, BARRIER_ITEMS, OFFER_ITEMS } from "../src/codebook";
import { DataError } from "../src/survey/errors";
import type { Panel, DesignWeights } from "../src/survey/types";

/** A small seeded panel following the contract's skip logic (DATA-CONTRACT.md §2). */
function makePanel(n: number, seed: number): Panel {
  let s = seed >>> 0;
  const rand = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const pick = (k: number): number => 1 + Math.floor(rand() * k);
  const columns: Record<string, (number | null)[]> = { ai_brug: [], stoerrelse: [] };
  for (const a of AREAS) {
    columns[`pot_${a.key}`] = [];
    for (const b of BARRIER_ITEMS) columns[`bar_${a.key}_${b.key}`] = [];
  }
  for (const o of OFFER_ITEMS) columns[`tilbud_${o.key}`] = [];
  for (let i = 0; i < n; i++) {
    const ai = pick(5);
    columns.ai_brug.push(ai);
    columns.stoerrelse.push(pick(3));
    let anyBarrier = false;
    for (const a of AREAS) {
      const pot = ai >= 2 ? pick(6) : null;
      columns[`pot_${a.key}`].push(pot);
      const asked = pot === 1 || pot === 2;
      const none = asked && rand() < 0.3;
      for (const b of BARRIER_ITEMS) {
        const v = !asked ? null : b.key === "ingen" ? (none ? 1 : 0) : none ? 0 : rand() < 0.3 ? 1 : 0;
        if (v === 1 && b.key !== "ingen") anyBarrier = true;
        columns[`bar_${a.key}_${b.key}`].push(v);
      }
    }
    for (const o of OFFER_ITEMS) columns[`tilbud_${o.key}`].push(anyBarrier ? (rand() < 0.3 ? 1 : 0) : null);
  }
  return { source: "test-panel", rowCount: n, columns };
}

const panel = makePanel(400, 7);
const design: DesignWeights = {
  n: panel.rowCount,
  weights: Float64Array.from({ length: panel.rowCount }, (_, i) => 10 + (i % 7) * 5),
  calibration: null,
  clusters: null,
  populationUnits: null,
};

// The contract's definitions, written out independently of the codebook's Conditions.
const col = (name: string, i: number): number | null => panel.columns[name][i];
const relevant = (i: number): boolean => [2, 3, 4, 5].includes(col("ai_brug", i) ?? -1);
const largeIn = (area: string, i: number): boolean => [1, 2].includes(col(`pot_${area}`, i) ?? -1);
const potential = (i: number): boolean => relevant(i) && AREAS.some((a) => largeIn(a.key, i));
const barrier = (i: number): boolean =>
  potential(i) &&
  AREAS.some((a) => BARRIER_ITEMS.some((b) => b.key !== "ingen" && col(`bar_${a.key}_${b.key}`, i) === 1));
const rows = Array.from({ length: panel.rowCount }, (_, i) => i);

describe("inBase", () => {
  it("evaluates the funnel bases as the data contract defines them", () => {
    expect(inBase(panel, "all")).toEqual(rows.map(() => true));
    expect(inBase(panel, "relevant")).toEqual(rows.map(relevant));
    expect(inBase(panel, "potential")).toEqual(rows.map(potential));
    expect(inBase(panel, "barrier")).toEqual(rows.map(barrier));
    expect(inBase(panel, "users")).toEqual(rows.map((i) => [3, 4, 5].includes(col("ai_brug", i) ?? -1)));
    expect(inBase(panel, "potential_salg")).toEqual(rows.map((i) => relevant(i) && largeIn("salg", i)));
  });
  it("names the missing column and the base", () => {
    const broken: Panel = { ...panel, columns: { ...panel.columns } };
    delete broken.columns.ai_brug;
    expect(() => inBase(broken, "relevant")).toThrow(DataError);
    expect(() => inBase(broken, "relevant")).toThrow(
      /test-panel, column "ai_brug": column is missing \(base "relevant" needs it\)/,
    );
    expect(() => inBase(panel, "nonsense" as never)).toThrow(/Unknown base "nonsense"/);
  });
});

describe("funnel", () => {
  const table = funnel(svydesign({ data: panel.columns, weights: design.weights, source: panel.source }));
  it("lists all → relevant → potential → barrier with counts in, out and kept", () => {
    expect(table.map((r) => r.base)).toEqual(["all", "relevant", "potential", "barrier"]);
    const counts = [
      rows.length,
      rows.filter(relevant).length,
      rows.filter(potential).length,
      rows.filter(barrier).length,
    ];
    expect(table.map((r) => r.nKept)).toEqual(counts);
    expect(table.map((r) => r.nIn)).toEqual([rows.length, ...counts.slice(0, 3)]);
    expect(table.map((r) => r.nOut)).toEqual([0, counts[0] - counts[1], counts[1] - counts[2], counts[2] - counts[3]]);
    expect(table[0].exclusionReason).toBeNull();
    expect(table[1].exclusionReason?.da).toMatch(/relevansen/);
  });
  it("gives weighted shares of the population and of the parent", () => {
    const w = design.weights;
    const sum = (pred: (i: number) => boolean): number => rows.filter(pred).reduce((s, i) => s + w[i], 0);
    const all = sum(() => true);
    expect(table[2].weightedShare).toBeCloseTo(sum(potential) / all, 12);
    expect(table[2].weightedShareOfParent).toBeCloseTo(sum(potential) / sum(relevant), 12);
    expect(table[3].share.value).toBeCloseTo(sum(barrier) / all, 12);
    expect(table[3].shareOfParent?.value).toBeCloseTo(sum(barrier) / sum(potential), 12);
    expect(table[3].shareOfParent?.n).toBe(rows.filter(potential).length);
    expect(table[0].weightedShare).toBe(1);
  });
});

describe("bases as domains of a data-carrying design", () => {
  const des = svydesign({ data: panel.columns, weights: design.weights, source: panel.source });

  it("inBase reads a design's data as it reads a panel", () => {
    for (const name of ["relevant", "potential", "barrier", "users", "potential_salg"] as const)
      expect(inBase(des, name), name).toEqual(inBase(panel, name));
  });

  it("baseDesign is subset(design, base): same rows in the domain, every row kept, a base of a subset intersects", () => {
    const relevantDes = baseDesign(des, "relevant");
    expect(inDomain(relevantDes)).toEqual(rows.map(relevant));
    expect(relevantDes.n).toBe(panel.rowCount);
    expect(relevantDes.domainLabel[0]).toMatch(/relevant/);
    const small = subset(des, { stoerrelse: [1] });
    expect(inDomain(baseDesign(small, "barrier"))).toEqual(rows.map((i) => barrier(i) && col("stoerrelse", i) === 1));
  });

  it("a share on a base equals the weighted share of the contract's definition", () => {
    const w = design.weights;
    const inRelevant = rows.filter(relevant);
    const expected =
      inRelevant.filter((i) => largeIn("salg", i)).reduce((s, i) => s + w[i], 0) /
      inRelevant.reduce((s, i) => s + w[i], 0);
    expect(svyciprop(baseDesign(des, "relevant"), "pot_salg", [1, 2]).value).toBeCloseTo(expected, 12);
  });

  it("funnel(design) within a subset counts the subset", () => {
    const small = subset(des, { stoerrelse: [1] });
    const isSmall = (i: number): boolean => col("stoerrelse", i) === 1;
    expect(funnel(small).map((r) => r.nKept)).toEqual([
      rows.filter(isSmall).length,
      rows.filter((i) => isSmall(i) && relevant(i)).length,
      rows.filter((i) => isSmall(i) && potential(i)).length,
      rows.filter((i) => isSmall(i) && barrier(i)).length,
    ]);
    expect(funnel(small)[0].weightedShare).toBe(1);
  });
});

const SYNTHETIC = join(__dirname, "..", "data", "survey", "panel-2025-synthetic.csv");
describe("funnel on the shipped synthetic panel", () => {
  it("has the report's unweighted funnel 4,128 → 2,464 → 1,372 → 1,146 (DATA-CONTRACT §3)", async () => {
    const { readPanel } = await import("../src/data/load");
    const p = readPanel(SYNTHETIC);
    const f = funnel(svydesign({ data: p.columns, source: p.source }));
    expect(f.map((r) => r.nKept)).toEqual([4128, 2464, 1372, 1146]);
    expect(f.map((r) => r.nOut)).toEqual([0, 1664, 1092, 226]);
  });
});
