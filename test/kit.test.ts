/**
 * The notebook kit: loading and the banner, the published-figure lookup, bases and groupings as
 * domains of the design, item sets, and results as table cells. Expected values are computed here by
 * hand from the panel's columns and weights (weighted shares and counts), not by the kit's own route.
 */
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  bannerMarkdown,
  base,
  comparisonRow,
  differenceCells,
  domainText,
  figure,
  figureEstimate,
  figureName,
  findFigure,
  groupLabel,
  itemOf,
  itemSet,
  openDataset,
  panelName,
  provenance,
  publishedText,
  ruleWords,
  sectionName,
  shareAndInterval,
  shareCells,
  sizeText,
  sourceWords,
  weightGroups,
  withGroupings,
  yesNo,
} from "../src/present/kit";
import { readPublishedFigures, type PublishedFigure } from "../src/report/published";
import type { Dataset } from "../src/report/dataset";
import { inDomain, svyciprop, svydiff, type Estimate, type SurveyDesign } from "../src/survey";

const root = path.resolve(__dirname, "..");

/** Weighted share of rows where `yes` holds among rows where `inside` holds, by hand. */
function weightedShare(
  des: SurveyDesign,
  inside: (i: number) => boolean,
  yes: (i: number) => boolean,
): { value: number; n: number; sum: number } {
  let n = 0;
  let sum = 0;
  let hit = 0;
  for (let i = 0; i < des.n; i++) {
    if (!inside(i)) continue;
    n++;
    sum += des.weights[i];
    if (yes(i)) hit += des.weights[i];
  }
  return { value: hit / sum, n, sum };
}

describe("kit: dataset, banner, bases and groupings", () => {
  let ds: Dataset;
  let des: SurveyDesign;
  beforeAll(() => {
    ds = openDataset({ quiet: true });
    des = ds.design;
  });
  const col = (name: string) => (i: number) => des.data[name][i];
  const isIn = (name: string, codes: number[]) => (i: number) => {
    const v = col(name)(i);
    return v !== null && codes.includes(v);
  };

  it("the banner names the panel by its file name only and says what it is", () => {
    const text = bannerMarkdown(ds);
    expect(text).toContain(`\`${path.basename(ds.panelPath)}\``);
    expect(text).not.toContain(path.dirname(ds.panelPath));
    expect(text).toContain(ds.notice("da"));
    expect(text).toMatch(/\d\.\d{3} besvarelser/); // Danish thousands dot
    const real = {
      ...ds,
      provenance: "real" as const,
      isSynthetic: false,
      notice: () => "",
      panelPath: "/home/analyst/secret/panel-2025.csv",
      panelName: "panel-2025.csv",
    };
    expect(provenance(real)).toBe("Rigtige besvarelser.");
    expect(bannerMarkdown(real)).not.toContain("/home/analyst");
    expect(panelName(real)).toBe("panel-2025.csv");
    expect(bannerMarkdown(ds, "en")).toMatch(/\d,\d{3} responses/);
  });

  it("a base is a domain of the whole design: the codebook's rows, every row kept for the variance", () => {
    const relevant = base(des, "relevant");
    const hand = Array.from(des.data.ai_brug, (v) => v !== null && v >= 2 && v <= 5);
    expect(inDomain(relevant)).toEqual(hand);
    expect(relevant.n).toBe(des.n);
    const potentialHand = Array.from(des.data.ai_brug, (_, i) =>
      ["salg", "udvikling", "admin", "kundeservice", "produktion", "hr", "logistik"].some((a) =>
        isIn(`pot_${a}`, [1, 2])(i),
      ),
    );
    expect(inDomain(base(des, "potential"))).toEqual(potentialHand);
    const e = svyciprop(relevant, "pot_salg", [1, 2]);
    const expected = weightedShare(des, (i) => hand[i], isIn("pot_salg", [1, 2]));
    expect(e.value).toBeCloseTo(expected.value, 12);
    expect(e.n).toBe(expected.n);
    expect(sizeText(relevant)).toBe(
      `n = ${expected.n.toLocaleString("da-DK")} · vægtet basis = ${Math.round(expected.sum).toLocaleString("da-DK")}`,
    );
    expect(domainText(relevant)).toMatch(/^Basis: SMV'er, der bruger AI eller finder det relevant · n = /);
    expect(domainText(des)).toMatch(/^Basis: Alle SMV'er · n = /);
    expect(() => base(des, "nobody")).toThrow(/Unknown base "nobody"/);
  });

  it("groupings become columns that svyby and svydiff can use, with the codebook's labels", () => {
    const grouped = withGroupings(des);
    Array.from(grouped.data.stoerrelse).forEach((v, i) =>
      expect(grouped.data.stoerrelse_2grp[i]).toBe(v === 1 ? 1 : 2),
    );
    expect(groupLabel({ stoerrelse_2grp: 2 })).toBe("Mindst 10 årsværk");
    expect(groupLabel({ oekonomi_2grp: 1 }, "en")).toBe("Positive (very good/good)");
    expect(groupLabel({ stoerrelse: 1 })).toBe("Under 10 årsværk");
    expect(() => groupLabel({ stoerrelse_2grp: 3 })).toThrow(/has no group 3/);
    const d = svydiff(des, "ai_brug", [3, 4, 5], "stoerrelse_2grp", [[2], [1]]);
    expect(d.first.value).toBeCloseTo(
      weightedShare(des, isIn("stoerrelse", [2, 3]), isIn("ai_brug", [3, 4, 5])).value,
      12,
    );
    expect(d.second.value).toBeCloseTo(
      weightedShare(des, isIn("stoerrelse", [1]), isIn("ai_brug", [3, 4, 5])).value,
      12,
    );
  });

  it("an item set: every item's share on the question's base, and the mean number chosen", () => {
    const offers = itemSet(des, "tilbud");
    const asked = inDomain(base(des, "barrier"));
    expect(inDomain(offers.design)).toEqual(asked);
    for (const it of offers.items) {
      expect(it.estimate.value).toBeCloseTo(weightedShare(des, (i) => asked[i], isIn(it.column, [1])).value, 12);
    }
    expect(itemOf(offers, "raadgivning_ai").label).toBe("Rådgivning om anvendelse af AI");
    expect(offers.items.some((it) => it.label.endsWith(" *"))).toBe(true); // items the report does not name
    let chosen = 0;
    let sum = 0;
    Array.from(des.data.tilbud_raadgivning_ai).forEach((_, i) => {
      if (!asked[i]) return;
      sum += des.weights[i];
      chosen += des.weights[i] * offers.items.reduce((s, it) => s + (des.data[it.column][i] ?? 0), 0);
    });
    expect(offers.meanChoices.value).toBeCloseTo(chosen / sum, 12);
    expect(() => itemOf(offers, "nothing")).toThrow(/no item "nothing"/);
    expect(() => itemSet(des, "nothing")).toThrow(/multi-response question "nothing"/);
  });

  it("weights by group, for histograms and box plots", () => {
    const groups = weightGroups(des, "stoerrelse");
    expect(groups.map((g) => g.name)).toEqual(["Under 10 årsværk", "10-49 årsværk", "50-249 årsværk"]);
    expect(groups.reduce((s, g) => s + g.values.length, 0)).toBe(des.n);
    expect(groups[0].values[0]).toBe(des.weights[Array.from(des.data.stoerrelse).indexOf(1)]);
  });

  it("a published figure estimated by its own definition", () => {
    const usesAi = figureEstimate(des, "adoption.uses_ai");
    expect(usesAi.value).toBeCloseTo(weightedShare(des, () => true, isIn("ai_brug", [3, 4, 5])).value, 12);
    const salg = figureEstimate(des, "potential.salg");
    expect(salg.value).toBeCloseTo(
      weightedShare(des, isIn("ai_brug", [2, 3, 4, 5]), isIn("pot_salg", [1, 2])).value,
      12,
    );
    expect(() => figureEstimate(des, "funnel.n_total")).toThrow(/not a share/);
  });
});

describe("kit: published figures in words", () => {
  const published = readPublishedFigures(path.join(root, "data", "published", "figures.csv"));

  it("looks a figure up by id, or says there is none", () => {
    expect(figure("adoption.uses_ai").value).toBe(published.find((f) => f.id === "adoption.uses_ai")?.value);
    expect(findFigure("offers.cybersikkerhed")).toBeNull();
    expect(() => figure("no.such")).toThrow(/no figure with id "no.such"/);
  });

  it("names every figure in words, never by its id", () => {
    for (const f of published) {
      const name = figureName(f.id);
      expect(name, f.id).not.toContain(f.id);
      expect(name, f.id).not.toMatch(/^[a-z_]+ \d/); // not "ai_brug 3–5 …"
      expect(name.charAt(0), f.id).toBe(name.charAt(0).toUpperCase());
    }
    expect(figureName("adoption.uses_ai")).toBe("Bruger AI");
    expect(figureName("potential.salg")).toBe("Stort/meget stort potentiale: Salg og markedsføring");
    expect(figureName("context.eu_2024_sme_ai_users")).toMatch(/^Anden kilde: /);
  });

  it("rules, sources and sections in words", () => {
    expect(ruleWords({ kind: "round" })).toBe("afrundet til heltal");
    expect(ruleWords({ kind: "approx", tolerance: 2 })).toBe("inden for ±2 point");
    expect(ruleWords({ kind: "gt" }, "en")).toBe("strictly greater than");
    expect(sourceWords("verbatim")).toBe("afskrevet fra Danmarks Statistik");
    expect(sourceWords("estimate")).toBe("skøn");
    expect(sectionName("offers")).toBe("Løsninger");
    expect(sectionName("unknown")).toBe("unknown");
  });
});

describe("kit: results as table cells", () => {
  const fig = (rule: PublishedFigure["ruleSpec"], value: number): PublishedFigure => ({
    id: "adoption.uses_ai",
    section: "adoption",
    value,
    rule: rule.kind,
    ruleSpec: rule,
    base: "all",
    quote: "",
  });
  const estimate: Estimate = {
    value: 0.4403,
    se: 0.01,
    ciLow: 0.4213,
    ciHigh: 0.4587,
    level: 0.95,
    df: 4127,
    n: 4128,
    weightedBase: 177677,
    deff: 1.5,
  };

  it("the published figure with its rule, counts the Danish way", () => {
    expect(publishedText(fig({ kind: "round" }, 44))).toBe("44");
    expect(publishedText(fig({ kind: "approx", tolerance: 5 }, 75))).toBe("≈ 75 (±5)");
    expect(publishedText(fig({ kind: "gt" }, 25))).toBe("> 25");
    expect(publishedText(fig({ kind: "exact" }, 4128))).toBe("4.128");
    expect(publishedText(fig({ kind: "exact" }, 4128), "en")).toBe("4,128");
  });

  it("Danish comparison row: headings, formatted numbers, base label, rule check", () => {
    expect(comparisonRow(fig({ kind: "round" }, 44), "Bruger AI", estimate)).toEqual({
      Tal: "Bruger AI",
      Rapporten: "44",
      Reproduceret: "44,0",
      "95 %-KI": "42,1–45,9",
      n: "4.128",
      "Vægtet basis": "177.677",
      Basis: "Alle SMV'er",
      "Regel opfyldt": "ja",
    });
    expect(comparisonRow(fig({ kind: "round" }, 45), "Bruger AI", estimate)["Regel opfyldt"]).toBe("NEJ");
  });

  it("English comparison row", () => {
    const row = comparisonRow(fig({ kind: "gt" }, 25), "Uses AI", estimate, "en");
    expect(row).toMatchObject({
      Figure: "Uses AI",
      Report: "> 25",
      Reproduced: "44.0",
      "95% CI": "42.1–45.9",
      n: "4,128",
      "Weighted base": "177,677",
      Base: "All SMEs",
      "Rule met": "yes",
    });
  });

  it("share cells, share with interval, differences, yes/no", () => {
    expect(shareCells(estimate)).toEqual({
      "Andel (%)": "44,0",
      "95 %-KI": "42,1–45,9",
      n: "4.128",
      "Vægtet basis": "177.677",
    });
    expect(shareAndInterval("Under 10 årsværk", estimate)).toEqual({
      "Under 10 årsværk (%)": "44,0",
      "Under 10 årsværk: 95 %-KI": "42,1–45,9",
    });
    const d = {
      value: -0.18,
      se: 0.03,
      ciLow: -0.248,
      ciHigh: -0.113,
      level: 0.95,
      df: 1000,
      t: -5,
      p: 0.00001,
      first: estimate,
      second: { ...estimate, value: 0.6203 },
    };
    expect(differenceCells(d, ["Små", "Store"])).toEqual({
      "Små (%)": "44,0",
      "Store (%)": "62,0",
      "Forskel (point)": "−18,0",
      "95 %-KI for forskel": "−24,8 til −11,3",
      p: "< 0,001",
    });
    const at90 = differenceCells({ ...d, level: 0.9 }, ["Små", "Store"], "en");
    expect(Object.keys(at90)).toContain("90% CI of difference");
    expect(Object.keys(shareCells({ ...estimate, level: 0.975 }))).toContain("97,5 %-KI");
    expect([yesNo(true), yesNo(false), yesNo(false, "en")]).toEqual(["ja", "NEJ", "NO"]);
  });
});
