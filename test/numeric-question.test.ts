/**
 * A new question is one change: this file adds a numeric question (`omsaetning_mio`, turnover in
 * DKK million) to a test codebook and asks it through `ask`, touching nothing in src/. The test
 * codebook is the real one with one more column, given by mocking the module every lookup goes
 * through (`src/codebook/columns.ts`, re-exported by `src/codebook`); its own synthetic panel is
 * the shipped panel plus the new column, with values generated here.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as fs from "fs";
import * as path from "path";
import { PassThrough } from "stream";
import { COLUMNS, SYNTHETIC_PANEL_FILE, type ColumnSpec } from "../src/codebook";
import { main } from "../src/cli/ask";
import { readPanel } from "../src/data/load";
import { loadDataset } from "../src/report/dataset";
import { DataError } from "../src/survey";
import type { AskResult } from "../src/ask/result";

vi.mock("../src/codebook/columns", async (importOriginal) => {
  const original = await importOriginal<typeof import("../src/codebook/columns")>();
  const os = await import("os");
  const turnover: ColumnSpec = {
    name: "omsaetning_mio",
    kind: "numeric",
    label: { da: "Omsætning (mio. kr.)", en: "Turnover (DKK million)" },
    codes: [],
    range: { min: 0, max: 500, decimals: true },
    askedOf: { always: true },
    published: false,
  };
  const panelFile = `${os.tmpdir()}/numeric-question-${process.pid}/panel.csv`;
  return { ...original, COLUMNS: [...original.COLUMNS, turnover], SYNTHETIC_PANEL_FILE: panelFile };
});

const NAME = "omsaetning_mio";
const shipped = fs.readFileSync(path.join(__dirname, "..", "data/survey/panel-2025-synthetic.csv"), "utf8");
const lines = shipped.split("\n").filter((l) => l !== "");
const folder = path.dirname(SYNTHETIC_PANEL_FILE);

/** The shipped panel plus the numeric column: turnover grows with size class, spread by a fixed generator. */
function panelText(value: (row: number, size: number) => string): string {
  const size = lines[0].split(",").indexOf("stoerrelse");
  const rows = lines.slice(1).map((l, r) => `${l},${value(r + 1, Number(l.split(",")[size]))}`);
  return [`${lines[0]},${NAME}`, ...rows].join("\n") + "\n";
}
let seed = 12345;
const turnover = (_row: number, size: number): string => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return ([1.5, 12, 90][size - 1] * (0.2 + (1.6 * seed) / 2147483648)).toFixed(1);
};

/** `npx ask …` with its output as text and its exit code. */
async function askCommand(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  const text = (s: PassThrough): string => (s.read() as Buffer | null)?.toString() ?? "";
  const code = await main(argv, out, err);
  return { code, out: text(out), err: text(err) };
}

/** The weighted mean and total of the numeric column over the rows that `keep`, from the raked weights. */
function weighted(keep: (row: number) => boolean): { mean: number; total: number } {
  const ds = loadDataset();
  const x = ds.panel.columns[NAME];
  let sw = 0;
  let swx = 0;
  ds.design.weights.forEach((w, i) => {
    if (!keep(i)) return;
    sw += w;
    swx += w * (x[i] as number);
  });
  return { mean: swx / sw, total: swx };
}

beforeAll(() => {
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(SYNTHETIC_PANEL_FILE, panelText(turnover));
});
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

describe("a numeric question added to a test codebook", () => {
  it("is in the test codebook and in `ask --list`", async () => {
    expect(COLUMNS.at(-1)?.name).toBe(NAME);
    const listed = await askCommand("--list");
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(/Spørgsmål med et tal[^\n]*\n\s+omsaetning_mio\s+Omsætning \(mio\. kr\.\)/);
  });

  it("its mean through `ask --stat mean --by stoerrelse` is the weighted mean of the raked weights", async () => {
    const { code, out, err } = await askCommand(NAME, "--stat", "mean", "--by", "stoerrelse", "--format", "json");
    expect(err).toBe(loadDataset().notice("da") + "\n");
    expect(code).toBe(0);
    const result = JSON.parse(out) as AskResult;
    expect(result.meta.question.kind).toBe("numeric");
    const size = loadDataset().panel.columns.stoerrelse;
    const expected = [null, 1, 2, 3].map((s) => weighted((i) => s === null || size[i] === s).mean);
    expect(result.rows.map((r) => r.by1_code)).toEqual([null, 1, 2, 3]);
    result.rows.forEach((r, k) => {
      expect(r.estimate).toBeCloseTo(expected[k], 8);
      expect(r.se).toBeGreaterThan(0);
      expect(r.ci_low).toBeLessThan(r.estimate as number);
    });
    expect(new Set(expected.map((m) => m.toFixed(0))).size).toBe(4); // the size classes differ: the groups are not the total
    expect(result.meta.tests).toEqual([]); // no Rao–Scott test of codes for a number
  });

  it("its total through `ask --stat total` is the weighted sum", async () => {
    const { code, out } = await askCommand(NAME, "--stat", "total", "--format", "json");
    expect(code).toBe(0);
    const result = JSON.parse(out) as AskResult;
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0].estimate).toBeCloseTo(weighted(() => true).total, 4);
    expect(result.rows[0].one_sided).toBe(false);
  });

  it("a share or answer groups of it are a Danish SpecError (exit code 2)", async () => {
    const share = await askCommand(NAME);
    expect(share.code).toBe(2);
    expect(share.err).toMatch(/"omsaetning_mio" er et tal, ikke svarkategorier, så en andel .*--stat mean/);
    const answers = await askCommand(NAME, "--stat", "total", "--answers", "1-2");
    expect(answers.code).toBe(2);
    expect(answers.err).toMatch(/så svargrupper \(--answers\) giver ikke mening/);
  });

  it("a value out of its range or not a number is a DataError naming file, row, column, value and range", () => {
    const bad = (row: number, text: string): DataError => {
      const file = path.join(folder, "bad.csv");
      fs.writeFileSync(
        file,
        panelText((r, size) => (r === row ? text : turnover(r, size))),
      );
      try {
        readPanel(file);
      } catch (error) {
        if (error instanceof DataError) return error;
        throw error;
      }
      throw new Error("expected a DataError");
    };
    for (const [row, text, problem] of [
      [17, "612.5", /outside the range/],
      [3, "-1", /outside the range/],
      [40, "mange", /not a number/],
    ] as const) {
      const e = bad(row, text);
      expect([e.file, e.row, e.column, e.value]).toEqual(["bad.csv", row, NAME, text]);
      expect(e.problem).toMatch(problem);
      expect(e.expected).toBe("a number from 0 to 500");
    }
  });
});
