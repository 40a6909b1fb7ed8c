/**
 * Builds report/: executes every notebooks/*.ipynb (one child process each, a few at a time),
 * writes the executed notebooks, the HTML site with one local plotly.js copy, and the data files
 * figures.json and weights.csv. Nothing time- or machine-dependent goes into report/.
 */
import * as fs from "fs";
import * as path from "path";
import { NotebookRun, describeFailure, runNotebook } from "./runner";
import { writeNotebook } from "./ipynb";
import { FigureRow, PLOTLY_FILE, buildSite, navHtml } from "./site";
import { writeAskPage } from "../ask/page";
import { loadDataset } from "../report/dataset";
import { FigureRecord, figuresJson, weightsCsv } from "./report-files";
import { plotlyBundlePath } from "../present/plot";
import { ReportData, computeReportData } from "./report-data";

/** Options of {@link buildReport}. */
export interface ReportOptions {
  /** Project root (default: two levels above this file). */
  root?: string;
  /** Folder of the notebooks (default `<root>/notebooks`). */
  notebooksDir?: string;
  /** Output folder (default `<root>/report`). */
  outDir?: string;
  /** Notebooks run at the same time (default 2). */
  jobs?: number;
  /** Progress lines (default: console.log). */
  log?: (line: string) => void;
}

/** What a report build did. */
export interface ReportSummary {
  runs: NotebookRun[];
  /** Failure messages (empty when every notebook ran). */
  failures: string[];
  /** Files written, relative to the output folder, sorted. */
  files: string[];
  seconds: number;
}

/** The project root: src/notebook and lib/notebook are both two levels below it. */
export function projectRoot(): string {
  return path.resolve(__dirname, "..", "..");
}

/**
 * The notebooks of a folder, in name order.
 * @example listNotebooks("notebooks") // ["notebooks/00-data.ipynb", ...]
 */
export function listNotebooks(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".ipynb"))
    .sort()
    .map((name) => path.join(dir, name));
}

/** Runs `task` over `items` with at most `jobs` at a time; results in input order. */
async function inPool<T, R>(items: T[], jobs: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, worker));
  return results;
}

function figureRows(data: ReportData): FigureRow[] {
  return data.figures.map((f: FigureRecord) => ({
    id: f.id,
    published: f.published,
    estimate: f.estimate,
    ciLow: f.ci_low,
    ciHigh: f.ci_high,
    n: f.n,
    base: f.base,
    holds: data.holds.get(f.id) ?? null,
  }));
}

/** Removes what an earlier build wrote (pages, executed notebooks), leaving other files alone. */
function cleanOutput(outDir: string): void {
  fs.rmSync(path.join(outDir, "notebooks"), { recursive: true, force: true });
  if (!fs.existsSync(outDir)) return;
  for (const name of fs.readdirSync(outDir)) {
    if (name.endsWith(".html") || name === PLOTLY_FILE) fs.rmSync(path.join(outDir, name));
  }
}

/**
 * Builds the whole report. Resolves with a summary; `failures` lists notebooks that stopped at a
 * failing cell (their partial outputs are still written to report/notebooks/ for inspection).
 * @example const summary = await buildReport({ jobs: 2 }); if (summary.failures.length) process.exit(1);
 */
export async function buildReport(options: ReportOptions = {}): Promise<ReportSummary> {
  const started = process.hrtime.bigint();
  const root = options.root ?? projectRoot();
  const notebooksDir = options.notebooksDir ?? path.join(root, "notebooks");
  const outDir = options.outDir ?? path.join(root, "report");
  const log = options.log ?? ((line: string) => console.log(line));
  const jobs = options.jobs ?? 2;

  const paths = listNotebooks(notebooksDir);
  cleanOutput(outDir);
  fs.mkdirSync(path.join(outDir, "notebooks"), { recursive: true });

  const runs = await inPool(paths, jobs, async (notebookPath) => {
    const run = await runNotebook(notebookPath);
    const status = run.failure ? `FAILED at cell ${run.failure.cellIndex}` : "ok";
    log(`${path.basename(notebookPath)}: ${run.seconds.toFixed(1)} s, ${status}`);
    return run;
  });
  const failures = runs.filter((r) => r.failure).map((r) => describeFailure(path.relative(root, r.path), r.failure!));
  for (const run of runs) writeNotebook(path.join(outDir, "notebooks", path.basename(run.path)), run.notebook);

  const dataStarted = process.hrtime.bigint();
  const data: ReportData = computeReportData();
  fs.writeFileSync(path.join(outDir, "figures.json"), figuresJson(data.figures));
  fs.writeFileSync(path.join(outDir, "weights.csv"), weightsCsv(data.ids, data.weights));
  const failing = data.figures.filter((f) => data.holds.get(f.id) === false).map((f) => f.id);
  log(
    `figures.json (${data.figures.length} figures, ${failing.length} outside their published rule${failing.length ? `: ${failing.join(", ")}` : ""}), ` +
      `weights.csv (${data.ids.length} rows): ${(Number(process.hrtime.bigint() - dataStarted) / 1e9).toFixed(1)} s`,
  );

  const pages = buildSite(
    runs.map((r) => [path.basename(r.path, ".ipynb"), r.notebook]),
    figureRows(data),
    {
      title: "Kunstig intelligens i danske SMV'er 2025 – genberegning",
      intro:
        "Notebooks, der genberegner *Stort potentiale i kunstig intelligens, men SMV'erne mangler viden og kompetencer* " +
        "(Danmarks Erhvervsfremmebestyrelse 2025) fra data på respondentniveau. Kørt med tslab af `npm run report`; " +
        "tabellen nederst sammenholder hvert publiceret tal med genberegningen og rapportens afrundingsregel.\n\n" +
        `> **${data.notice || "Rigtige besvarelser."}** Panelfil: \`${data.panelFile}\`.`,
    },
  );
  for (const page of pages) fs.writeFileSync(path.join(outDir, page.file), page.html);
  fs.copyFileSync(plotlyBundlePath(), path.join(outDir, PLOTLY_FILE));
  writeAskPage(outDir, loadDataset(), { nav: navHtml(pages.filter((p) => p.file !== "index.html")) });

  const files = listFiles(outDir).sort();
  return { runs, failures, files, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

function listFiles(dir: string, prefix = ""): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? listFiles(path.join(dir, entry.name), rel) : [rel];
  });
}
