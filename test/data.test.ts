import { copyFileSync, mkdtempSync, readFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { COLUMNS, WEIGHTING_VARIABLES } from "../src/codebook";
import { loadDataset } from "../src/report/dataset";
import { parsePanel, readMargins, readPanel } from "../src/data/load";

const ROOT = path.resolve(__dirname, "..");
const MARGINS_FILE = path.join(ROOT, "data", "population", "margins.csv");
const PANEL_FILE = path.join(ROOT, "data", "survey", "panel-2025-synthetic.csv");

/** Largest-remainder (Hamilton) apportionment of `total` in proportion to `weights`. */
function largestRemainder(weights: number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const quotas = weights.map((w) => (w * total) / sum);
  const out = quotas.map(Math.floor);
  const left = total - out.reduce((a, b) => a + b, 0);
  const order = quotas.map((q, i) => ({ frac: q - Math.floor(q), i })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; k < left; k++) out[order[k].i]++;
  return out;
}

describe("data/population/margins.csv", () => {
  const margins = readMargins(MARGINS_FILE);
  const counts = (v: string): number[] =>
    margins.rows
      .filter((r) => r.variable === v)
      .sort((a, b) => a.level - b.level)
      .map((r) => r.count);
  const statuses = (v: string): string[] => [
    ...new Set(margins.rows.filter((r) => r.variable === v).map((r) => r.sourceStatus)),
  ];

  it("has every weighting variable summing to 177,677 integer firms", () => {
    expect(margins.total).toBe(177_677);
    for (const v of WEIGHTING_VARIABLES) {
      expect(
        counts(v).reduce((a, b) => a + b, 0),
        v,
      ).toBe(177_677);
      for (const c of counts(v)) expect(Number.isInteger(c)).toBe(true);
    }
  });

  it("copies stoerrelse verbatim from GF02 2021 (data contract §5)", () => {
    expect(counts("stoerrelse")).toEqual([154_138, 19_594, 3_945]);
    expect(statuses("stoerrelse")).toEqual(["verbatim"]);
  });

  it("derives branche from the shares of all active firms by largest remainder", () => {
    const allFirms = [25_428, 19_636, 35_949, 67_232, 19_448, 15_224, 30_935, 59_768, 28_538, 26_252];
    expect(counts("branche")).toEqual(largestRemainder(allFirms, 177_677));
    expect(statuses("branche")).toEqual(["derived"]);
  });

  it("turns the stated erhvervshus and alder shares into estimates by largest remainder", () => {
    expect(counts("erhvervshus")).toEqual(largestRemainder([31.5, 14.3, 7.7, 13.1, 22.7, 10.7], 177_677));
    expect(counts("alder")).toEqual(largestRemainder([18, 17, 65], 177_677));
    expect(statuses("erhvervshus")).toEqual(["estimate"]);
    expect(statuses("alder")).toEqual(["estimate"]);
  });

  it("documents every variable in SOURCES.md", () => {
    const sources = readFileSync(path.join(ROOT, "data", "population", "SOURCES.md"), "utf8");
    for (const v of WEIGHTING_VARIABLES) expect(sources).toContain(`\`${v}\``);
    for (const c of margins.rows)
      expect(sources, `${c.variable}=${c.level}`).toContain(c.count.toLocaleString("en-US"));
  });
});

describe("data/survey/panel-2025-synthetic.csv", () => {
  const text = readFileSync(PANEL_FILE, "utf8");
  const lines = text.split("\n");

  it("is UTF-8 CSV with the contract columns in codebook order and 4,128 rows", () => {
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(lines[0]).toBe(COLUMNS.map((c) => c.name).join(","));
    expect(text.endsWith("\n")).toBe(true);
    expect(lines.length - 2).toBe(4128);
  });

  it("passes the loader's validation (codes, skip logic, multi-response)", () => {
    const panel = readPanel(PANEL_FILE);
    expect(panel.rowCount).toBe(4128);
    expect(new Set(panel.columns.id).size).toBe(4128);
  });

  /** A copy of the file with one cell changed (row is 1-based, header excluded). */
  function withCell(row: number, column: string, value: string): string {
    const header = lines[0].split(",");
    const k = header.indexOf(column);
    const copy = [...lines];
    const cells = copy[row].split(",");
    cells[k] = value;
    copy[row] = cells.join(",");
    return copy.join("\n");
  }
  const header = lines[0].split(",");
  const cell = (row: number, column: string): string => lines[row].split(",")[header.indexOf(column)];
  const findRow = (pred: (row: number) => boolean): number => {
    for (let r = 1; r < lines.length - 1; r++) if (pred(r)) return r;
    throw new Error("no row found for the corruption test");
  };

  it("rejects an unknown code, naming row, column and value", () => {
    expect(() => parsePanel(withCell(17, "ai_brug", "7"), "corrupt.csv")).toThrow(
      /corrupt\.csv, row 17, column "ai_brug": value "7" is not a valid code/,
    );
  });

  it("rejects a missing column, naming it", () => {
    const k = header.indexOf("pot_hr");
    const dropped = lines
      .map((l) =>
        l === ""
          ? l
          : l
              .split(",")
              .filter((_, i) => i !== k)
              .join(","),
      )
      .join("\n");
    expect(() => parsePanel(dropped, "corrupt.csv")).toThrow(/corrupt\.csv, column "pot_hr".*missing/);
  });

  it("rejects four offers, naming the row and the question", () => {
    const offers = header.filter((h) => h.startsWith("tilbud_"));
    const row = findRow((r) => cell(r, offers[0]) !== "" && offers.filter((o) => cell(r, o) === "1").length === 3);
    const free = offers.find((o) => cell(row, o) === "0") as string;
    expect(() => parsePanel(withCell(row, free, "1"), "corrupt.csv")).toThrow(
      new RegExp(`row ${row}, column "tilbud".*4 items chosen`),
    );
  });

  it("rejects a barrier answered where it was not asked, naming row and column", () => {
    const row = findRow((r) => cell(r, "pot_salg") === "4");
    expect(() => parsePanel(withCell(row, "bar_salg_viden", "1"), "corrupt.csv")).toThrow(
      new RegExp(`row ${row}, column "bar_salg_viden": value "1" is answered where the question was not asked`),
    );
  });

  it("rejects 'ingen' chosen together with a barrier", () => {
    // A firm with barriers elsewhere (so it is asked the offers either way) and "ingen" in salg.
    const row = findRow((r) => cell(r, "bar_salg_ingen") === "1" && cell(r, "tilbud_andet") !== "");
    expect(() => parsePanel(withCell(row, "bar_salg_viden", "1"), "corrupt.csv")).toThrow(
      new RegExp(`row ${row}, column "bar_salg_ingen"`),
    );
  });
});

describe("loadDataset", () => {
  it("reads PANEL_FILE / MARGINS_FILE from the environment, so the notebooks run on a real file", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "panel-"));
    const real = path.join(dir, "panel-2025.csv");
    copyFileSync(PANEL_FILE, real);
    const ds = loadDataset({ env: { PANEL_FILE: real, MARGINS_FILE } });
    expect(ds.panelPath).toBe(real);
    // a renamed copy of the shipped file is still the synthetic panel: decided by content (test/provenance.test.ts)
    expect(ds.provenance).toBe("synthetic");
    expect(ds.notice("da")).toMatch(/^Bemærk: Respondenterne er syntetiske\./);
    expect(ds.design.weights.length).toBe(4128);
    const sum = ds.design.weights.reduce((a, b) => a + b, 0);
    expect(Math.abs(sum - 177_677)).toBeLessThan(1e-6);
  });

  it("defaults to the synthetic panel, resolved from the project root", () => {
    const ds = loadDataset({ env: {} });
    expect(ds.panelPath).toBe(PANEL_FILE);
    expect(ds.marginsPath).toBe(MARGINS_FILE);
    expect(ds.isSynthetic).toBe(true);
    expect(ds.notice("da")).toMatch(/^Bemærk: Respondenterne er syntetiske\./);
  });

  it("names the missing file when PANEL_FILE points nowhere", () => {
    // by its name only: a path is never shown
    expect(() => loadDataset({ env: { PANEL_FILE: "/nonexistent/panel.csv" } })).toThrow(
      /^panel\.csv: cannot read the file \(ENOENT\)/,
    );
  });
});
