import { beforeAll, describe, expect, it } from "vitest";
import * as fs from "fs";
import * as path from "path";
import { loadDataset } from "../src/report/dataset";
import { proportion } from "../src/survey/estimate";
import { raoScott } from "../src/survey/compare";
import {
  BaseMismatchError,
  UnknownNameError,
  query,
  queryRows,
  type QueryRow,
} from "../src/report/query";
import type { Panel, DesignWeights } from "../src/survey/types";

let panel: Panel;
let design: DesignWeights;

beforeAll(() => {
  const ds = loadDataset();
  panel = ds.panel;
  design = ds.design;
});

/** Rows of the panel where a column is filled (the respondents asked it). */
function askedMask(column: string): boolean[] {
  return panel.columns[column].map((v) => v !== null);
}

function indicator(column: string, codes: readonly number[], mask: readonly boolean[]): (number | null)[] {
  return panel.columns[column].map((v, i) => (mask[i] && v !== null ? (codes.includes(v) ? 1 : 0) : null));
}

function rowOf(rows: QueryRow[], group: string, optionCode: number | string): QueryRow {
  const row = rows.find((r) => r.group === group && r.option_code === optionCode);
  if (!row) throw new Error(`no row ${group}/${optionCode}`);
  return row;
}

/** The published figures (data/published/figures.csv): id → value. */
function publishedValue(id: string): number {
  const text = fs.readFileSync(path.join(__dirname, "..", "data", "published", "figures.csv"), "utf8");
  const line = text.split(/\r?\n/).find((l) => l.startsWith(`${id},`));
  if (!line) throw new Error(`figure ${id} not found`);
  return Number(line.split(",")[2]);
}

describe("query: estimates are src/estimate.ts's", () => {
  it("a categorical question on all respondents equals proportion() per code", () => {
    const result = queryRows({ panel, design }, "ai_brug");
    expect(result.base).toBe("all");
    expect(result.rows).toHaveLength(5);
    const all = new Array<boolean>(panel.rowCount).fill(true);
    for (const code of [1, 2, 3, 4, 5]) {
      const direct = proportion(design, indicator("ai_brug", [code], all));
      const row = rowOf(result.rows, "I alt", code);
      expect(row.estimate).toBeCloseTo(100 * direct.value, 10);
      expect(row.ci_low).toBeCloseTo(100 * direct.ciLow, 10);
      expect(row.ci_high).toBeCloseTo(100 * direct.ciHigh, 10);
      expect(row.se).toBeCloseTo(100 * direct.se, 10);
      expect(row.n).toBe(panel.rowCount);
      expect(row.weighted_base).toBeCloseTo(direct.weightedBase, 6);
      expect(row.suppressed).toBe(false);
    }
  });

  it("by-groups equal proportion() on the group's domain, and the test equals raoScott()", () => {
    const result = queryRows({ panel, design }, "pot_salg", { by: "stoerrelse" });
    const asked = askedMask("pot_salg");
    const size = panel.columns.stoerrelse;
    for (const s of [1, 2, 3]) {
      const domain = asked.map((a, i) => a && size[i] === s);
      for (const code of [1, 2, 3, 4, 5, 6]) {
        const direct = proportion(design, indicator("pot_salg", [code], domain), domain);
        const row = result.rows.find((r) => r.group_code === s && r.option_code === code);
        expect(row?.estimate).toBeCloseTo(100 * direct.value, 10);
        expect(row?.n).toBe(domain.filter(Boolean).length);
      }
    }
    const rs = raoScott(design, panel.columns.pot_salg, size, asked);
    expect(result.tests).toHaveLength(1);
    expect(result.tests[0].f).toBeCloseTo(rs.f, 10);
    expect(result.tests[0].p).toBeCloseTo(rs.p, 12);
    for (const row of result.rows) expect(row.test_p).toBe(result.tests[0].p);
  });

  it("answer groups: large potential in sales equals proportion() of codes 1–2 and rounds to the published 38", () => {
    const result = queryRows({ panel, design }, "pot_salg", { answerGroups: [{ label: "Stort/meget stort", codes: [1, 2] }] });
    expect(result.rows).toHaveLength(1);
    const asked = askedMask("pot_salg");
    const direct = proportion(design, indicator("pot_salg", [1, 2], asked), asked);
    expect(result.rows[0].estimate).toBeCloseTo(100 * direct.value, 10);
    expect(Math.round(result.rows[0].estimate as number)).toBe(publishedValue("potential.salg"));
  });

  it("a single 0/1 column gives its share of 1s; level and ci reach proportion()", () => {
    const result = queryRows({ panel, design }, "tilbud_netvaerk", { level: 0.9, ci: "beta" });
    expect(result.kind).toBe("binary");
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0].option_code).toBe(1);
    const asked = askedMask("tilbud_netvaerk");
    const direct = proportion(design, indicator("tilbud_netvaerk", [1], asked), asked, { level: 0.9, ci: "beta" });
    expect(result.rows[0].ci_low).toBeCloseTo(100 * direct.ciLow, 10);
    expect(result.rows[0].ci_high).toBeCloseTo(100 * direct.ciHigh, 10);
    const wider = queryRows({ panel, design }, "tilbud_netvaerk", { level: 0.99, ci: "beta" }).rows[0];
    expect((wider.ci_high as number) - (wider.ci_low as number)).toBeGreaterThan((result.rows[0].ci_high as number) - (result.rows[0].ci_low as number));
  });

  it("answer groups and by-groupings reject codes that do not exist", () => {
    expect(() => queryRows({ panel, design }, "pot_salg", { answerGroups: [{ label: "x", codes: [7] }] })).toThrow(/code 7.*expected one of 1, 2, 3, 4, 5, 6/);
    expect(() => queryRows({ panel, design }, "tilbud", { answerGroups: [{ label: "x", codes: [1] }] })).toThrow(/not a categorical question/);
    expect(() =>
      queryRows({ panel, design }, "tilbud", { by: { variable: "stoerrelse", groups: [{ label: "x", codes: [4] }] } }),
    ).toThrow(/code 4.*expected one of 1, 2, 3/);
    // a grouping that leaves out a code leaves respondents without a group: refused, not dropped
    expect(() =>
      queryRows({ panel, design }, "tilbud", { by: { variable: "stoerrelse", groups: [{ label: "små", codes: [1] }] } }),
    ).toThrow(BaseMismatchError);
  });

  it("the (panel, design) form and the dataset form give the same DataFrame", () => {
    const a = query({ panel, design }, "tilbud");
    const b = query(panel, design, "tilbud");
    expect(a.columns).toEqual(b.columns);
    expect(a.values).toEqual(b.values);
    expect(a.columns.slice(0, 10)).toEqual(["group", "option", "estimate", "ci_low", "ci_high", "se", "n", "weighted_base", "effective_n", "suppressed"]);
  });
});

describe("query: multi-response questions", () => {
  it("the base is the respondents asked (the contract's 1,146 with at least one barrier), per item", () => {
    const result = queryRows({ panel, design }, "tilbud");
    expect(result.kind).toBe("multi");
    expect(result.base).toBe("barrier");
    const asked = askedMask("tilbud_raadgivning_ai");
    const nAsked = asked.filter(Boolean).length;
    expect(nAsked).toBe(1146); // DATA-CONTRACT §3, the report's N
    expect(result.baseN).toBe(nAsked);
    expect(result.rows).toHaveLength(9);
    for (const row of result.rows) {
      expect(row.n).toBe(nAsked);
      const column = `tilbud_${row.option_code}`;
      const direct = proportion(design, indicator(column, [1], asked), asked);
      expect(row.estimate).toBeCloseTo(100 * direct.value, 10);
    }
    expect(Math.round(rowOf(result.rows, "I alt", "raadgivning_ai").estimate as number)).toBe(publishedValue("offers.raadgivning_ai"));
  });

  it("a barrier group's base is those seeing large potential in that area", () => {
    const result = queryRows({ panel, design }, "bar_kundeservice");
    const asked = panel.columns.pot_kundeservice.map((v) => v === 1 || v === 2);
    expect(result.baseN).toBe(asked.filter(Boolean).length);
    expect(askedMask("bar_kundeservice_viden")).toEqual(asked);
  });

  it("with by, there is one Rao–Scott test per item, equal to raoScott() on that item", () => {
    const result = queryRows({ panel, design }, "tilbud", { by: "oekonomi" });
    expect(result.tests.map((t) => t.item)).toEqual([
      "raadgivning_ai", "opkval_medarbejdere", "opkval_ledelse", "raadgivning_jura", "cybersikkerhed",
      "netvaerk", "finansiering", "teknisk", "andet",
    ]);
    const asked = askedMask("tilbud_raadgivning_ai");
    const rs = raoScott(design, panel.columns.tilbud_cybersikkerhed, panel.columns.oekonomi, asked);
    const t = result.tests.find((x) => x.item === "cybersikkerhed");
    expect(t?.f).toBeCloseTo(rs.f, 10);
    const rows = result.rows.filter((r) => r.option_code === "cybersikkerhed");
    expect(rows).toHaveLength(6);
    for (const r of rows) expect(r.test_f).toBe(t?.f);
  });
});

describe("query: suppression", () => {
  it("cells under minN are suppressed and show null, not a number; the others are shown", () => {
    const open = queryRows({ panel, design }, "bar_salg", { by: "branche", minN: 0, minEffectiveN: 0 });
    const sizes = [...new Set(open.rows.filter((r) => r.group_code !== null).map((r) => r.n))].sort((a, b) => a - b);
    expect(sizes.length).toBeGreaterThan(2);
    const threshold = sizes[Math.floor(sizes.length / 2)]; // some groups below, some at/above
    const result = queryRows({ panel, design }, "bar_salg", { by: "branche", minN: threshold, minEffectiveN: 0 });
    let suppressedCount = 0;
    for (const row of result.rows) {
      expect(row.suppressed).toBe(row.n < threshold);
      if (row.suppressed) {
        suppressedCount++;
        expect(row.estimate).toBeNull();
        expect(row.ci_low).toBeNull();
        expect(row.ci_high).toBeNull();
        expect(row.se).toBeNull();
      } else {
        expect(typeof row.estimate).toBe("number");
        expect(Number.isFinite(row.estimate)).toBe(true);
      }
    }
    expect(suppressedCount).toBeGreaterThan(0);
    expect(suppressedCount).toBeLessThan(result.rows.length);
    const df = query({ panel, design }, "bar_salg", { by: "branche", minN: threshold, minEffectiveN: 0 });
    const estimates = df.column("estimate").values as (number | null)[];
    result.rows.forEach((row, i) => {
      if (row.suppressed) expect(estimates[i]).toBeNull();
      else expect(estimates[i]).toBeCloseTo(row.estimate as number, 10);
    });
  });

  it("the effective-n rule suppresses on its own, using Kish's (Σw)²/Σw² of the cell", () => {
    const result = queryRows({ panel, design }, "ai_brug", { by: "stoerrelse", minN: 0, minEffectiveN: 1e9 });
    expect(result.rows.every((r) => r.suppressed && r.estimate === null)).toBe(true);
    const w = design.weights;
    const small = panel.columns.stoerrelse.map((v) => v === 1);
    let s = 0;
    let s2 = 0;
    small.forEach((m, i) => {
      if (m) {
        s += w[i];
        s2 += w[i] * w[i];
      }
    });
    const row = result.rows.find((r) => r.group_code === 1);
    expect(row?.effective_n).toBeCloseTo((s * s) / s2, 8);
  });

  it("by default, a group with fewer than 10 respondents is suppressed (barriers in HR by industry)", () => {
    const result = queryRows({ panel, design }, "bar_hr", { by: "branche" });
    const asked = panel.columns.pot_hr.map((v) => v === 1 || v === 2);
    const w = design.weights;
    let small = 0;
    for (const row of result.rows) {
      const inGroup = asked.map((a, i) => a && (row.group_code === null || panel.columns.branche[i] === row.group_code));
      const n = inGroup.filter(Boolean).length;
      let s = 0;
      let s2 = 0;
      inGroup.forEach((m, i) => {
        if (m) {
          s += w[i];
          s2 += w[i] * w[i];
        }
      });
      expect(row.n).toBe(n);
      const expected = n < 10 || (s * s) / s2 < 5;
      expect(row.suppressed).toBe(expected);
      if (expected) expect(row.estimate).toBeNull();
      if (n < 10) small++;
    }
    expect(small).toBeGreaterThan(0);
  });
});

function messageOf(f: () => unknown): string {
  try {
    f();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error("expected an error");
}

describe("query: named groupings for by", () => {
  it("stoerrelse_2grp: groups under 10 (code 1) and 10+ (codes 2–3), estimates as proportion() on each domain", () => {
    const result = queryRows({ panel, design }, "tilbud", { by: "stoerrelse_2grp" });
    expect(result.by).toBe("stoerrelse_2grp");
    const groups = [...new Set(result.rows.filter((r) => r.group_code !== null).map((r) => r.group))];
    expect(groups).toEqual(["Under 10 årsværk", "Mindst 10 årsværk"]);
    const barrier = askedMask("tilbud_raadgivning_ai");
    const larger = barrier.map((inBase, i) => inBase && [2, 3].includes(panel.columns.stoerrelse[i] as number));
    const direct = proportion(design, indicator("tilbud_raadgivning_ai", [1], larger), larger);
    const row = rowOf(result.rows, "Mindst 10 årsværk", "raadgivning_ai");
    expect(row.group_code).toBe(2);
    expect(row.n).toBe(larger.filter(Boolean).length);
    expect(row.estimate).toBeCloseTo(100 * direct.value, 10);
    expect(row.ci_low).toBeCloseTo(100 * direct.ciLow, 10);
  });

  it("oekonomi_2grp equals the same grouping written out, and its test is raoScott() on the 2-group recode", () => {
    const named = queryRows({ panel, design }, "tilbud", { by: "oekonomi_2grp" });
    const written = queryRows({ panel, design }, "tilbud", {
      by: { variable: "oekonomi", groups: [{ label: "Positiv (meget god/god)", codes: [1, 2] }, { label: "Mindre optimistisk (øvrige svar)", codes: [3, 4, 5] }] },
    });
    expect(named.rows).toEqual(written.rows);
    expect(named.byLabel).not.toBe(written.byLabel);
    const asked = askedMask("tilbud_cybersikkerhed");
    const twoGroups = panel.columns.oekonomi.map((v) => (v === null ? null : v <= 2 ? 1 : 2));
    const direct = raoScott(design, panel.columns.tilbud_cybersikkerhed, twoGroups, asked);
    const test = named.tests.find((t) => t.item === "cybersikkerhed");
    expect(test?.p).toBeCloseTo(direct.p, 12);
  });

  it("English labels of a named grouping", () => {
    const result = queryRows({ panel, design }, "ai_brug", { by: "stoerrelse_2grp", lang: "en" });
    expect(result.rows.some((r) => r.group === "10 FTE or more")).toBe(true);
    expect(result.byLabel).toBe("Full-time equivalents (two groups)");
  });

  it("an unknown by name lists the variables and the groupings", () => {
    expect(() => queryRows({ panel, design }, "tilbud", { by: "stoerrelse_3grp" })).toThrow(/"stoerrelse_3grp".*stoerrelse.*groupings: stoerrelse_2grp, oekonomi_2grp/s);
  });
});

describe("query: names", () => {
  it("an unknown question lists the valid questions", () => {
    expect(() => queryRows({ panel, design }, "ai_brugg")).toThrow(UnknownNameError);
    const message = messageOf(() => queryRows({ panel, design }, "ai_brugg"));
    expect(message).toContain('"ai_brugg"');
    for (const name of ["ai_brug", "pot_salg", "oekonomi", "tilbud", "bar_salg", "bar_logistik", "tilbud_raadgivning_ai"]) {
      expect(message).toMatch(new RegExp(`\\b${name}\\b`));
    }
  });

  it("an unknown by-variable lists the valid variables", () => {
    expect(() => queryRows({ panel, design }, "tilbud", { by: "size" })).toThrow(UnknownNameError);
    expect(() => queryRows({ panel, design }, "tilbud", { by: "size" })).toThrow(/"size".*branche.*stoerrelse.*oekonomi/s);
  });

  it("an unknown base lists the valid bases", () => {
    expect(() => queryRows({ panel, design }, "tilbud", { base: "everyone" })).toThrow(UnknownNameError);
    expect(() => queryRows({ panel, design }, "tilbud", { base: "everyone" })).toThrow(/"everyone".*all.*relevant.*potential.*barrier.*potential_salg/s);
  });

  it("a base with respondents who were not asked is refused, listing the bases that fit", () => {
    expect(() => queryRows({ panel, design }, "pot_salg", { base: "all" })).toThrow(BaseMismatchError);
    expect(() => queryRows({ panel, design }, "pot_salg", { base: "all" })).toThrow(/not asked.*relevant/s);
    const narrower = queryRows({ panel, design }, "pot_salg", { base: "users" });
    const users = panel.columns.ai_brug.map((v) => v !== null && v >= 3);
    expect(narrower.baseN).toBe(users.filter(Boolean).length);
  });

  it("English labels", () => {
    const result = queryRows({ panel, design }, "ai_brug", { by: "stoerrelse", lang: "en" });
    expect(result.rows[0].group).toBe("Total");
    expect(result.rows.some((r) => r.group === "Under 10 FTE")).toBe(true);
  });
});
