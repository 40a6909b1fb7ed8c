/**
 * `npm run report` end to end: builds the report once from the compiled CLI (lib/cli/report.js,
 * which npm test builds first) into a temporary folder, then checks every notebook in notebooks/
 * (found at run time), the published figures against their rules, the notebooks' text outputs
 * against committed snapshots (UPDATE_SNAPSHOTS=1 rewrites them), that a second build (with one worker
 * instead of two, so the notebooks run in another order and grouping) gives byte-identical files, and that the
 * committed notebooks carry no outputs.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cellsWithOutputs, joinSource, readNotebook } from "../src/notebook/ipynb";
import { listNotebooks } from "../src/notebook/report";
import { compareSnapshot, notebookTextSnapshot } from "./helpers/snapshot";
import { readPublishedFigures, ruleHolds } from "../src/report/published";

const root = path.resolve(__dirname, "..");
const cli = path.join(root, "lib", "cli", "report.js");
const notebooks = listNotebooks(path.join(root, "notebooks")).map((p) => path.basename(p, ".ipynb"));
const update = process.env.UPDATE_SNAPSHOTS === "1";

interface Build {
  out: string;
  status: number | null;
  stdout: string;
  stderr: string;
}

function build(args: string[] = []): Build {
  if (!fs.existsSync(cli)) throw new Error(`${cli} is missing: run npm run build (npm test does) before this test`);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "report-test-"));
  const result = spawnSync(process.execPath, [cli, "--out", out, ...args], {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  return { out, status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function filesUnder(dir: string, prefix = ""): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? filesUnder(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
    )
    .sort();
}

interface FigureLine {
  id: string;
  published: number | null;
  estimate: number | null;
  se: number | null;
  ci_low: number | null;
  ci_high: number | null;
  n: number | null;
  base: string;
}

describe("npm run report", () => {
  let first: Build;
  const outDirs: string[] = [];
  beforeAll(() => {
    first = build();
    outDirs.push(first.out);
  });
  afterAll(() => {
    for (const dir of outDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("exits 0 and prints each notebook's time", () => {
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    for (const name of notebooks) expect(first.stdout).toMatch(new RegExp(`${name}\\.ipynb: \\d+\\.\\d s, ok`));
  });

  it("finds the project's notebooks", () => {
    expect(notebooks.length).toBeGreaterThan(0);
  });

  describe.each(notebooks)("notebook %s", (name) => {
    it("executed every code cell without error", () => {
      const executed = readNotebook(path.join(first.out, "notebooks", `${name}.ipynb`));
      const committed = readNotebook(path.join(root, "notebooks", `${name}.ipynb`));
      expect(executed.cells.length).toBe(committed.cells.length);
      executed.cells.forEach((cell, index) => {
        if (cell.cell_type !== "code") return;
        const where = `${name} cell ${index}`;
        expect(
          cell.outputs.filter((o) => o.output_type === "error"),
          where,
        ).toEqual([]);
        if (joinSource(cell.source).trim() !== "") expect(cell.execution_count, where).not.toBeNull();
      });
    });

    it("has an HTML page linked from the index", () => {
      expect(fs.existsSync(path.join(first.out, `${name}.html`))).toBe(true);
      expect(fs.readFileSync(path.join(first.out, "index.html"), "utf8")).toContain(`href="${name}.html"`);
    });

    it("prints the text of its committed snapshot", () => {
      const executed = readNotebook(path.join(first.out, "notebooks", `${name}.ipynb`));
      const result = compareSnapshot(
        path.join(root, "test", "snapshots", `${name}.txt`),
        notebookTextSnapshot(executed, root),
        update,
      );
      expect(result.message).toBe("");
    });

    it("is committed without outputs or execution counts", () => {
      expect(cellsWithOutputs(readNotebook(path.join(root, "notebooks", `${name}.ipynb`)))).toEqual([]);
    });
  });

  it("writes figures.json with every published figure meeting its rule", () => {
    const figures = JSON.parse(fs.readFileSync(path.join(first.out, "figures.json"), "utf8")) as FigureLine[];
    const published = readPublishedFigures(path.join(root, "data", "published", "figures.csv"));
    expect(figures.map((f) => f.id)).toEqual(published.map((p) => p.id));
    for (const figure of figures) {
      expect(Object.keys(figure)).toEqual(["id", "published", "estimate", "se", "ci_low", "ci_high", "n", "base"]);
    }
    const failing: string[] = [];
    published.forEach((p, i) => {
      const f = figures[i];
      expect(f.published, p.id).toBe(p.value);
      expect(f.base, p.id).toBe(p.base);
      if (p.ruleSpec.kind === "context") return;
      expect(f.estimate, `${p.id} has no estimate`).not.toBeNull();
      if (!ruleHolds(p, f.estimate as number))
        failing.push(`${p.id}: published ${p.value} (${p.rule}), estimate ${f.estimate}`);
      if (f.se !== null) {
        expect(f.ci_low as number, p.id).toBeLessThanOrEqual(f.estimate as number);
        expect(f.ci_high as number, p.id).toBeGreaterThanOrEqual(f.estimate as number);
      }
    });
    expect(failing).toEqual([]);
  });

  it("writes weights.csv: id,weight for every panel row, weights positive", () => {
    const lines = fs.readFileSync(path.join(first.out, "weights.csv"), "utf8").trimEnd().split("\n");
    expect(lines[0]).toBe("id,weight");
    const rows = lines.slice(1).map((line) => line.split(","));
    const panelLines = fs
      .readFileSync(path.join(root, "data", "survey", "panel-2025-synthetic.csv"), "utf8")
      .trimEnd()
      .split("\n");
    expect(rows.length).toBe(panelLines.length - 1);
    const ids = new Set(rows.map((r) => r[0]));
    expect(ids.size).toBe(rows.length);
    for (const [, weight] of rows) {
      expect(weight).toMatch(/^\d+\.\d{8}$/);
      expect(Number(weight)).toBeGreaterThan(0);
    }
  });

  it("puts the plotly bundle once in report/ and nothing that needs the network in the pages", () => {
    const pages = fs.readdirSync(first.out).filter((f) => f.endsWith(".html"));
    for (const page of pages) {
      const html = fs.readFileSync(path.join(first.out, page), "utf8");
      expect(html, page).not.toContain("data-plotly-bundle");
      expect(html, page).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)="(https?:)?\/\//);
      expect((html.match(/<script src="plotly\.min\.js"><\/script>/g) ?? []).length, page).toBeLessThanOrEqual(1);
      if (html.includes("Plotly.newPlot")) expect(html, page).toContain('<script src="plotly.min.js"></script>');
    }
    expect(fs.statSync(path.join(first.out, "plotly.min.js")).size).toBeGreaterThan(1_000_000);
  });

  it("stays under 8 MB: one plotly.js, the executed notebooks without a copy of it", () => {
    const files = filesUnder(first.out);
    const total = files.reduce((sum, f) => sum + fs.statSync(path.join(first.out, f)).size, 0);
    expect(total).toBeLessThan(8 * 1024 * 1024);
    for (const name of notebooks) {
      const text = fs.readFileSync(path.join(first.out, "notebooks", `${name}.ipynb`), "utf8");
      expect(text, name).not.toContain("data-plotly-bundle");
      expect(text.length, name).toBeLessThan(1_000_000);
    }
  });

  it("links the data files and downloads from the index, and lists every file in its manifest", () => {
    const index = fs.readFileSync(path.join(first.out, "index.html"), "utf8");
    for (const file of [
      "figures.json",
      "weights.csv",
      "data/panel.csv",
      "data/margins.csv",
      "data/published-figures.csv",
      "data/published-claims.csv",
      "claims.json",
      "udsagn.html",
    ]) {
      expect(index, file).toContain(`href="${file}"`);
      expect(fs.existsSync(path.join(first.out, file)), file).toBe(true);
    }
    for (const name of notebooks) expect(index).toContain(`href="notebooks/${name}.ipynb"`);
    const manifest = fs.readFileSync(path.join(first.out, ".report-files"), "utf8").trimEnd().split("\n");
    expect(manifest).toEqual(filesUnder(first.out).filter((f) => f !== ".report-files"));
  });

  it("gives byte-identical files on a second build, with one worker", () => {
    const second = build(["--jobs", "1"]);
    outDirs.push(second.out);
    expect(second.status).toBe(0);
    const files = filesUnder(first.out);
    expect(filesUnder(second.out)).toEqual(files);
    const differing = files.filter(
      (f) => !fs.readFileSync(path.join(first.out, f)).equals(fs.readFileSync(path.join(second.out, f))),
    );
    expect(differing).toEqual([]);
  });
});
