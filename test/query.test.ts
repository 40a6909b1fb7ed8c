/**
 * The answers of src/ask/compute.ts: each cell equals the engine's estimator on a domain built here
 * directly from the panel's columns (not through the codebook's conditions or svyby), the bases are
 * the data contract's, suppression and the uncertain flag follow n and the Kish effective n, a share
 * of 0 % gets the exact one-sided bound, a mean leaves "ved ikke" out, a total is the weighted count.
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as fs from "fs";
import * as path from "path";
import { loadDataset, type Dataset } from "../src/report/dataset";
import { qbeta, subset, svychisq, svyciprop, svymean, svytotal, update, type SurveyDesign } from "../src/survey";
import { askResult } from "../src/ask/compute";
import { normalizeSpec, SpecError, type AskSpecInput } from "../src/ask/spec";
import type { AskResult, AskRow } from "../src/ask/result";

let ds: Dataset;
let design: SurveyDesign;
const col = (name: string): (number | null)[] => ds.panel.columns[name];
const answer = (spec: AskSpecInput): AskResult => askResult(ds, normalizeSpec(spec));

beforeAll(() => {
  ds = loadDataset();
  design = ds.design;
});

function mask(test: (i: number) => boolean): boolean[] {
  return Array.from({ length: ds.panel.rowCount }, (_, i) => test(i));
}

function row(result: AskResult, by1: number | null, option: string, by2: number | null = null): AskRow {
  const found = result.rows.find((r) => r.by1_code === by1 && r.by2_code === by2 && r.option_code === option);
  if (!found) throw new Error(`no row ${by1}/${by2}/${option}`);
  return found;
}

function published(id: string): number {
  const line = fs
    .readFileSync(path.join(__dirname, "..", "data", "published", "figures.csv"), "utf8")
    .split(/\r?\n/)
    .find((l) => l.startsWith(`${id},`));
  if (!line) throw new Error(`figure ${id} not found`);
  return Number(line.split(",")[2]);
}

function specError(f: () => unknown): SpecError {
  try {
    f();
  } catch (error) {
    if (error instanceof SpecError) return error;
    throw error;
  }
  throw new Error("expected a SpecError");
}

describe("askResult: shares", () => {
  it("a categorical question on everyone: svyciprop per code, n and weighted base of the panel", () => {
    const result = answer({ question: "ai_brug" });
    expect(result.meta.base.name).toBe("all");
    expect(result.rows).toHaveLength(5);
    for (const code of [1, 2, 3, 4, 5]) {
      const direct = svyciprop(design, "ai_brug", [code]);
      const r = row(result, null, String(code));
      expect(r.estimate).toBeCloseTo(100 * direct.value, 10);
      expect(r.ci_low).toBeCloseTo(100 * direct.ciLow, 10);
      expect(r.se).toBeCloseTo(100 * direct.se, 10);
      expect(r.n).toBe(ds.panel.rowCount);
      expect(r.weighted_base).toBeCloseTo(direct.weightedBase, 6);
    }
  });

  it("by groups are the panel's own groups within those asked; the test is svychisq on that domain", () => {
    const result = answer({ question: "pot_salg", by: "stoerrelse" });
    expect(result.meta.base.name).toBe("relevant");
    const asked = mask((i) => col("pot_salg")[i] !== null);
    for (const s of [1, 2, 3]) {
      const domain = subset(
        design,
        mask((i) => asked[i] && col("stoerrelse")[i] === s),
      );
      for (const code of [1, 2, 6])
        expect(row(result, s, String(code)).estimate).toBeCloseTo(
          100 * svyciprop(domain, "pot_salg", [code]).value,
          10,
        );
      expect(row(result, s, "1").n).toBe(asked.filter((a, i) => a && col("stoerrelse")[i] === s).length);
    }
    const rs = svychisq(subset(design, asked), "pot_salg", "stoerrelse");
    expect(result.meta.tests).toHaveLength(1);
    expect(result.meta.tests[0].f).toBeCloseTo(rs.f, 10);
    expect(result.meta.tests[0].p).toBeCloseTo(rs.p, 12);
  });

  it("answer groups: codes 1–2 of pot_salg round to the published 38; the test pools the other codes", () => {
    const result = answer({ question: "pot_salg", answers: "1-2", by: "stoerrelse_2grp" });
    expect(result.rows.filter((r) => r.by1_code === null)).toHaveLength(1);
    expect(Math.round(row(result, null, "1+2").estimate as number)).toBe(published("potential.salg"));
    const asked = subset(
      design,
      mask((i) => col("pot_salg")[i] !== null),
    );
    const recoded = update(update(asked, { large: col("pot_salg").map((v) => (v === null ? null : v <= 2 ? 1 : 2)) }), {
      small: col("stoerrelse").map((v) => (v === 1 ? 1 : 2)),
    });
    expect(result.meta.tests[0].p).toBeCloseTo(svychisq(recoded, "large", "small").p, 12);
  });

  it("a multi-response question: base barrier (the contract's 1,146), one row and one test per item", () => {
    const result = answer({ question: "tilbud", by: "oekonomi" });
    expect(result.meta.base.name).toBe("barrier");
    expect(result.meta.n).toBe(1146);
    expect(result.rows).toHaveLength(6 * 9);
    expect(result.meta.tests.map((t) => t.item)).toEqual([
      "raadgivning_ai",
      "opkval_medarbejdere",
      "opkval_ledelse",
      "raadgivning_jura",
      "cybersikkerhed",
      "netvaerk",
      "finansiering",
      "teknisk",
      "andet",
    ]);
    expect(Math.round(row(result, null, "raadgivning_ai").estimate as number)).toBe(published("offers.raadgivning_ai"));
    const asked = mask((i) => col("tilbud_netvaerk")[i] !== null);
    const good = subset(
      design,
      mask((i) => asked[i] && col("oekonomi")[i] === 2),
    );
    expect(row(result, 2, "netvaerk").estimate).toBeCloseTo(100 * svyciprop(good, "tilbud_netvaerk", [1]).value, 10);
  });

  it("a filter narrows the base like a domain; two by variables give every combination", () => {
    const result = answer({ question: "tilbud", by: ["alder", "stoerrelse_2grp"], filter: "branche=4,8" });
    const inFilter = mask((i) => col("tilbud_andet")[i] !== null && [4, 8].includes(col("branche")[i] as number));
    expect(result.meta.n).toBe(inFilter.filter(Boolean).length);
    expect(result.rows).toHaveLength((1 + 3 * 2) * 9);
    const cell = subset(
      design,
      mask((i) => inFilter[i] && col("alder")[i] === 3 && (col("stoerrelse")[i] as number) >= 2),
    );
    const r = row(result, 3, "raadgivning_ai", 2);
    expect(r.n).toBe(
      inFilter.filter((f, i) => f && col("alder")[i] === 3 && (col("stoerrelse")[i] as number) >= 2).length,
    );
    expect(r.estimate).toBeCloseTo(100 * svyciprop(cell, "tilbud_raadgivning_ai", [1]).value, 10);
    expect(result.meta.tests.map((t) => t.by)).toEqual(expect.arrayContaining(["alder", "stoerrelse_2grp"]));
  });
});

describe("askResult: means and totals", () => {
  it("a mean leaves 'Ved ikke' out, says how many, and equals svymean on the scale codes", () => {
    const result = answer({ question: "digi_produktivitet", stat: "mean", by: "stoerrelse" });
    const dontKnow = col("digi_produktivitet").filter((v) => v === 9).length;
    expect(dontKnow).toBeGreaterThan(0);
    expect(result.meta.excluded).toEqual({ codes: [9], labels: ["Ved ikke"], n: dontKnow });
    expect(result.meta.notes.join(" ")).toContain(`"Ved ikke" er udeladt (${dontKnow} svar)`);
    expect(result.meta.n).toBe(ds.panel.rowCount - dontKnow);
    const small = subset(
      design,
      mask((i) => col("digi_produktivitet")[i] !== 9 && col("stoerrelse")[i] === 1),
    );
    expect(row(result, 1, "mean").estimate).toBeCloseTo(svymean(small, "digi_produktivitet").value, 10);
    expect(row(result, 1, "mean").ci_high).toBeCloseTo(svymean(small, "digi_produktivitet").ciHigh, 10);
  });

  it("a total is the estimated number of firms: svytotal of the codes, and the shares times the weighted base", () => {
    const result = answer({ question: "ai_brug", answers: "3-5", stat: "total", filter: "branche=5" });
    const it5 = subset(
      design,
      mask((i) => col("branche")[i] === 5),
    );
    const direct = svytotal(it5, "ai_brug", [3, 4, 5]);
    const r = row(result, null, "3+4+5");
    expect(r.estimate).toBeCloseTo(direct.value, 6);
    expect(r.se).toBeCloseTo(direct.se, 6);
    expect(r.estimate).toBeCloseTo(svyciprop(it5, "ai_brug", [3, 4, 5]).value * r.weighted_base!, 6);
    const everyone = answer({ question: "ai_brug", stat: "total" });
    const sum = everyone.rows.reduce((s, x) => s + (x.estimate as number), 0);
    expect(sum).toBeCloseTo(everyone.meta.weighted_base, 4);
  });
});

describe("askResult: small cells", () => {
  it("suppressed below n or effective n; uncertain below 30; a 0 % share has an exact one-sided bound", () => {
    const result = answer({ question: "bar_hr", by: "branche" });
    const asked = mask((i) => col("bar_hr_viden")[i] !== null);
    let suppressed = 0;
    let uncertain = 0;
    let zero = 0;
    for (const r of result.rows) {
      const inCell = mask((i) => asked[i] && (r.by1_code === null || col("branche")[i] === r.by1_code));
      const w = Array.from(design.weights).filter((_, i) => inCell[i]);
      const sum = w.reduce((a, b) => a + b, 0);
      const effective = (sum * sum) / w.reduce((a, b) => a + b * b, 0);
      expect(r.n).toBe(w.length);
      expect(r.effective_n).toBeCloseTo(effective, 8);
      expect(r.suppressed).toBe(w.length < 10 || effective < 5);
      expect(r.uncertain).toBe(!r.suppressed && w.length < 30);
      if (r.suppressed) {
        suppressed++;
        expect([r.estimate, r.ci_low, r.ci_high, r.se]).toEqual([null, null, null, null]);
      }
      if (r.uncertain) uncertain++;
      if (r.estimate === 0) {
        zero++;
        expect(r.one_sided).toBe(true);
        expect(r.ci_low).toBe(0);
        expect(r.ci_high).toBeCloseTo(100 * (1 - Math.pow(0.05, 1 / effective)), 9);
        expect(r.ci_high).toBeCloseTo(100 * qbeta(0.95, 1, effective), 9);
      } else expect(r.one_sided).toBe(false);
    }
    expect(suppressed).toBeGreaterThan(0);
    expect(uncertain).toBeGreaterThan(0);
    expect(zero).toBeGreaterThan(0);
    expect(result.meta.notes.length).toBe(3);
  });

  it("raising min-n suppresses more; the limits are in the result", () => {
    const strict = answer({ question: "ai_brug", by: "branche", minN: 300 });
    expect(strict.meta.min_n).toBe(300);
    for (const r of strict.rows) {
      expect([r.n, r.effective_n]).not.toContain(null);
      expect(r.suppressed).toBe(r.n! < 300 || r.effective_n! < 5);
    }
    expect(strict.rows.some((r) => r.suppressed)).toBe(true);
  });
});

describe("askResult: data that does not fit the spec", () => {
  it("a base with respondents not asked is refused, naming the bases that fit", () => {
    const e = specError(() => answer({ question: "pot_salg", base: "all" }));
    expect(e.code).toBe("base-not-asked");
    expect(e.message).toMatch(/ikke blev spurgt om "pot_salg".*relevant/s);
    expect(answer({ question: "pot_salg", base: "users" }).meta.n).toBe(
      col("ai_brug").filter((v) => v !== null && v >= 3).length,
    );
  });

  it("a by variable not asked of everyone in the base is refused", () => {
    expect(specError(() => answer({ question: "ai_brug", by: "pot_salg" })).code).toBe("by-not-asked");
  });

  it("filters that leave nobody are refused", () => {
    expect(specError(() => answer({ question: "pot_salg", filter: "ai_brug=1" })).code).toBe("empty-base");
  });

  it("the meta carries the spec, the notice and the same question as a command and a link", () => {
    const result = answer({ question: "tilbud", by: "størrelse", base: "barrier" });
    expect(result.meta.spec).toEqual(normalizeSpec({ question: "tilbud", by: "stoerrelse", base: "barrier" }));
    expect(result.meta.command).toBe("npx ask tilbud --by stoerrelse --base barrier");
    expect(result.meta.query).toBe("question=tilbud&by=stoerrelse&base=barrier");
    expect(result.meta.notice).toBe(ds.notice("da"));
    expect(result.meta.synthetic).toBe(ds.isSynthetic);
    expect(result.meta.base.label).toBe("SMV'er, der oplever mindst én barriere");
    expect(result.meta.question.label).toBe("Mest relevante tilbud (vælg op til tre)");
  });
});
