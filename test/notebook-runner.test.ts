/**
 * The headless notebook runner (tslab's engine in a child process), the ipynb helpers, the chart
 * helpers' HTML, the site builder and check:notebooks, on the fixture notebooks in
 * test/fixtures/notebooks. Needs the compiled lib/ (npm test builds it first).
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  NotebookExecutionError,
  NotebookRun,
  describeFailure,
  executeNotebook,
  runNotebooks,
} from "../src/notebook/runner";
import {
  CodeCell,
  Notebook,
  Output,
  cellsWithOutputs,
  joinSource,
  parseNotebook,
  readNotebook,
  serializeNotebook,
  stripOutputs,
} from "../src/notebook/ipynb";
import { PLOTLY_BUNDLE_MARKER, PLOTLY_BUNDLE_SWITCH, stripPlotlyBundle } from "../src/notebook/ipynb";
import { compileFingerprint } from "../src/notebook/compile-cache";
import { buildSite } from "../src/notebook/site-index";
import { compareSnapshot, notebookTextSnapshot } from "./helpers/snapshot";
import {
  PLOTLY_BUNDLE_ATTRIBUTE,
  PLOTLY_BUNDLE_ENV,
  plotHtml,
  plotSummary,
  tableHtml,
  tableNumber,
  tableText,
} from "../src/present/plot";
import { tempDir } from "./helpers/temp-dirs";

const root = path.resolve(__dirname, "..");
const fixtures = path.join(root, "test", "fixtures", "notebooks");
const fixture = (name: string): string => path.join(fixtures, name);
const update = process.env.UPDATE_SNAPSHOTS === "1";

function codeCells(notebook: Notebook): [number, CodeCell][] {
  return notebook.cells.flatMap((cell, index) =>
    cell.cell_type === "code" ? [[index, cell] as [number, CodeCell]] : [],
  );
}

function outputText(output: Output): string {
  if (output.output_type === "stream") return joinSource(output.text);
  if (output.output_type === "error") return `${output.ename}: ${output.evalue}`;
  return Object.values(output.data)
    .map((v) => (typeof v === "string" || Array.isArray(v) ? joinSource(v) : JSON.stringify(v)))
    .join("\n");
}

/** The structural rules of nbformat 4.x's schema for code-cell outputs that this runner writes. */
function expectValidNbformat(notebook: Notebook): void {
  expect(notebook.nbformat).toBe(4);
  for (const [, cell] of codeCells(notebook)) {
    expect(cell.execution_count === null || Number.isInteger(cell.execution_count)).toBe(true);
    for (const output of cell.outputs) {
      switch (output.output_type) {
        case "stream":
          expect(["stdout", "stderr"]).toContain(output.name);
          expect(Array.isArray(output.text) || typeof output.text === "string").toBe(true);
          break;
        case "display_data":
          expect(Object.keys(output).sort()).toEqual(["data", "metadata", "output_type"]);
          break;
        case "execute_result":
          expect(Object.keys(output).sort()).toEqual(["data", "execution_count", "metadata", "output_type"]);
          break;
        case "error":
          expect(Object.keys(output).sort()).toEqual(["ename", "evalue", "output_type", "traceback"]);
          expect(Array.isArray(output.traceback)).toBe(true);
          break;
        default:
          throw new Error(`unexpected output ${JSON.stringify(output)}`);
      }
    }
  }
}

/**
 * The fixture notebooks run once, one after another in one worker (`runNotebooks` with one job), each twice where a
 * test compares a second run: a worker starts tslab's compiler once, so one worker for all of them saves a compiler
 * start per notebook. The compile cache is a folder of this file's own, empty at first: this run is the cold one
 * that the compile cache's test compares a warm run with.
 */
const compileCache = { NOTEBOOK_COMPILE_CACHE: tempDir("compile-cache-") };
const FIXTURE_RUNS = ["smoke", "smoke", "charts", "charts", "runtime-error", "type-error"] as const;
let fixtureRuns: NotebookRun[];
beforeAll(async () => {
  fixtureRuns = await runNotebooks(
    FIXTURE_RUNS.map((name) => fixture(`${name}.ipynb`)),
    { env: compileCache, jobs: 1 },
  );
});
/** The fixture's run (`second`: its second run, after the first in the same worker). */
const fixtureRun = (name: (typeof FIXTURE_RUNS)[number], second = false): NotebookRun =>
  fixtureRuns[second ? FIXTURE_RUNS.lastIndexOf(name) : FIXTURE_RUNS.indexOf(name)];

describe("runner on the smoke notebook", () => {
  let run: NotebookRun;
  beforeAll(() => {
    run = fixtureRun("smoke");
  });

  it("runs every cell without failure", () => {
    expect(run.failure).toBeNull();
    expectValidNbformat(run.notebook);
  });

  it("numbers executed cells 1, 2, ... and leaves the empty cell unexecuted", () => {
    const counts = codeCells(run.notebook).map(([, cell]) => cell.execution_count);
    expect(counts).toEqual([1, 2, null, 3, 4]);
  });

  it("captures stdout, stderr, display data and the last expression's value", () => {
    const cells = codeCells(run.notebook).map(([, cell]) => cell);
    expect(cells[0].outputs).toEqual([{ output_type: "stream", name: "stdout", text: [`sum ${1 + 2 + 3}\n`] }]);
    expect(cells[1].outputs.map((o) => o.output_type)).toEqual(["display_data", "display_data"]);
    expect(outputText(cells[1].outputs[0])).toBe("<b>bold</b>");
    expect(outputText(cells[1].outputs[1])).toBe("plain text");
    expect(cells[3].outputs.map(outputText)).toEqual(["to stderr\n", `${42 * 2}\n`]);
  });

  it("displays the chart with the plotly bundle inlined once and a text summary", () => {
    const chart = codeCells(run.notebook)[4][1].outputs[0];
    expect(chart.output_type).toBe("display_data");
    const html = outputText(chart);
    expect(html.split(`<script ${PLOTLY_BUNDLE_ATTRIBUTE}>`).length - 1).toBe(1);
    expect(html).toContain('id="plot-1"');
    expect(html).toContain("Plotly.newPlot");
    expect(html).toContain("[chart] Smoke");
  });

  it("writes the same bytes on a second run", () => {
    expect(serializeNotebook(fixtureRun("smoke", true).notebook)).toBe(serializeNotebook(run.notebook));
  });

  it("matches the committed text snapshot", () => {
    const result = compareSnapshot(
      path.join(root, "test", "snapshots", "fixtures", "smoke.txt"),
      notebookTextSnapshot(run.notebook, root),
      update,
    );
    expect(result.message).toBe("");
  });
});

describe("runner on the chart helpers notebook", () => {
  let run: NotebookRun;
  beforeAll(() => {
    run = fixtureRun("charts");
  });

  it("draws every helper's chart with deterministic ids, the bundle only in the first", () => {
    expect(run.failure).toBeNull();
    const htmls = codeCells(run.notebook)
      .flatMap(([, cell]) => cell.outputs)
      .filter((o) => o.output_type === "display_data")
      .map(outputText)
      .filter((html) => html.includes("Plotly.newPlot"));
    expect(htmls).toHaveLength(6);
    htmls.forEach((html, i) => {
      expect(html).toContain(`id="plot-${i + 1}"`);
      expect(html.includes(PLOTLY_BUNDLE_ATTRIBUTE)).toBe(i === 0);
    });
  });

  it("matches the committed text snapshot (chart summaries and the table's text)", () => {
    const result = compareSnapshot(
      path.join(root, "test", "snapshots", "fixtures", "charts.txt"),
      notebookTextSnapshot(run.notebook, root),
      update,
    );
    expect(result.message).toBe("");
  });

  it("runs notebooks one after another in one worker, each with fresh state, and can leave the bundle out", async () => {
    // The second run in the same worker starts again at plot-1 with the bundle: no state left from the first.
    expect(serializeNotebook(fixtureRun("charts", true).notebook)).toBe(serializeNotebook(run.notebook));
    const [lean] = await runNotebooks([fixture("charts.ipynb")], { omitPlotlyBundle: true, env: compileCache });
    const leanText = serializeNotebook(lean.notebook);
    expect(leanText).not.toContain(PLOTLY_BUNDLE_MARKER);
    expect(leanText.length).toBeLessThan(serializeNotebook(run.notebook).length - 1_000_000);
    expect(stripPlotlyBundle(serializeNotebook(run.notebook))).toBe(stripPlotlyBundle(leanText));
    expect(lean.notebook.cells.map((c) => (c.cell_type === "code" ? c.outputs.length : -1))).toEqual(
      run.notebook.cells.map((c) => (c.cell_type === "code" ? c.outputs.length : -1)),
    );
  });

  it("names the bundle's marker as the chart module does", () => {
    expect(PLOTLY_BUNDLE_MARKER).toBe(PLOTLY_BUNDLE_ATTRIBUTE);
    expect(PLOTLY_BUNDLE_SWITCH).toBe(PLOTLY_BUNDLE_ENV);
  });

  it("builds a page that loads one local plotly.js and inlines none", () => {
    const [index, page] = buildSite([["charts", run.notebook]], null);
    expect(index.file).toBe("index.html");
    expect(index.html).toContain('href="charts.html"');
    expect(page.title).toBe("Chart helpers");
    expect(page.html.match(/<script src="plotly\.min\.js"><\/script>/g)).toHaveLength(1);
    expect(page.html).not.toContain(PLOTLY_BUNDLE_ATTRIBUTE);
    expect(page.html.match(/Plotly\.newPlot/g)).toHaveLength(6);
    expect(page.html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(page.html.length).toBeLessThan(200_000);
  });
});

describe("compile cache", () => {
  it("is keyed by lib/'s declarations and the notebook folder's code, not by lib/'s implementation", () => {
    const project = tempDir("fingerprint-");
    const nb = path.join(project, "notebooks");
    fs.mkdirSync(path.join(project, "lib"));
    fs.mkdirSync(nb);
    fs.writeFileSync(path.join(project, "lib", "a.js"), "exports.a = 1;");
    fs.writeFileSync(path.join(project, "lib", "a.d.ts"), "export declare const a: number;");
    const first = compileFingerprint(project, nb);
    fs.writeFileSync(path.join(project, "lib", "a.js"), "exports.a = 2;");
    expect(compileFingerprint(project, nb)).toBe(first);
    fs.writeFileSync(path.join(project, "lib", "a.d.ts"), "export declare const a: string;");
    const second = compileFingerprint(project, nb);
    expect(second).not.toBe(first);
    fs.writeFileSync(path.join(project, "lib", "b.js"), "exports.b = 1;");
    expect(compileFingerprint(project, nb)).not.toBe(second);
    const third = compileFingerprint(project, nb);
    fs.writeFileSync(path.join(nb, "helper.ts"), "export const h = 1;");
    expect(compileFingerprint(project, nb)).not.toBe(third);
  });

  it("gives the same outputs and the same type errors from a warm cache, without starting the compiler", async () => {
    // The fixture runs above filled this file's cache, empty before them.
    const cache = compileCache.NOTEBOOK_COMPILE_CACHE;
    const cold = [fixtureRun("smoke"), fixtureRun("type-error")];
    const entries = fs.readdirSync(cache).flatMap((d) => fs.readdirSync(path.join(cache, d)));
    expect(entries.length).toBeGreaterThan(3);
    const env = compileCache;
    const warm = await runNotebooks([fixture("smoke.ipynb"), fixture("type-error.ipynb")], { env, jobs: 1 });
    expect(warm.map((r) => serializeNotebook(r.notebook))).toEqual(cold.map((r) => serializeNotebook(r.notebook)));
    expect(warm[1].failure?.ename).toBe("TypeScriptError");
    expect(warm[1].failure?.message).toMatch(/Type 'number' is not assignable to type 'string'/);
  });
});

describe("runner on failing notebooks", () => {
  it("stops at a cell that throws, naming the notebook and the cell", async () => {
    const file = fixture("runtime-error.ipynb");
    const run = fixtureRun("runtime-error");
    expect(run.failure).toMatchObject({ cellIndex: 2, firstLine: "// this cell throws", ename: "RangeError" });
    expect(run.failure?.message).toContain("deliberate failure in cell 2");
    const cells = codeCells(run.notebook).map(([, cell]) => cell);
    expect(cells[0].outputs.map(outputText)).toEqual(["first cell runs\n"]);
    expect(cells[1].outputs.at(-1)).toMatchObject({
      output_type: "error",
      ename: "RangeError",
      evalue: "deliberate failure in cell 2",
    });
    expect(cells[2]).toMatchObject({ execution_count: null, outputs: [] });
    expectValidNbformat(run.notebook);

    const error = await executeNotebook(file, { env: compileCache }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotebookExecutionError);
    expect((error as Error).message).toContain(`${file}: cell 2 ("// this cell throws") failed with RangeError`);
  });

  it("stops at a cell with a type error", () => {
    const run = fixtureRun("type-error");
    expect(run.failure).toMatchObject({
      cellIndex: 2,
      firstLine: "const label: string = n; // deliberate type error",
      ename: "TypeScriptError",
    });
    expect(run.failure?.message).toMatch(/Type 'number' is not assignable to type 'string'/);
    expect(codeCells(run.notebook)[2][1].execution_count).toBeNull();
  });

  it("shows a thrown error's name and message without its stack", () => {
    const failure = {
      cellIndex: 3,
      firstLine: "const ds = loadDataset();",
      ename: "DataError",
      message:
        'DataError: panel.csv, row 2, column "ai_brug": value "9" is not a valid code; expected one of 1, 2\n    at parse (/x/lib/data/load.js:10:5)\n    at loadDataset (/x/lib/report/dataset.js:4:2)',
    };
    expect(describeFailure("nb/01.ipynb", failure)).toBe(
      'nb/01.ipynb: cell 3 ("const ds = loadDataset();") failed with DataError:\nDataError: panel.csv, row 2, column "ai_brug": value "9" is not a valid code; expected one of 1, 2',
    );
  });
});

describe("ipynb helpers and check:notebooks", () => {
  it("rejects a malformed notebook naming the file and the field", () => {
    expect(() => parseNotebook({ nbformat: 3, nbformat_minor: 0, metadata: {}, cells: [] }, "x.ipynb")).toThrow(
      /x\.ipynb: nbformat: found 3, expected 4/,
    );
    const bad = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [
        { cell_type: "code", source: "", outputs: [{ output_type: "bogus" }], execution_count: null, metadata: {} },
      ],
    };
    expect(() => parseNotebook(bad, "y.ipynb")).toThrow(/y\.ipynb: cell 0\.outputs\[0\]\.output_type: found "bogus"/);
  });

  it("finds and strips outputs", () => {
    const run = fixtureRun("runtime-error");
    expect(cellsWithOutputs(run.notebook).map((d) => d.split(":")[0])).toEqual(["cell 1", "cell 2"]);
    const stripped = stripOutputs(run.notebook);
    expect(cellsWithOutputs(stripped)).toEqual([]);
    expect(serializeNotebook(stripped)).toBe(fs.readFileSync(fixture("runtime-error.ipynb"), "utf8"));
  });

  it("check:notebooks passes clean notebooks and fails executed ones naming them", () => {
    const cli = path.join(root, "lib", "checks", "check-notebooks.js");
    execFileSync(process.execPath, [cli, "--dir", fixtures]);
    const dir = tempDir("check-nb-");
    fs.writeFileSync(path.join(dir, "executed.ipynb"), serializeNotebook(fixtureRun("smoke").notebook));
    const result = spawnSync(process.execPath, [cli, "--dir", dir], { encoding: "utf8" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("executed.ipynb: carries outputs");
    expect(result.stderr).toContain("cell 1: 1 output(s), execution_count 1");
    execFileSync(process.execPath, [cli, "--strip", "--dir", dir]);
    expect(cellsWithOutputs(readNotebook(path.join(dir, "executed.ipynb")))).toEqual([]);
  });
});

describe("plot and site HTML", () => {
  it("keeps data from closing the script element", () => {
    const html = plotHtml({ data: [{ type: "bar", x: ["</script><b>"], y: [1] }] }, "plot-9");
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(html).toContain("\\u003c/script\\u003e");
  });

  it("strips the inlined bundle only", () => {
    const html = `<p>a</p><script ${PLOTLY_BUNDLE_ATTRIBUTE}>var x = 1;</script><div id="plot-1"></div><script>draw()</script>`;
    expect(stripPlotlyBundle(html)).toBe('<p>a</p><div id="plot-1"></div><script>draw()</script>');
  });

  it("summarises figures and tables as text", () => {
    expect(plotSummary({ data: [{ type: "bar", name: "A", y: [1, 2, 3] }], layout: { title: { text: "T" } } })).toBe(
      '[chart] T\n  bar "A": 1.0, 2.0, 3.0',
    );
    expect(plotSummary({ data: [{ type: "bar", orientation: "h", x: [38.04, 29], y: ["Salg", "Udvikling"] }] })).toBe(
      "[chart] (untitled)\n  bar: Salg 38.0, Udvikling 29.0",
    );
    expect(
      tableText(
        [
          { a: "xx", b: 1.25 },
          { a: "y", b: null },
        ],
        undefined,
        { lang: "en" },
      ),
    ).toBe("a   b\nxx  1.3\ny");
  });

  it("writes table numbers in Danish by default, in English on request, a column format overriding both", () => {
    const rows = [{ a: "x", n: 4128, pct: 44.03, big: 12345.64, neg: -1234 }];
    expect(tableText(rows)).toBe("a  n      pct   big       neg\nx  4.128  44,0  12.345,6  −1.234");
    expect(tableText(rows, undefined, { lang: "en" })).toBe(
      "a  n     pct   big      neg\nx  4128  44.0  12345.6  -1234",
    );
    expect(tableText(rows, ["a", { key: "n", format: (v) => `#${String(v)}` }])).toBe("a  n\nx  #4128");
    expect(tableHtml(rows, ["n", "pct"])).toContain(
      '<td style="text-align:right">4.128</td><td style="text-align:right">44,0</td>',
    );
    expect(tableNumber(Number.NaN)).toBe("NaN");
  });
});
