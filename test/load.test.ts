import { readFileSync } from "fs";
import { join } from "path";
import { describe, expect, it } from "vitest";
import { AREAS, BARRIER_ITEMS, COLUMNS, OFFER_ITEMS, WEIGHTING_VARIABLES } from "../src/codebook";
import { DataError } from "../src/survey/errors";
import { parseMargins, parsePanel } from "../src/data/load";
import { duplicateIds } from "../src/data/panel-checks";
import { weightPanel } from "../src/report/dataset";

type Row = Record<string, number | null>;

/** A deterministic pseudo-random integer per (row, stream), so that the weighting variables are not confounded. */
function hash(i: number, stream: number): number {
  let h = Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(stream, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  return (h ^ (h >>> 15)) >>> 0;
}

/**
 * One respondent that follows the skip logic. `depth`: 0 not relevant, 1 relevant without large
 * potential, 2 large potential in `salg` but no barrier, 3 a barrier in `salg` (and offers).
 */
function respondent(i: number, depth: 0 | 1 | 2 | 3): Row {
  const row: Row = {};
  for (const c of COLUMNS) row[c.name] = null;
  Object.assign(row, {
    id: 1000 + i,
    branche: (i % 10) + 1,
    stoerrelse: (hash(i, 1) % 3) + 1,
    erhvervshus: (hash(i, 2) % 6) + 1,
    alder: (hash(i, 3) % 3) + 1,
    interview: (i % 2) + 1,
    oekonomi: (i % 5) + 1,
    digi_produktivitet: 9,
    ai_brug: depth === 0 ? 1 : 3,
  });
  if (depth >= 1) for (const a of AREAS) row[`pot_${a.key}`] = 4;
  if (depth >= 2) {
    row.pot_salg = 1;
    for (const b of BARRIER_ITEMS) row[`bar_salg_${b.key}`] = 0;
    if (depth === 2) row.bar_salg_ingen = 1;
  }
  if (depth === 3) {
    row.bar_salg_viden = 1;
    row.bar_salg_omkostninger = 1;
    for (const o of OFFER_ITEMS) row[`tilbud_${o.key}`] = 0;
    row.tilbud_raadgivning_ai = 1;
  }
  return row;
}

function panelText(
  rows: Row[],
  options: { delimiter?: string; eol?: string; bom?: boolean; extra?: Record<string, string[]> } = {},
): string {
  const d = options.delimiter ?? ",";
  const eol = options.eol ?? "\n";
  const extra = options.extra ?? {};
  const header = [...COLUMNS.map((c) => c.name), ...Object.keys(extra)];
  const lines = rows.map((r, i) =>
    [
      ...COLUMNS.map((c) => (r[c.name] === null ? "" : String(r[c.name]))),
      ...Object.values(extra).map((v) => v[i]),
    ].join(d),
  );
  return (options.bom ? "\uFEFF" : "") + [header.join(d), ...lines].join(eol) + eol;
}

const sample = (n: number): Row[] => Array.from({ length: n }, (_, i) => respondent(i, (i % 4) as 0 | 1 | 2 | 3));

function errorOf(f: () => unknown): DataError {
  try {
    f();
  } catch (e) {
    if (e instanceof DataError) return e;
    throw e;
  }
  throw new Error("expected a DataError");
}

describe("parsePanel", () => {
  it("reads a valid panel: codes as numbers, empty = not asked = null, extra columns kept", () => {
    const rows = sample(8);
    const p = parsePanel(
      panelText(rows, { extra: { kommentar: rows.map((_, i) => `tekst ${i}`), vaegt: rows.map(() => "2") } }),
      "panel.csv",
    );
    expect(p.rowCount).toBe(8);
    expect(p.columns.ai_brug.slice(0, 4)).toEqual([1, 3, 3, 3]);
    expect(p.columns.pot_salg.slice(0, 4)).toEqual([null, 4, 1, 1]);
    expect(p.columns.bar_salg_ingen.slice(0, 4)).toEqual([null, null, 1, 0]);
    expect(p.columns.tilbud_raadgivning_ai.slice(0, 4)).toEqual([null, null, null, 1]);
    expect(p.columns.vaegt).toEqual(new Array(8).fill(2));
    expect(p.textColumns.kommentar[3]).toBe("tekst 3");
  });

  it("accepts a semicolon-separated, BOM, CRLF file with decimal commas (Danish Excel export)", () => {
    const rows = sample(4);
    const p = parsePanel(
      panelText(rows, { delimiter: ";", eol: "\r\n", bom: true, extra: { vaegt: ["1,5", "2", "0,25", "10"] } }),
      "panel.csv",
    );
    expect(p.rowCount).toBe(4);
    expect(p.columns.id).toEqual([1000, 1001, 1002, 1003]);
    expect(p.columns.vaegt).toEqual([1.5, 2, 0.25, 10]);
  });

  it("unknown code", () => {
    const rows = sample(4);
    rows[1].ai_brug = 7;
    expect(() => parsePanel(panelText(rows), "panel-2025-synthetic.csv")).toThrowError(
      'panel-2025-synthetic.csv, row 2, column "ai_brug": value "7" is not a valid code; expected one of 1, 2, 3, 4, 5',
    );
    const e = errorOf(() => parsePanel(panelText(rows), "panel.csv"));
    expect([e.file, e.row, e.column, e.value]).toEqual(["panel.csv", 2, "ai_brug", "7"]);
  });

  it("missing contract column(s), named with the file", () => {
    const text = panelText(sample(2))
      .split("\n")
      .map((line) =>
        line
          .split(",")
          .filter((_, i) => COLUMNS[i]?.name !== "alder" && COLUMNS[i]?.name !== "tilbud_andet")
          .join(","),
      )
      .join("\n");
    expect(() => parsePanel(text, "panel.csv")).toThrowError(
      /^panel\.csv, column "alder, tilbud_andet": 2 contract columns missing: "alder", "tilbud_andet"/,
    );
  });

  it("skip logic: a barrier answered where it was not asked", () => {
    const rows = sample(4);
    rows[1].bar_admin_viden = 0; // row 2 has no large potential in admin
    expect(() => parsePanel(panelText(rows), "panel.csv")).toThrowError(
      'panel.csv, row 2, column "bar_admin_viden": value "0" is answered where the question was not asked (asked only where pot_admin in 1, 2); expected an empty cell (not asked)',
    );
  });

  it("skip logic: a question left empty where it was asked", () => {
    const rows = sample(4);
    rows[2].pot_hr = null;
    expect(() => parsePanel(panelText(rows), "panel.csv")).toThrowError(
      /^panel\.csv, row 3, column "pot_hr": the cell is empty but the question was asked \(ai_brug in 2, 3, 4, 5\)/,
    );
    const rows2 = sample(2);
    rows2[0].branche = null;
    expect(() => parsePanel(panelText(rows2), "panel.csv")).toThrowError(
      /row 1, column "branche": the cell is empty but every respondent is asked this/,
    );
  });

  it("multi-response: at most three offers, and the exclusive barrier alone", () => {
    const rows = sample(4);
    Object.assign(rows[3], { tilbud_netvaerk: 1, tilbud_teknisk: 1, tilbud_andet: 1 });
    expect(() => parsePanel(panelText(rows), "panel.csv")).toThrowError(
      /^panel\.csv, row 4, column "tilbud": 4 items chosen in multi-response question "tilbud" .*; expected between 1 and 3 items chosen/,
    );
    const rows2 = sample(4);
    rows2[2].bar_salg_viden = 1; // row 3 has bar_salg_ingen = 1; now it has a barrier, so offers are asked too
    for (const o of OFFER_ITEMS) rows2[2][`tilbud_${o.key}`] = o.key === "netvaerk" ? 1 : 0;
    expect(() => parsePanel(panelText(rows2), "panel.csv")).toThrowError(
      /row 3, column "bar_salg_ingen": the exclusive item "bar_salg_ingen" is chosen together with bar_salg_viden/,
    );
  });

  it("duplicate and non-integer ids", () => {
    const rows = sample(3);
    rows[2].id = rows[0].id;
    expect(() => parsePanel(panelText(rows), "panel.csv")).toThrowError(
      'panel.csv, row 3, column "id": id 1000 is used twice (first in row 1)',
    );
    const text = panelText(sample(2)).replace("\n1001,", "\n1001.5,");
    expect(() => parsePanel(text, "panel.csv")).toThrowError(/row 2, column "id": value "1001.5" is not an integer id/);
  });
});

const CONTRACT_MARGINS = readFileSync(join(__dirname, "fixtures", "rake", "contract-margins.csv"), "utf8");
const FRACTIONAL = { fractionalCounts: true };
const WHOLE_MARGINS = readFileSync(join(__dirname, "..", "data", "population", "margins.csv"), "utf8");

describe("parseMargins", () => {
  it("reads the contract margins (every variable sums to 177,677)", () => {
    const m = parseMargins(CONTRACT_MARGINS, "margins.csv", FRACTIONAL);
    expect(m.rows).toHaveLength(22);
    expect(m.total).toBeCloseTo(177677, 6);
    expect(m.rows.find((r) => r.variable === "stoerrelse" && r.level === 3)).toEqual({
      variable: "stoerrelse",
      level: 3,
      count: 3945,
      sourceStatus: "verbatim",
    });
  });

  it("accepts ; with decimal commas and a BOM (fractional counts only when asked for)", () => {
    const text =
      "\uFEFF" +
      CONTRACT_MARGINS.replace(/,/g, ";")
        .replace(/(\d)\.(\d)/g, "$1,$2")
        .replace(/\n/g, "\r\n");
    const m = parseMargins(text, "margins.csv", FRACTIONAL);
    expect(m.total).toBeCloseTo(177677, 6);
    expect(m.rows[0].count).toBeCloseTo(13757.1047044852, 9);
    expect(() => parseMargins(text, "margins.csv")).toThrowError(
      /^margins\.csv, row 1, column "count": "13757,1047044852" has a decimal part/,
    );
  });

  it("margins not summing to one total: lists each variable's total", () => {
    const text = WHOLE_MARGINS.replace("stoerrelse,3,3945,", "stoerrelse,3,3946,");
    expect(() => parseMargins(text, "margins.csv")).toThrowError(
      "margins.csv: the variables' totals differ: branche 177677, stoerrelse 177678, erhvervshus 177677, alder 177677; expected every variable's counts to sum to the same population total",
    );
  });

  it("unknown variable, unknown level, missing level, bad count, bad status", () => {
    expect(() => parseMargins(WHOLE_MARGINS.replace("alder,1,", "age,1,"), "m.csv")).toThrowError(
      /m\.csv, row 20, column "variable": "age" is not a weighting variable; expected one of branche, stoerrelse, erhvervshus, alder/,
    );
    expect(() => parseMargins(WHOLE_MARGINS.replace("alder,1,", "alder,4,"), "m.csv")).toThrowError(
      /row 20, column "level": "4" is not a level of alder; expected one of 1, 2, 3/,
    );
    const withoutRow = CONTRACT_MARGINS.split("\n")
      .filter((l) => !l.startsWith("erhvervshus,6,"))
      .join("\n");
    expect(() => parseMargins(withoutRow, "m.csv", FRACTIONAL)).toThrowError(
      /m\.csv, column "erhvervshus": missing margin: erhvervshus level 6/,
    );
    expect(() => parseMargins(WHOLE_MARGINS.replace("stoerrelse,3,3945,", "stoerrelse,3,-1,"), "m.csv")).toThrowError(
      /row 13, column "count": "-1" is not a whole non-negative number/,
    );
    expect(() => parseMargins(WHOLE_MARGINS.replace("3945,verbatim", "3945,guess"), "m.csv")).toThrowError(
      /row 13, column "source_status": "guess" is not a source status; expected one of verbatim, derived, estimate/,
    );
    expect(() => parseMargins(WHOLE_MARGINS + "alder,1,5,estimate\n", "m.csv")).toThrowError(
      /row 23, column "level": alder level 1 appears twice \(first in row 20\)/,
    );
  });
});

describe("weightPanel", () => {
  it("rakes a panel to the margins and builds the design", () => {
    const panel = parsePanel(panelText(sample(90)), "panel.csv");
    const margins = parseMargins(CONTRACT_MARGINS, "margins.csv", FRACTIONAL);
    const { design, rake, diagnostics } = weightPanel(panel, margins);
    expect(design.n).toBe(90);
    expect(design.clusters).toBeNull();
    expect(design.populationUnits).toBeNull();
    expect(Array.from(design.calibration!.baseWeights)).toEqual(new Array(90).fill(1));
    expect(Object.keys(design.calibration!.variables)).toEqual([...WEIGHTING_VARIABLES]);
    // the weighted sample reproduces every margin (checked from the weights, not from rake's report)
    for (const m of margins.rows) {
      const column = panel.columns[m.variable];
      const achieved = design.weights.reduce((s, w, i) => s + (column[i] === m.level ? w : 0), 0);
      expect(Math.abs(achieved - m.count) / m.count).toBeLessThan(1e-9);
    }
    expect(rake.weights).toBe(design.weights);
    expect(diagnostics.sum).toBeCloseTo(177677, 6);
  });

  it("an empty sample cell is an error naming variable and level", () => {
    const rows = sample(90).map((r) => (r.erhvervshus === 6 ? { ...r, erhvervshus: 5 } : r));
    const panel = parsePanel(panelText(rows), "panel.csv");
    expect(() => weightPanel(panel, parseMargins(CONTRACT_MARGINS, "margins.csv", FRACTIONAL))).toThrowError(
      /^panel\.csv, column "erhvervshus": level 6 of "erhvervshus" has population count 19011\.439 but no respondents/,
    );
  });
});

describe("readPanel", () => {
  it("a file that is not UTF-8 (e.g. a Latin-1 Excel export) is an error naming the line", async () => {
    const { mkdtempSync, writeFileSync } = await import("fs");
    const { tmpdir } = await import("os");
    const { readPanel } = await import("../src/data/load");
    const dir = mkdtempSync(join(tmpdir(), "load-test-"));
    const path = join(dir, "latin1.csv");
    writeFileSync(path, Buffer.concat([Buffer.from("id,navn\n1,"), Buffer.from([0xd8]), Buffer.from("rsted\n")]));
    expect(() => readPanel(path)).toThrowError(
      /^latin1\.csv, row 1: the file is not valid UTF-8 \(first bad byte on line 2\); expected UTF-8 text/,
    );
  });
});

describe("the shipped data files", () => {
  it("data/population/margins.csv and data/survey/panel-2025-synthetic.csv load, and the panel rakes to the margins", async () => {
    const { readMargins, readPanel } = await import("../src/data/load");
    const root = join(__dirname, "..");
    const margins = readMargins(join(root, "data", "population", "margins.csv"));
    expect(margins.total).toBe(177677);
    const panel = readPanel(join(root, "data", "survey", "panel-2025-synthetic.csv"));
    expect(panel.rowCount).toBe(4128);
    const { rake } = weightPanel(panel, margins);
    expect(rake.maxRelativeError).toBeLessThanOrEqual(1e-10);
  });
});

describe("nothing wrong passes quietly (issue 12)", () => {
  const rows = sample(8);

  it("answer codes are integer literals only: 3.0, 1e0, +1, 1., 0.5e1 are errors naming row and column", () => {
    for (const bad of ["3.0", "1e0", "+1", "1.", "0.5e1", "0x3", " 3 4"]) {
      const text = panelText(rows)
        .replace(/\n1001,(\d+),/, `\n1001,$1,`)
        .split("\n");
      const cells = text[2].split(",");
      cells[COLUMNS.findIndex((c) => c.name === "oekonomi")] = bad;
      text[2] = cells.join(",");
      const e = errorOf(() => parsePanel(text.join("\n"), "panel.csv"));
      expect([e.row, e.column, e.value]).toEqual([2, "oekonomi", bad]);
      expect(e.message).toMatch(/is not a valid code; expected one of 1, 2, 3, 4, 5 written as a whole number/);
    }
  });

  it("ids are kept as text exactly as read: no precision loss, no false 'used twice'", () => {
    const big = rows.map((r, i) => ({ ...r, id: null }));
    const text = panelText(big)
      .split("\n")
      .map((line, i) =>
        i === 0 || line === ""
          ? line
          : `${["12345678901234567890", "9007199254740993", "9007199254740992", "7", "007", "8", "9", "10"][i - 1]}${line}`,
      )
      .join("\n");
    const p = parsePanel(text, "panel.csv");
    expect(p.ids.slice(0, 5)).toEqual(["12345678901234567890", "9007199254740993", "9007199254740992", "7", "007"]);
    expect(p.columns.id[0]).toBeNull(); // not a safe integer: only the text is kept
    expect(p.columns.id[3]).toBe(7);
  });

  it("ids are compared as the text read; a repeated id names its first row", () => {
    const p = parsePanel(panelText(rows), "panel.csv");
    const ids = p.ids.map((_, i) => String(900 - i));
    expect(duplicateIds({ ...p, ids })).toEqual([]);
    expect(duplicateIds({ ...p, ids: ["0", "00", ...ids.slice(2)] })).toEqual([]); // "0" and "00" are two ids
    expect(duplicateIds({ ...p, ids: [...ids.slice(0, -1), ids[2]] })[0].error.message).toMatch(
      /id 898 is used twice \(first in row 3\)/,
    );
  });

  it("a numeric extra column with one n/a is an error; a text column stays text", () => {
    const weights = ["1.5", "2", "n/a", "1", "1", "1", "1", "1"];
    expect(() => parsePanel(panelText(rows, { extra: { vaegt: weights } }), "panel.csv")).toThrowError(
      /^panel\.csv, row 3, column "vaegt": value "n\/a" is not a number, in a column of numbers \(7 of 8 filled cells are numbers\)/,
    );
    const notes = ["ok", "2", "fin", "god", "", "x", "y", "z"];
    expect(parsePanel(panelText(rows, { extra: { note: notes } }), "panel.csv").textColumns.note).toEqual(notes);
  });

  it("header-only and one-row panels say there are no / too few data rows", () => {
    const header = panelText([]).split("\n")[0];
    expect(() => parsePanel(header + "\n", "panel.csv")).toThrowError(
      "panel.csv: the file has a header but no data rows; expected one row per respondent below the header",
    );
    expect(() => parsePanel(panelText(rows.slice(0, 1)), "panel.csv")).toThrowError(
      "panel.csv: the file has only 1 data row; expected at least 2 respondents (a variance needs two)",
    );
  });

  it("a tab-delimited panel is read", () => {
    expect(parsePanel(panelText(rows, { delimiter: "\t" }), "panel.txt").columns.ai_brug).toEqual(
      parsePanel(panelText(rows), "panel.csv").columns.ai_brug,
    );
  });

  it("control characters in a value are not echoed raw", () => {
    const text = panelText(rows).replace(/\n1001,(\d+),/, "\n1001,$1\u001b[31m,");
    const e = errorOf(() => parsePanel(text, "panel.csv"));
    expect(e.message).not.toMatch(/[\u0000-\u001f]/);
    expect(e.message).toContain("\\u{1b}[31m");
  });

  it("margins: Danish thousands separators are read as thousands where the file's separator says so", () => {
    const danish = WHOLE_MARGINS.replace(/,/g, ";").replace(/;(\d{1,3})(\d{3});/g, ";$1.$2;");
    expect(danish).toContain("branche;1;13.757;derived");
    expect(parseMargins(danish, "margins.csv").total).toBe(177677);
    const english = WHOLE_MARGINS.replace(/,(\d{1,3})(\d{3}),/g, ',"$1,$2",');
    expect(english).toContain('branche,1,"13,757",derived');
    expect(parseMargins(english, "margins.csv").total).toBe(177677);
  });

  it("margins: a count with a decimal part names the row and mentions separators", () => {
    const dotted = WHOLE_MARGINS.replace(/,(\d{1,3})(\d{3}),/g, ",$1.$2,");
    expect(() => parseMargins(dotted, "margins.csv")).toThrowError(
      /^margins\.csv, row 1, column "count": "13\.757" has a decimal part \(13\.757\); counts are whole numbers of firms — in a ","-separated file "\." is the decimal point/,
    );
    const semicolonComma = WHOLE_MARGINS.replace(/,/g, ";").replace(/;(\d{1,3})(\d{3});/g, ";$1,$2;");
    expect(() => parseMargins(semicolonComma, "margins.csv")).toThrowError(
      /^margins\.csv, row 1, column "count": "13,757" has a decimal part .*"," is the decimal comma and "\." the thousands separator/,
    );
    const tabbed = WHOLE_MARGINS.replace(/,/g, "\t").replace(/\t(\d{1,3})(\d{3})\t/g, "\t$1.$2\t");
    expect(() => parseMargins(tabbed, "margins.txt")).toThrowError(
      /row 1, column "count": "13\.757" has a separator that could be a thousands separator or a decimal mark/,
    );
  });

  it("margins: shares summing to 1 are an error", () => {
    const m = parseMargins(WHOLE_MARGINS, "m.csv");
    const lines = WHOLE_MARGINS.trim().split("\n");
    const shares =
      [lines[0], ...m.rows.map((r, i) => lines[i + 1].replace(`,${r.count},`, `,${r.count / m.total},`))].join("\n") +
      "\n";
    expect(() => parseMargins(shares, "shares.csv")).toThrowError(
      /^shares\.csv, column "count": the counts are shares/,
    );
  });

  it("margins: a count of 0 for a level with respondents is an error in the margins file naming its row", async () => {
    const { checkMarginsCoverPanel } = await import("../src/data/load");
    const panel = parsePanel(panelText(sample(90)), "panel.csv");
    const zero = parseMargins(
      WHOLE_MARGINS.replace("branche,3,19449,", "branche,3,0,").replace("branche,4,36374,", "branche,4,55823,"),
      "margins.csv",
    );
    expect(() => checkMarginsCoverPanel(zero, panel)).toThrowError(
      /^margins\.csv, row 3, column "count": the count of branche level 3 is 0, but 9 respondents in panel\.csv have that level/,
    );
  });
});
