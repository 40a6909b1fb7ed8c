import { readFileSync } from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import {
  AT_LEAST_10_FTE,
  CHOSEN,
  ECONOMY_LESS_OPTIMISTIC,
  ECONOMY_POSITIVE,
  LARGE_POTENTIAL,
  NOT_RELEVANT,
  PUBLISHED_AREAS,
  RELEVANT,
  UNDER_10_FTE,
  barrierColumn,
  offerColumn,
  potentialColumn,
  type AreaKey,
  type BarrierKey,
  type OfferKey,
} from "../src/codebook";
import { baseDesign } from "../src/report/bases";
import { loadDataset } from "../src/report/dataset";
import { publishedFigure, publishedFigures } from "../src/report/figures";
import { readMargins } from "../src/data/load";
import { readPublishedFigures } from "../src/report/published";
import { reproduceFigures } from "../src/report/reproduce";
import { mulberry32, panelToCsv, synthesisTargets, synthesizePanel } from "../src/lab/synthesize";
import { subset, svyciprop, svydesign, type SurveyDesign } from "../src/survey";

const ROOT = path.resolve(__dirname, "..");
const PANEL_FILE = path.join(ROOT, "data", "survey", "panel-2025-synthetic.csv");
const MARGINS_FILE = path.join(ROOT, "data", "population", "margins.csv");
const FIGURES_FILE = path.join(ROOT, "data", "published", "figures.csv");

const { panel, design, isSynthetic, notice } = loadDataset({ panelFile: PANEL_FILE, marginsFile: MARGINS_FILE });

/** Weighted share (percent) of `column ∈ codes` in a domain of the design. */
const pct = (des: SurveyDesign, column: string, codes: readonly number[]): number =>
  100 * svyciprop(des, column, codes).value;

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

  it("takes its targets from figures.csv: other published values give another panel that meets them", () => {
    const figures = readPublishedFigures(FIGURES_FILE).map((f) =>
      f.id === "adoption.systematic" ? { ...f, value: 8 } : f.id === "adoption.own_tools" ? { ...f, value: 3 } : f,
    );
    expect(synthesisTargets(figures)).toMatchObject({ systematic: 8, ownTools: 3 });
    const other = synthesizePanel({ margins: readMargins(MARGINS_FILE), figures });
    const des = svydesign({ data: other.columns, weights: other.weights, source: "other" });
    expect(pct(des, "ai_brug", [4])).toBeCloseTo(8, 0);
    expect(pct(des, "ai_brug", [5])).toBeCloseTo(3, 0);
  });
});

describe("every published figure, reproduced through the engine", () => {
  const published = readPublishedFigures(FIGURES_FILE);
  const results = reproduceFigures(design);

  it("returns one result per figure, in file order", () => {
    expect(results.map((r) => r.id)).toEqual(published.map((f) => f.id));
  });

  it.each(published.map((f) => [f.id, f] as const))("%s holds its published rule", (id, figure) => {
    const r = results.find((x) => x.id === id);
    expect(r).toBeDefined();
    if (figure.rule === "context") {
      expect(r?.reproduced).toBeNull();
      return;
    }
    expect(r?.holds, `${id}: reproduced ${r?.reproduced} vs published ${figure.value} (${figure.rule})`).toBe(true);
    const estimate = r?.reproduced as number;
    if (figure.rule === "round") expect(Math.abs(estimate - figure.value), id).toBeLessThanOrEqual(0.2);
    if (figure.rule === "exact") expect(estimate).toBe(figure.value);
  });

  it("reports SEs and CIs for the percentages and the unweighted base sizes", () => {
    for (const r of results) {
      if (r.rule === "round") {
        expect(r.sePct as number).toBeGreaterThan(0);
        expect(r.ciLowPct as number).toBeLessThan(r.reproduced as number);
        expect(r.ciHighPct as number).toBeGreaterThan(r.reproduced as number);
      }
    }
    const n = (id: string): number | null | undefined => results.find((r) => r.id === id)?.n;
    expect([n("adoption.uses_ai"), n("potential.salg"), n("barriers.any"), n("offers.raadgivning_ai")]).toEqual([
      4128, 2464, 1372, 1146,
    ]);
  });
});

describe("ai_brug follows the report's body and the data contract (40/16/32/10/2)", () => {
  // docs/DATA-CONTRACT.md: not relevant 40, relevant 60, uses AI 44, systematic 10, own tools 2.
  const contract: [number, number][] = [
    [1, 40],
    [2, 16],
    [3, 32],
    [4, 10],
    [5, 2],
  ];

  it.each(contract)("answer %i alone is %i % of all firms (rounded)", (code, share) => {
    expect(Math.round(pct(design, "ai_brug", [code]))).toBe(share);
  });

  it("the body: systematic implementation is answer 4 alone; own tools answer 5 (the same sentence quoted for both)", () => {
    const systematic = publishedFigure("adoption.systematic");
    const ownTools = publishedFigure("adoption.own_tools");
    expect(systematic.definition).toMatchObject({ column: "ai_brug", codes: [4] });
    expect(ownTools.definition).toMatchObject({ column: "ai_brug", codes: [5] });
    expect(systematic.quote).toMatch(
      /Kun 10 pct\. af SMV’erne har arbejdet intensivt med kunstig intelligens og systematisk implementeret det/,
    );
    expect(ownTools.quote).toMatch(/kun 2 pct\. af SMV’erne har selv udviklet produkter eller værktøjer/);
  });

  it("the summary's looser wording, answers 4–5, is its own figure: about 12 %, within its rule of 10", () => {
    const summary = publishedFigure("summary.systematic_or_own_tools");
    expect(summary.definition).toMatchObject({ column: "ai_brug", codes: [4, 5] });
    expect(summary.quote).toMatch(/10 pct\. har systematisk implementeret løsninger eller udviklet egne værktøjer/);
    const both = pct(design, "ai_brug", [4, 5]);
    expect(Math.round(both)).toBe(12);
    expect(reproduceFigures(design).find((r) => r.id === summary.id)?.holds).toBe(true);
  });
});

describe("the contract's seven statements hold (weighted, through the design's verbs)", () => {
  const relevant = baseDesign(design, "relevant");
  const barrier = baseDesign(design, "barrier");
  const small = (des: SurveyDesign): SurveyDesign => subset(des, { stoerrelse: UNDER_10_FTE });
  const larger = (des: SurveyDesign): SurveyDesign => subset(des, { stoerrelse: AT_LEAST_10_FTE });

  it("1: firms with 10+ årsværk see large potential more often in each published area", () => {
    for (const area of PUBLISHED_AREAS) {
      const column = potentialColumn(area);
      expect(pct(larger(relevant), column, LARGE_POTENTIAL), area).toBeGreaterThan(
        pct(small(relevant), column, LARGE_POTENTIAL),
      );
    }
  });

  it("2: the not-relevant 40 % are mostly under 10 årsværk; most firms with 10+ find AI relevant", () => {
    expect(pct(subset(design, { ai_brug: NOT_RELEVANT }), "stoerrelse", UNDER_10_FTE)).toBeGreaterThan(75);
    expect(pct(larger(design), "ai_brug", RELEVANT)).toBeGreaterThan(50);
  });

  it("3: in each published area the two most cited barriers are viden/kompetencer and omkostninger", () => {
    const items: BarrierKey[] = [
      "viden",
      "kompetencer",
      "omkostninger",
      "tid",
      "data",
      "sikkerhed",
      "lovgivning",
      "kundekontakt",
      "medarbejdere",
      "andet",
    ];
    for (const area of PUBLISHED_AREAS) {
      const asked = baseDesign(design, `potential_${area}`);
      const ranked = items
        .map((item) => ({ item, share: pct(asked, barrierColumn(area, item), CHOSEN) }))
        .sort((a, b) => b.share - a.share);
      const top = ranked.slice(0, 2).map((r) => r.item);
      expect(top, area).toContain("omkostninger");
      expect(top.includes("viden") || top.includes("kompetencer"), `${area}: ${top.join(", ")}`).toBe(true);
    }
  });

  it("4: kundekontakt peaks in kundeservice, lovgivning in admin", () => {
    const share = (area: AreaKey, item: BarrierKey): number =>
      pct(baseDesign(design, `potential_${area}`), barrierColumn(area, item), CHOSEN);
    const areas: AreaKey[] = ["salg", "udvikling", "admin", "kundeservice", "produktion", "hr", "logistik"];
    for (const area of areas.filter((a) => a !== "kundeservice"))
      expect(share("kundeservice", "kundekontakt"), area).toBeGreaterThan(share(area, "kundekontakt"));
    for (const area of areas.filter((a) => a !== "admin"))
      expect(share("admin", "lovgivning"), area).toBeGreaterThan(share(area, "lovgivning"));
  });

  const offerShare = (item: OfferKey, group: SurveyDesign): number => pct(group, offerColumn(item), CHOSEN);

  it("5: smaller firms choose AI advice more; larger firms choose each kind of upskilling more", () => {
    expect(offerShare("raadgivning_ai", small(barrier))).toBeGreaterThan(offerShare("raadgivning_ai", larger(barrier)));
    expect(offerShare("opkval_medarbejdere", larger(barrier))).toBeGreaterThan(
      offerShare("opkval_medarbejdere", small(barrier)),
    );
    expect(offerShare("opkval_ledelse", larger(barrier))).toBeGreaterThan(offerShare("opkval_ledelse", small(barrier)));
  });

  it("6: a positive economy goes with AI advice; the less optimistic choose legal advice and cyber security", () => {
    const positive = subset(barrier, { oekonomi: ECONOMY_POSITIVE });
    const less = subset(barrier, { oekonomi: ECONOMY_LESS_OPTIMISTIC });
    expect(offerShare("raadgivning_ai", positive)).toBeGreaterThan(offerShare("raadgivning_ai", less));
    expect(offerShare("raadgivning_jura", less)).toBeGreaterThan(offerShare("raadgivning_jura", positive));
    expect(offerShare("cybersikkerhed", less)).toBeGreaterThan(offerShare("cybersikkerhed", positive));
  });

  it("7: unweighted shares differ visibly from weighted ones", () => {
    const unweighted = svydesign({ data: panel.columns, source: panel.source });
    expect(pct(unweighted, "stoerrelse", AT_LEAST_10_FTE) - pct(design, "stoerrelse", AT_LEAST_10_FTE)).toBeGreaterThan(
      20,
    );
    const ids = [
      ...PUBLISHED_AREAS.map((a) => `potential.${a}`),
      "offers.raadgivning_ai",
      "offers.opkval_medarbejdere",
      "offers.opkval_ledelse",
      "adoption.uses_ai",
    ];
    const differing = ids.filter((id) => {
      const def = publishedFigure(id, publishedFigures(FIGURES_FILE)).definition;
      if (def === null || def.statistic !== "share") throw new Error(`${id} is not a share figure`);
      const weighted = pct(baseDesign(design, def.base), def.column, def.codes);
      const plain = pct(baseDesign(unweighted, def.base), def.column, def.codes);
      return Math.abs(weighted - plain) >= 2;
    });
    expect(differing.length).toBeGreaterThanOrEqual(4);
  });
});
