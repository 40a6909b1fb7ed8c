/** Writes the "Spørg data" page and its files (panel, bundled script, plotly.js, ExcelJS); works from file://. */
import * as fs from "fs";
import * as path from "path";
import type { Margins } from "../survey";
import type { AskSource } from "./compute";
import { pageData, pageDataScript } from "./page-data";
import { browserBundle } from "../present/browser-bundle";

/** The page's file name and title. @example `<a href="${ASK_PAGE_FILE}">${ASK_PAGE_TITLE}</a>` */
export const ASK_PAGE_FILE = "spoerg.html";
export const ASK_PAGE_TITLE = "Spørg data";
/** Where the page asks `npm run serve` when it carries no respondent data (`microdata: false`), relative to it. */
export const ASK_ANSWER_PATH = "api/svar";
/** The port `npm run serve` listens on unless `--port` says otherwise. */
export const DEFAULT_PORT = 8377;

/** Whether the page computes from the respondents' answers written beside it (default), or asks the server. */
type AskPageOptions = { microdata?: boolean };
type PageDataset = AskSource & { margins: Margins };

/** The page's frame when it stands alone (inside the report site, the site's own frame applies). */
const FRAME_STYLE = `
body { font-family: "Open Sans", "Segoe UI", Helvetica, Arial, sans-serif; margin: 0; color: #1d1d1f; background: #fafafa; line-height: 1.45; }
header.site { background: #12355b; color: #fff; padding: 0.5rem 1.5rem; font-size: 0.85rem; }
header.site a { color: #fff; margin-right: 1.2rem; text-decoration: none; }
main { max-width: 1200px; margin: 0 auto; padding: 1rem 1.5rem 3rem; background: #fff; }
`;

const STYLE = `
#ask-form { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 0.6rem 1rem; background: #f3f5f8; padding: 0.8rem; border-radius: 4px; }
.ask-field { display: flex; flex-direction: column; font-size: 0.85rem; } .ask-field span { font-weight: 600; margin-bottom: 0.2rem; }
select { font-size: 0.9rem; padding: 0.2rem; max-width: 100%; }
.ask-codes { grid-column: 1 / -1; border: 1px solid #d0d7de; font-size: 0.85rem; } .ask-codes label { margin-right: 1rem; white-space: nowrap; display: inline-block; }
#ask-error { background: #fdecea; color: #8a1c1c; padding: 0.5rem 0.8rem; margin: 0.8rem 0; }
#ask-synthetic { background: #fff4e5; padding: 0.5rem 0.8rem; font-size: 0.85rem; }
#ask-synthetic:empty { display: none; }
#ask-head { margin: 1rem 0 0.5rem; font-size: 0.9rem; }
.ask-table { border-collapse: collapse; font-size: 0.85rem; margin: 0.5rem 0; } .ask-table th, .ask-table td { border: 1px solid #d0d7de; padding: 0.2rem 0.5rem; vertical-align: top; }
.ask-table thead th { background: #eef2f6; } .ask-table tbody th { text-align: left; font-weight: normal; min-width: 14rem; } .num { text-align: right; white-space: nowrap; } .n-row { color: #555; }
#ask-table { overflow-x: auto; } #ask-table tr > :first-child { position: sticky; left: 0; background: #fff; } #ask-table thead tr > :first-child { background: #eef2f6; } #ask-notes, #ask-tests { font-size: 0.85rem; } #ask-command { font-size: 0.8rem; background: #f3f5f8; padding: 0.3rem 0.6rem; }
.ask-downloads button { margin-right: 0.6rem; padding: 0.3rem 0.8rem; }
.ask-print { display: none; }
@media print { .ask-screen { display: none !important; } .ask-print { display: block; } }
`;

const WHERE = {
  browser:
    "her i browseren med projektets egen motor (den samme som <code>npx ask</code> på kommandolinjen) på de vægtede svar",
  server:
    "af en lokal server (<code>npm run serve</code>), der holder panelet, med projektets egen motor (den samme som " +
    "<code>npx ask</code>); svarene forlader ikke maskinen, små grupper undertrykkes, og spørgsmål, der kunne afsløre enkelte svar, afvises",
};

/** The page's body in the site (`microdata: false`: it asks `npm run serve`). @example askPageBody() */
export function askPageBody(options: AskPageOptions = {}): string {
  const microdata = options.microdata ?? true;
  return `<style>${STYLE}</style>
<script id="plotly-script" src="plotly.min.js" async></script>
<h1>${ASK_PAGE_TITLE}</h1>
<p class="ask-print">${ASK_PAGE_TITLE} er en interaktiv side i rapportens HTML-udgave: her stiller man selv opfølgende spørgsmål til panelet
(spørgsmål, opdeling, base, filter og statistik) og får tabel, figur og konfidensintervaller beregnet i browseren med samme motor som rapporten.
Siden kan ikke bruges på papir. Åbn filen <code>${ASK_PAGE_FILE}</code> i rapportmappen i en browser (den virker uden netforbindelse),
eller stil samme spørgsmål på kommandolinjen med <code>npx ask</code>.</p>
<div class="ask-screen">
<p>Stil et opfølgende spørgsmål til panelet: vælg spørgsmål, opdeling, base, filter, hvilke svar der tælles sammen, og statistik.
Tallene beregnes ${microdata ? WHERE.browser : WHERE.server}.
Adressen gemmer valget, så et link genskaber visningen.</p>
<p id="ask-synthetic"></p>
<form id="ask-form"${microdata ? "" : ` data-answers="${ASK_ANSWER_PATH}" data-port="${DEFAULT_PORT}"`}><div id="ask-controls" style="display:contents"></div></form>
<div id="ask-error" hidden></div>
<div id="ask-head"></div>
<div id="ask-table" tabindex="0" role="region" aria-label="Resultattabel"></div>
<div id="ask-chart" class="plotly-figure" role="img" aria-label="Figur" style="width:100%"></div>
<div id="ask-tests"></div>
<div id="ask-notes"></div>
<p class="ask-downloads"><button type="button" id="ask-csv">Hent CSV (dansk Excel)</button><button type="button" id="ask-xlsx">Hent Excel (xlsx)</button><button type="button" id="ask-json">Hent JSON</button></p>
<p>Samme spørgsmål på kommandolinjen: <code id="ask-command"></code></p>
</div>
${microdata ? '<script src="spoerg-data.js"></script>\n' : ""}<script src="spoerg.js"></script>
`;
}

/** Writes the files the page loads into `outDir` (spoerg-data.js only with `microdata`); returns their names. */
export function writeAskAssets(outDir: string, dataset: PageDataset, options: AskPageOptions = {}): string[] {
  fs.mkdirSync(outDir, { recursive: true });
  const microdata = options.microdata ?? true;
  if (microdata) fs.writeFileSync(path.join(outDir, "spoerg-data.js"), pageDataScript(pageData(dataset)));
  fs.writeFileSync(path.join(outDir, "spoerg.js"), browserBundle("ask/browser"));
  fs.copyFileSync(require.resolve("exceljs/dist/exceljs.min.js"), path.join(outDir, "exceljs.min.js"));
  const plotly = path.join(outDir, "plotly.min.js");
  if (!fs.existsSync(plotly)) fs.copyFileSync(require.resolve("plotly.js-dist-min/plotly.min.js"), plotly);
  return [...(microdata ? ["spoerg-data.js"] : []), "spoerg.js", "exceljs.min.js", "plotly.min.js"];
}

/** Writes the page and its files into `outDir`; returns the names: `writeAskPage("report", loadDataset())`. */
export function writeAskPage(outDir: string, dataset: PageDataset, options: { nav?: string } & AskPageOptions = {}) {
  fs.mkdirSync(outDir, { recursive: true });
  const nav = options.nav ?? `<a href="index.html">Oversigt</a><a href="${ASK_PAGE_FILE}">${ASK_PAGE_TITLE}</a>`;
  const html = `<!DOCTYPE html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${ASK_PAGE_TITLE}</title>
<style>${FRAME_STYLE}</style>
</head>
<body>
<header class="site">${nav}</header>
<main>
${askPageBody(options)}</main>
</body>
</html>
`;
  fs.writeFileSync(path.join(outDir, ASK_PAGE_FILE), html);
  return [ASK_PAGE_FILE, ...writeAskAssets(outDir, dataset, options)];
}
