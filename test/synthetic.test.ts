import { readFileSync } from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { PUBLISHED_AREAS, barrierColumn, offerColumn, potentialColumn, type AreaKey, type BarrierKey, type OfferKey } from "../src/report/codebook";
import { inBase } from "../src/report/bases";
import { loadDataset } from "../src/report/dataset";
import { proportion } from "../src/survey/estimate";
import { readMargins } from "../src/report/load";
import { readPublishedFigures } from "../src/report/published";
import { reproduceFigures } from "../src/report/reproduce";
import { mulberry32, panelToCsv, synthesizePanel } from "../src/report/synthesize";
import type { DesignWeights } from "../src/survey/types";

const ROOT = path.resolve(__dirname, "..");
const PANEL_FILE = path.join(ROOT, "data", "survey", "panel-2025-synthetic.csv");
const MARGINS_FILE = path.join(ROOT, "data", "population", "margins.csv");
const FIGURES_FILE = path.join(ROOT, "data", "published", "figures.csv");

const { panel, design, isSynthetic, notice } = loadDataset({ panelFile: PANEL_FILE, marginsFile: MARGINS_FILE });

/** Weighted share (percent) of `y` in a domain, through the engine's estimator. */
function pct(y: (number | null)[], domain: boolean[], d: DesignWeights = design): number {
  return 100 * proportion(d, y, domain).value;
}
const col = (name: string): (number | null)[] => panel.columns[name];
const is = (name: string, codes: number[]): (number | null)[] => col(name).map((v) => (v === null ? null : codes.includes(v) ? 1 : 0));
const and = (a: boolean[], b: boolean[]): boolean[] => a.map((x, i) => x && b[i]);
const small = col("stoerrelse").map((v) => v === 1);
const notSmall = small.map((x) => !x);

describe("the synthetic generator", () => {
  it("regenerates the committed file byte for byte", () => {
    const generated = panelToCsv(synthesizePanel({ margins: readMargins(MARGINS_FILE) }));
    const committed = readFileSync(PANEL_FILE, "utf8");
    expect(generated.length).toBe(committed.length);
    expect(generated === committed).toBe(true);
  });

  it("uses a seeded PRNG: same seed, same stream; other seed, other stream", () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const c = mulberry32(8);
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    expect(c()).not.toBe(xs[0]);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });

  it("is flagged as synthetic wherever numbers are shown", () => {
    expect(isSynthetic).toBe(true);
    expect(notice("da")).toMatch(/syntetiske/);
    expect(notice("en")).toMatch(/synthetic/);
  });
});

describe("every published figure, reproduced through the engine", () => {
  const published = readPublishedFigures(FIGURES_FILE);
  const results = reproduceFigures(panel, design);

  it("returns one result per figure, in file order", () => {
    expect(results.map((r) => r.id)).toEqual(published.map((f) => f.id));
  });

  it.each(published.map((f) => [f.id, f] as const))("%s holds its published rule", (id, figure) => {
    const r = results.find((x) => x.id === id);
    expect(r).toBeDefined();
    if (figure.rule === "context") {
      expect(r?.estimate).toBeNull();
      return;
    }
    expect(r?.holds, `${id}: estimate ${r?.estimate} vs published ${figure.value} (${figure.rule})`).toBe(true);
    const estimate = r?.estimate as number;
    if (figure.rule === "round") expect(Math.abs(estimate - figure.value), id).toBeLessThanOrEqual(0.2);
    if (figure.rule === "exact") expect(estimate).toBe(figure.value);
  });

  it("reports SEs and CIs for the percentages and the unweighted base sizes", () => {
    for (const r of results) {
      if (r.rule === "round") {
        expect(r.se as number).toBeGreaterThan(0);
        expect(r.ci_low as number).toBeLessThan(r.estimate as number);
        expect(r.ci_high as number).toBeGreaterThan(r.estimate as number);
      }
    }
    const n = (id: string): number | null | undefined => results.find((r) => r.id === id)?.n;
    expect([n("adoption.uses_ai"), n("potential.salg"), n("barriers.any"), n("offers.raadgivning_ai")]).toEqual([4128, 2464, 1372, 1146]);
  });
});

describe("the contract's seven statements hold (weighted, through the engine)", () => {
  const relevant = inBase(panel, "relevant");
  const barrier = inBase(panel, "barrier");

  it("1: firms with 10+ årsværk see large potential more often in each published area", () => {
    for (const area of PUBLISHED_AREAS) {
      const y = is(potentialColumn(area), [1, 2]);
      expect(pct(y, and(relevant, notSmall)), area).toBeGreaterThan(pct(y, and(relevant, small)));
    }
  });

  it("2: the not-relevant 40 % are mostly under 10 årsværk; most firms with 10+ find AI relevant", () => {
    const notRelevant = col("ai_brug").map((v) => v === 1);
    expect(pct(small.map(Number), notRelevant)).toBeGreaterThan(75);
    expect(pct(is("ai_brug", [2, 3, 4, 5]), notSmall)).toBeGreaterThan(50);
  });

  it("3: in each published area the two most cited barriers are viden/kompetencer and omkostninger", () => {
    const items: BarrierKey[] = ["viden", "kompetencer", "omkostninger", "tid", "data", "sikkerhed", "lovgivning", "kundekontakt", "medarbejdere", "andet"];
    for (const area of PUBLISHED_AREAS) {
      const base = inBase(panel, `potential_${area}`);
      const ranked = items.map((item) => ({ item, share: pct(is(barrierColumn(area, item), [1]), base) })).sort((a, b) => b.share - a.share);
      const top = ranked.slice(0, 2).map((r) => r.item);
      expect(top, area).toContain("omkostninger");
      expect(top.includes("viden") || top.includes("kompetencer"), `${area}: ${top.join(", ")}`).toBe(true);
    }
  });

  it("4: kundekontakt peaks in kundeservice, lovgivning in admin", () => {
    const share = (area: AreaKey, item: BarrierKey): number => pct(is(barrierColumn(area, item), [1]), inBase(panel, `potential_${area}`));
    const areas: AreaKey[] = ["salg", "udvikling", "admin", "kundeservice", "produktion", "hr", "logistik"];
    for (const area of areas.filter((a) => a !== "kundeservice")) expect(share("kundeservice", "kundekontakt"), area).toBeGreaterThan(share(area, "kundekontakt"));
    for (const area of areas.filter((a) => a !== "admin")) expect(share("admin", "lovgivning"), area).toBeGreaterThan(share(area, "lovgivning"));
  });

  const offerShare = (item: OfferKey, group: boolean[]): number => pct(is(offerColumn(item), [1]), and(barrier, group));

  it("5: smaller firms choose AI advice more; larger firms choose each kind of upskilling more", () => {
    expect(offerShare("raadgivning_ai", small)).toBeGreaterThan(offerShare("raadgivning_ai", notSmall));
    expect(offerShare("opkval_medarbejdere", notSmall)).toBeGreaterThan(offerShare("opkval_medarbejdere", small));
    expect(offerShare("opkval_ledelse", notSmall)).toBeGreaterThan(offerShare("opkval_ledelse", small));
  });

  it("6: a positive economy goes with AI advice; the less optimistic choose legal advice and cyber security", () => {
    const positive = col("oekonomi").map((v) => v !== null && v <= 2);
    const less = positive.map((x) => !x);
    expect(offerShare("raadgivning_ai", positive)).toBeGreaterThan(offerShare("raadgivning_ai", less));
    expect(offerShare("raadgivning_jura", less)).toBeGreaterThan(offerShare("raadgivning_jura", positive));
    expect(offerShare("cybersikkerhed", less)).toBeGreaterThan(offerShare("cybersikkerhed", positive));
  });

  it("7: unweighted shares differ visibly from weighted ones", () => {
    const unweighted: DesignWeights = { n: panel.rowCount, weights: new Float64Array(panel.rowCount).fill(1), calibration: null, clusters: null, populationUnits: null };
    const all = new Array<boolean>(panel.rowCount).fill(true);
    expect(pct(notSmall.map(Number), all, unweighted) - pct(notSmall.map(Number), all)).toBeGreaterThan(20);
    const shares: [(number | null)[], boolean[]][] = [
      ...PUBLISHED_AREAS.map((a): [(number | null)[], boolean[]] => [is(potentialColumn(a), [1, 2]), relevant]),
      ...(["raadgivning_ai", "opkval_medarbejdere", "opkval_ledelse"] as OfferKey[]).map((o): [(number | null)[], boolean[]] => [is(offerColumn(o), [1]), barrier]),
      [is("ai_brug", [3, 4, 5]), all],
    ];
    const differing = shares.filter(([y, d]) => Math.abs(pct(y, d, unweighted) - pct(y, d)) >= 2);
    expect(differing.length).toBeGreaterThanOrEqual(4);
  });
});

