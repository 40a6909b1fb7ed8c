/** Builds report/: the executed notebooks, the site, the data files and the PDF, replaced only on success. */
import * as fs from "fs";
import * as path from "path";
import { NotebookRun, describeFailure, killNotebookWorkers, runNotebooks } from "./runner";
import { serializeNotebook } from "./ipynb";
import { CSS_FILE, PLOTLY_FILE, SITE_CSS } from "./site";
import { DownloadLink, buildSite } from "./site-index";
import { CLAIMS_PAGE_FILE, CLAIMS_PAGE_TITLE, claimsJson, claimsPageBody, overviewHtml } from "./claims-page";
import { plotlyBundlePath } from "../present/plot";
import { computeReportData, figuresJson, weightsCsv } from "./report-data";
import { ReportBuild, UsageError, checkOutFolder, filesUnder, startReportBuild } from "./report-folder";
import { PDF_FILE, chromiumForPdf, printReportPdf } from "./pdf";
import { publishedFigures, publishedFiguresPath } from "../report/figures";
import { claimsPath, evaluateClaims, readClaims } from "../report/claims";
import { marginSensitivity } from "../report/margin-sensitivity";
import { compileCacheDir } from "./compile-cache";
import { ASK_PAGE_FILE, ASK_PAGE_TITLE, askPageBody, writeAskAssets } from "../ask/page";
import { loadDataset } from "../report/dataset";
import { projectRoot } from "../codebook/project-root";
import { INTERNAL_MARK, internalBannerHtml, markedScript, siteKind, siteNoticeHtml, weightsFile } from "./privacy";

/** Options of {@link buildReport}. */
export interface ReportOptions {
  notebooksDir?: string; // default `<root>/notebooks`
  outDir?: string; // default `<root>/report`
  jobs?: number; // worker processes at a time (default 2)
  pdf?: boolean; // also print rapport.pdf with headless Chromium
  withMicrodata?: boolean; // a real panel's respondent-level files too, marked internal (the synthetic panel's always)
  appendices?: PageAppendix[]; // sections at the end of notebooks' pages (those whose notebook runs)
}

/** A section at the end of a notebook's page: `write` puts the files it loads into the folder and returns its HTML. */
export interface PageAppendix {
  stem: string; // the notebook's file name without .ipynb
  write: (dir: string) => string;
}

/** What a report build did: `failures` empty when every notebook ran, `files` written (relative, sorted). */
interface ReportSummary {
  runs: NotebookRun[];
  failures: string[];
  files: string[];
  seconds: number;
}

const SITE_TITLE = "Kunstig intelligens i danske SMV'er 2025 – genberegning";

/** The notebooks of a folder, in name order. @example listNotebooks("notebooks") // ["notebooks/00-data.ipynb", ...] */
export function listNotebooks(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const names = fs.readdirSync(dir).filter((name) => name.endsWith(".ipynb"));
  return names.sort().map((name) => path.join(dir, name));
}

/** The notebooks slowest first by the last build (unknown ones first of all), so that workers finish together. */
function longestFirst(paths: string[], file: string | null): string[] {
  let seconds: Record<string, number> = {};
  try {
    if (file !== null && fs.existsSync(file)) seconds = JSON.parse(fs.readFileSync(file, "utf8")) as typeof seconds;
  } catch {
    // a damaged file: every notebook unknown
  }
  const cost = (p: string): number => seconds[path.basename(p)] ?? Number.POSITIVE_INFINITY;
  return paths.slice().sort((a, b) => cost(b) - cost(a) || a.localeCompare(b));
}

function rememberSeconds(runs: NotebookRun[], file: string | null): void {
  if (file === null) return;
  try {
    const seconds = Object.fromEntries(runs.map((r) => [path.basename(r.path), Number(r.seconds.toFixed(2))]));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(seconds)}\n`);
  } catch {
    // only the next build's order depends on it
  }
}

const activeBuilds = new Set<ReportBuild>();

/** Removes this process's unfinished builds' folders and locks. @example process.on("SIGINT", abandonActiveBuilds) */
export function abandonActiveBuilds(): void {
  for (const build of activeBuilds) build.abandon();
  activeBuilds.clear();
}

/** A download link labelled with its file. */
const link = (file: string, note: string): DownloadLink => ({ file, label: file, note });

const secondsSince = (started: bigint): number => Number(process.hrtime.bigint() - started) / 1e9;

/** Builds the report; `failures` names failing notebooks (nothing replaced). @example await buildReport({ jobs: 2 }) */
export async function buildReport(options: ReportOptions = {}): Promise<ReportSummary> {
  const started = process.hrtime.bigint();
  const root = projectRoot();
  const notebooksDir = options.notebooksDir ?? path.join(root, "notebooks");
  const outDir = path.resolve(options.outDir ?? path.join(root, "report"));
  if (!fs.existsSync(notebooksDir) || !fs.statSync(notebooksDir).isDirectory())
    throw new UsageError(`--notebooks ${notebooksDir}: no such folder`);
  const paths = listNotebooks(notebooksDir);
  if (paths.length === 0) throw new UsageError(`--notebooks ${notebooksDir}: no .ipynb notebooks in the folder`);
  checkOutFolder(outDir);
  const chromium = options.pdf ? chromiumForPdf() : null;
  const build = startReportBuild(outDir);
  activeBuilds.add(build);
  try {
    const dir = build.tempDir;
    const cacheDir = compileCacheDir(root);
    const timesFile = cacheDir === null ? null : path.join(cacheDir, "notebook-seconds.json");
    const order = longestFirst(paths, timesFile);
    const running = runNotebooks(order, {
      jobs: options.jobs ?? 2,
      omitPlotlyBundle: true,
      onRun: (run) => {
        const status = run.failure ? `FAILED at cell ${run.failure.cellIndex}` : "ok";
        console.log(`${path.basename(run.path)}: ${run.seconds.toFixed(1)} s, ${status}`);
      },
    });
    // While the workers run, this process loads the dataset (a data error kills them: nothing is written) and
    // computes the data files and the ask page's assets.
    running.catch(() => undefined); // awaited below unless a data error comes first
    const dataset = loadDataset();
    const kind = siteKind(dataset.isSynthetic, options.withMicrodata === true);
    const dataStarted = process.hrtime.bigint();
    const data = computeReportData(dataset);
    const dataSeconds = secondsSince(dataStarted);
    // Spørg data computes in the browser from every answer only with the microdata; a real site's page asks npm run serve.
    writeAskAssets(dir, dataset, { microdata: kind !== "real" });
    if (kind === "real-with-microdata") {
      const script = path.join(dir, "spoerg-data.js");
      fs.writeFileSync(script, markedScript(fs.readFileSync(script, "utf8")));
    }
    const stems = new Set(paths.map((p) => path.basename(p, ".ipynb")));
    const appendix = Object.fromEntries(
      (options.appendices ?? []).filter((a) => stems.has(a.stem)).map((a) => [a.stem, a.write(dir)]),
    );
    const claims = await evaluateClaims(readClaims(claimsPath(), publishedFigures()), data.figures, dataset);
    const sensitivity = await marginSensitivity(dataset.panel, dataset.margins);
    const runsInOrder = await running;
    rememberSeconds(runsInOrder, timesFile);
    const runs = paths.map((p) => runsInOrder[order.indexOf(p)]);
    const shownPath = (file: string): string =>
      path.resolve(file).startsWith(`${root}${path.sep}`) ? path.relative(root, file) : path.resolve(file);
    const failures = runs.filter((r) => r.failure).map((r) => describeFailure(shownPath(r.path), r.failure!));
    if (failures.length > 0) {
      build.abandon();
      return { runs, failures, files: [], seconds: secondsSince(started) };
    }
    fs.mkdirSync(path.join(dir, "notebooks"));
    for (const run of runs)
      fs.writeFileSync(path.join(dir, "notebooks", path.basename(run.path)), serializeNotebook(run.notebook));

    // The index's "Data og downloads": data files and copied inputs.
    const write = (file: string, text: string): void => fs.writeFileSync(path.join(dir, file), text);
    write("figures.json", figuresJson(data.figures));
    write("claims.json", claimsJson(claims));
    fs.mkdirSync(path.join(dir, "data"));
    fs.copyFileSync(dataset.marginsPath, path.join(dir, "data", "margins.csv"));
    fs.copyFileSync(publishedFiguresPath(), path.join(dir, "data", "published-figures.csv"));
    fs.copyFileSync(claimsPath(), path.join(dir, "data", "published-claims.csv"));
    const downloads = [
      link("figures.json", "hvert publiceret tal med genberegning, standardfejl, 95 %-konfidensinterval, n og basis"),
      link("claims.json", "rapportens udsagn med betydning, status, estimater, 95 %-konfidensintervaller og p"),
    ];
    const weights = weightsFile(kind);
    if (weights !== null) {
      write(weights, weightsCsv(data.ids, data.weights));
      const internal = kind === "real-with-microdata" ? `${INTERNAL_MARK}: ` : "";
      downloads.push(link(weights, `${internal}hver besvarelses endelige vægt efter rakingen (id,weight)`));
    }
    // Respondent-level data is copied only when it is synthetic, keeping its format's ending (a .sav stays .sav).
    if (dataset.isSynthetic) {
      const file = `data/panel${path.extname(dataset.panelPath).toLowerCase() || ".csv"}`;
      fs.copyFileSync(dataset.panelPath, path.join(dir, file));
      downloads.push(link(file, `de syntetiske besvarelser, rapporten er beregnet fra (kopi af ${data.panelFile})`));
    }
    const marginsName = path.basename(dataset.marginsPath);
    downloads.push(
      link("data/margins.csv", `populationens fordeling, der vægtes til (kopi af ${marginsName})`),
      link("data/published-figures.csv", "rapportens publicerede tal med afsnit, regel, basis og citat"),
      link("data/published-claims.csv", "rapportens udsagn med sted, betydning i data, tal, test eller grund"),
    );
    const failing = data.figures.filter((f) => f.holds === false).map((f) => f.id);
    const failingText = `${failing.length} outside their published rule${failing.length ? `: ${failing.join(", ")}` : ""}`;
    const weightsText =
      weights === null
        ? "no weights (a real panel; --with-microdata writes them)"
        : `${weights} (${data.ids.length} rows)`;
    console.log(
      `figures.json (${data.figures.length} figures, ${failingText}), ${weightsText}: ${dataSeconds.toFixed(1)} s`,
    );
    if (options.pdf) downloads.push(link(PDF_FILE, "hele rapporten som PDF til udskrift (alle sider, uden kode)"));
    downloads.push(
      link("notebooks/", "de kørte notebooks med output (åbn i Jupyter; kør alle celler for at se figurerne)"),
    );

    const pages = buildSite(
      runs.map((r) => [path.basename(r.path, ".ipynb"), r.notebook]),
      data.rows,
      {
        title: SITE_TITLE,
        intro:
          "Notebooks, der genberegner *Stort potentiale i kunstig intelligens, men SMV'erne mangler viden og kompetencer* " +
          "(Danmarks Erhvervsfremmebestyrelse 2025) fra data på respondentniveau. Kørt med tslab af `npm run report`; " +
          "notesbog 00 og oversigtssidens tabel sammenholder hvert publiceret tal med genberegningen og rapportens afrundingsregel.",
        noticeHtml: siteNoticeHtml(kind, data.notice, data.panelFile, marginsName),
        downloads,
        differences: dataset.provenance !== "synthetic",
        overviewHtml: overviewHtml(claims, sensitivity),
        appendix,
        extraPages: [
          { file: CLAIMS_PAGE_FILE, label: "Udsagn", title: CLAIMS_PAGE_TITLE, body: claimsPageBody(claims) },
          {
            file: ASK_PAGE_FILE,
            label: ASK_PAGE_TITLE,
            title: ASK_PAGE_TITLE,
            body: askPageBody({ microdata: kind !== "real" }),
          },
        ],
        banner: kind === "real-with-microdata" ? internalBannerHtml() : undefined,
      },
    );
    for (const page of pages) write(page.file, page.html);
    fs.copyFileSync(plotlyBundlePath(), path.join(dir, PLOTLY_FILE));
    write(CSS_FILE, SITE_CSS);
    if (chromium !== null) {
      const pdfStarted = process.hrtime.bigint();
      const bytes = await printReportPdf(dir, pages, SITE_TITLE, chromium);
      console.log(`${PDF_FILE} (${(bytes / 1e6).toFixed(1)} MB): ${secondsSince(pdfStarted).toFixed(1)} s`);
    }
    build.commit();
    return { runs, failures, files: filesUnder(outDir), seconds: secondsSince(started) };
  } catch (error) {
    killNotebookWorkers();
    build.abandon();
    throw error;
  } finally {
    activeBuilds.delete(build);
  }
}
