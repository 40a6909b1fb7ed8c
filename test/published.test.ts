import { readFileSync } from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { BASES } from "../src/codebook";
import {
  parsePublishedFigures,
  parseRule,
  readPublishedFigures,
  roundHalfUp,
  ruleHolds,
} from "../src/report/published";
import {
  FIGURE_DEFINITIONS,
  countFigure,
  countedBase,
  estimateFigure,
  figureDefinition,
  publishedFigure,
} from "../src/report/figures";
import { reproduceFigure } from "../src/report/reproduce";
import { DataError, subset, svydesign } from "../src/survey";

const FIGURES_FILE = path.resolve(__dirname, "..", "data", "published", "figures.csv");
/** The report's text, as extracted from the PDF (the source of every quote). */
const REPORT_FILE = path.resolve(__dirname, "..", "data", "published", "report-ai-smv-2025.txt");

/** The figures of data contract §4, copied from the contract (the independent reference). */
const CONTRACT: [string, number, string, string][] = [
  ["adoption.uses_ai", 44, "round", "all"],
  ["adoption.relevant", 60, "round", "all"],
  ["adoption.not_relevant", 40, "round", "all"],
  ["adoption.systematic", 10, "round", "all"],
  ["adoption.own_tools", 2, "round", "all"],
  ["adoption.experiment_share_of_users", 75, "approx:5", "users"],
  ["adoption.not_started_share_of_relevant", 25, "gt", "relevant"],
  ["potential.salg", 38, "round", "relevant"],
  ["potential.udvikling", 29, "round", "relevant"],
  ["potential.admin", 26, "round", "relevant"],
  ["potential.kundeservice", 23, "round", "relevant"],
  ["potential.produktion", 22, "round", "relevant"],
  ["barriers.any", 84, "round", "potential"],
  ["offers.raadgivning_ai", 58, "round", "barrier"],
  ["offers.opkval_medarbejdere", 33, "round", "barrier"],
  ["offers.opkval_ledelse", 29, "round", "barrier"],
  ["context.digi_produktivitet_positiv", 25, "approx:2", "all"],
  ["funnel.n_total", 4128, "exact", "all"],
  ["funnel.n_relevant", 2464, "exact", "relevant"],
  ["funnel.n_potential", 1372, "exact", "potential"],
  ["funnel.n_barrier", 1146, "exact", "barrier"],
];

/** How the report writes a number: "4.128", "44 pct.", or a word form. */
function danishForms(value: number): string[] {
  const forms = [value.toLocaleString("da-DK").replace(/\u00a0/g, "."), String(value)];
  if (value === 25) forms.push("hver fjerde");
  if (value === 75) forms.push("tre ud af fire");
  return forms;
}

const normalise = (s: string): string => s.replace(/\s+/g, " ").replace(/-\s/g, "").trim();

describe("data/published/figures.csv", () => {
  const figures = readPublishedFigures(FIGURES_FILE);

  it("contains every figure of the contract with its value, rule and base", () => {
    for (const [id, value, rule, base] of CONTRACT) {
      const f = figures.find((x) => x.id === id);
      expect(f, id).toBeDefined();
      expect({ id, value: f?.value, rule: f?.rule, base: f?.base }).toEqual({ id, value, rule, base });
    }
  });

  it("lists the report's other numbers: exclusion counts, caption Ns, context figures", () => {
    const value = (id: string): number | undefined => figures.find((f) => f.id === id)?.value;
    expect([value("funnel.out_relevant"), value("funnel.out_potential"), value("funnel.out_barrier")]).toEqual([
      1664, 1092, 226,
    ]);
    expect([
      value("adoption.figure_n"),
      value("potential.figure_n"),
      value("barriers.figure_n"),
      value("offers.figure_n"),
    ]).toEqual([4128, 2464, 1372, 1146]);
    const context = figures.filter((f) => f.rule === "context");
    expect(context.map((f) => f.id).sort()).toEqual(["context.eu_2024_sme_ai_users", "context.sme_share_of_firms"]);
    for (const f of context) expect(f.base).toBe("external");
  });

  it("quotes each figure's sentence verbatim from the report, with the number in it", () => {
    const report = normalise(readFileSync(REPORT_FILE, "utf8")).replace(
      /Erhvervsfremme ?bestyrelses/g,
      "Erhvervsfremmebestyrelses",
    );
    for (const f of figures) {
      expect(
        danishForms(f.value).some((form) => f.quote.includes(form)),
        `${f.id}: "${f.quote}" should contain ${f.value}`,
      ).toBe(true);
      const quote = normalise(f.quote);
      // Compare on a long prefix so that line breaks in the text file do not matter.
      expect(report.includes(quote.slice(0, 60)), `${f.id}: quote not found in the report: ${quote.slice(0, 60)}`).toBe(
        true,
      );
    }
  });

  it("has one definition in src/report/figures.ts for every reproducible figure, on the same base, and none for other ids", () => {
    const baseNames = BASES.map((b) => b.name as string);
    for (const f of figures) {
      if (f.rule === "context") continue;
      expect(FIGURE_DEFINITIONS[f.id], f.id).toBeDefined();
      expect(FIGURE_DEFINITIONS[f.id].base).toBe(f.base);
      expect(baseNames).toContain(f.base);
    }
    const ids = new Set(figures.map((f) => f.id));
    for (const id of Object.keys(FIGURE_DEFINITIONS))
      expect(ids.has(id), `${id} is defined but not in figures.csv`).toBe(true);
  });

  it("defines the shares with the contract's codes (§2: uses AI 3–5, relevant 2–5, large potential 1–2, ...)", () => {
    const contract: [string, string, number[]][] = [
      ["adoption.uses_ai", "ai_brug", [3, 4, 5]],
      ["adoption.relevant", "ai_brug", [2, 3, 4, 5]],
      ["adoption.not_relevant", "ai_brug", [1]],
      ["adoption.systematic", "ai_brug", [4]],
      ["adoption.own_tools", "ai_brug", [5]],
      ["summary.systematic_or_own_tools", "ai_brug", [4, 5]],
      ["adoption.experiment_share_of_users", "ai_brug", [3]],
      ["adoption.not_started_share_of_relevant", "ai_brug", [2]],
      ["potential.salg", "pot_salg", [1, 2]],
      ["offers.opkval_ledelse", "tilbud_opkval_ledelse", [1]],
      ["context.digi_produktivitet_positiv", "digi_produktivitet", [1, 2]],
    ];
    for (const [id, column, codes] of contract)
      expect(figureDefinition(id), id).toMatchObject({ statistic: "share", column, codes });
    expect(figureDefinition("barriers.any")).toMatchObject({
      statistic: "baseShare",
      base: "potential",
      subBase: "barrier",
    });
    expect(figureDefinition("funnel.out_potential")).toMatchObject({
      statistic: "count",
      base: "potential",
      count: "excluded",
    });
  });

  it("the summary's reading (answers 4–5) allows exactly what the body's rounded 10 and 2 pct. allow", () => {
    const summary = figures.find((f) => f.id === "summary.systematic_or_own_tools")!;
    const systematic = figures.find((f) => f.id === "adoption.systematic")!;
    const ownTools = figures.find((f) => f.id === "adoption.own_tools")!;
    // The body's figures round half-up, so answer 4 < 10.5 and answer 5 < 2.5: answers 4–5 < 13, at most 3 above the summary's 10.
    const widest = systematic.value + 0.5 + ownTools.value + 0.5 - summary.value;
    expect(summary.ruleSpec).toEqual({ kind: "approx", tolerance: widest });
    expect(summary.section).toBe("summary");
    expect(figures.some((f) => f.id === "summary.systematic")).toBe(false);
  });
});

describe("publishedFigure, estimateFigure, countFigure", () => {
  it("gives a figure's value, rule, quote and definition; a DataError naming the file for an unknown id", () => {
    const f = publishedFigure("adoption.own_tools");
    expect([f.value, f.rule, f.base]).toEqual([2, "round", "all"]);
    expect(f.quote).toMatch(/kun 2 pct\./);
    expect(f.definition).toMatchObject({ column: "ai_brug", codes: [5] });
    expect(publishedFigure("context.sme_share_of_firms").definition).toBeNull();
    expect(() => publishedFigure("adoption.nope")).toThrow(DataError);
    expect(() => publishedFigure("adoption.nope")).toThrow(
      /figures\.csv, column "id": no figure with id "adoption\.nope"/,
    );
  });

  // Ten firms with weights 1..10: ai_brug 1,1,2,2,3,3,3,4,4,5.
  const des = svydesign({
    data: { ai_brug: [1, 1, 2, 2, 3, 3, 3, 4, 4, 5] },
    weights: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    source: "ten.csv",
  });

  it("estimates a share figure on any design, within its base and domain", () => {
    expect(estimateFigure(des, "adoption.systematic").value).toBeCloseTo(17 / 55, 12);
    expect(estimateFigure(des, "adoption.experiment_share_of_users").value).toBeCloseTo(18 / 45, 12);
    expect(estimateFigure(subset(des, { ai_brug: [4, 5] }), "adoption.own_tools").value).toBeCloseTo(10 / 27, 12);
    const logit = estimateFigure(des, "adoption.systematic");
    const beta = estimateFigure(des, "adoption.systematic", { ci: "beta" });
    expect(beta.value).toBe(logit.value);
    expect(beta.ciLow).not.toBeCloseTo(logit.ciLow, 6);
    const r = reproduceFigure(des, publishedFigure("adoption.uses_ai"));
    expect(r.reproduced).toBeCloseTo((100 * 45) / 55, 10);
    expect(r.holds).toBe(false);
  });

  it("counts a count figure: the base's size, or who drops out of the parent", () => {
    expect(countFigure(des, "funnel.n_relevant")).toEqual({ value: 8, n: 8 });
    expect(countFigure(des, "funnel.out_relevant")).toEqual({ value: 2, n: 10 });
  });

  it("names the base n counts from: the parent for who drops out, else the figure's own", () => {
    expect(countedBase("funnel.out_relevant", "relevant")).toBe("all");
    expect(countedBase("funnel.out_potential", "potential")).toBe("relevant");
    expect(countedBase("funnel.out_barrier", "barrier")).toBe("potential");
    expect(countedBase("funnel.n_relevant", "relevant")).toBe("relevant");
    expect(countedBase("context.somewhere", "all")).toBe("all");
  });

  it("refuses a count as a share and a share as a count, and names a missing column", () => {
    expect(() => estimateFigure(des, "funnel.n_total")).toThrow(/unweighted count/);
    expect(() => countFigure(des, "adoption.uses_ai")).toThrow(/weighted share/);
    expect(() => estimateFigure(des, "potential.salg")).toThrow(/ten\.csv, column "pot_salg"/);
    expect(() => figureDefinition("nope.nope")).toThrow(DataError);
  });
});

describe("ruleHolds", () => {
  const fig = (value: number, rule: string) => ({ value, ruleSpec: parseRule(rule)! });

  it("round is half-up at the integer", () => {
    expect(roundHalfUp(43.5)).toBe(44);
    expect(roundHalfUp(44.4999)).toBe(44);
    expect(ruleHolds(fig(44, "round"), 43.5)).toBe(true);
    expect(ruleHolds(fig(44, "round"), 43.49)).toBe(false);
    expect(ruleHolds(fig(44, "round"), 44.5)).toBe(false);
    expect(ruleHolds(fig(2, "round"), 1.96)).toBe(true);
  });

  it("approx:T allows ±T, gt is strict, exact compares counts", () => {
    expect(ruleHolds(fig(75, "approx:5"), 79.9)).toBe(true);
    expect(ruleHolds(fig(75, "approx:5"), 80.1)).toBe(false);
    expect(ruleHolds(fig(75, "approx:5"), 70)).toBe(true);
    expect(ruleHolds(fig(25, "gt"), 25)).toBe(false);
    expect(ruleHolds(fig(25, "gt"), 25.01)).toBe(true);
    expect(ruleHolds(fig(1146, "exact"), 1146)).toBe(true);
    expect(ruleHolds(fig(1146, "exact"), 1145)).toBe(false);
  });

  it("refuses context figures and non-finite estimates", () => {
    expect(() => ruleHolds({ id: "context.x", ...fig(99, "context") }, 99)).toThrow(/context\.x.*another source/);
    expect(() => ruleHolds(fig(44, "round"), Number.NaN)).toThrow(/not a finite number/);
  });
});

describe("parsePublishedFigures validation", () => {
  const header = "id,section,value,rule,base,quote";
  const ok = 'adoption.uses_ai,adoption,44,round,all,"44 pct. bruger AI"';

  it("accepts a valid file", () => {
    expect(parsePublishedFigures(`${header}\n${ok}\n`, "f.csv")).toHaveLength(1);
  });

  it.each([
    [
      "an unknown rule",
      'adoption.uses_ai,adoption,44,roughly,all,"q"',
      /f\.csv, row 1, column "rule": value "roughly"/,
    ],
    ["a non-numeric value", 'adoption.uses_ai,adoption,fyrre,round,all,"q"', /row 1, column "value": value "fyrre"/],
    ["an unknown base", 'adoption.uses_ai,adoption,44,round,everyone,"q"', /row 1, column "base": value "everyone"/],
    ["a malformed id", 'Uses AI,adoption,44,round,all,"q"', /row 1, column "id"/],
    ["a context figure on a panel base", 'context.x,introduction,25,context,all,"q"', /row 1, column "base".*external/],
    ["an empty quote", "adoption.uses_ai,adoption,44,round,all,", /row 1, column "quote"/],
  ])("rejects %s, naming row and column", (_what, line, message) => {
    expect(() => parsePublishedFigures(`${header}\n${line}\n`, "f.csv")).toThrow(message);
  });

  it("rejects duplicate ids and a wrong header", () => {
    expect(() => parsePublishedFigures(`${header}\n${ok}\n${ok}\n`, "f.csv")).toThrow(
      /row 2, column "id".*appears twice/,
    );
    expect(() => parsePublishedFigures(`id,value\nx.y,1\n`, "f.csv")).toThrow(/not the figures header/);
  });
});
