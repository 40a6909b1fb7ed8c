/**
 * The report's static HTML site: one page per executed notebook (markdown rendered with `marked`,
 * code, outputs) and an index. Pages work from file:// with no network: the plotly.js bundle that
 * the first chart of a notebook inlines is stripped and every page that has charts loads one local
 * copy instead. Same notebooks in → same bytes out.
 */
import { marked } from "marked";
import { PLOTLY_BUNDLE_ATTRIBUTE, escapeHtml } from "../present/plot";
import { decimal, range } from "../present/format";
import { MimeBundle, MultilineString, Notebook, Output, joinSource } from "./ipynb";

/** File name of the local plotly.js copy next to the pages. */
export const PLOTLY_FILE = "plotly.min.js";

/** One page of the site. */
export interface SitePage {
  /** Output file name, e.g. "01-adoption.html". */
  file: string;
  /** Page title (the notebook's first heading). */
  title: string;
  html: string;
}

/** A published-figure check shown on the index page. */
export interface FigureRow {
  id: string;
  published: number | null;
  estimate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  n: number | null;
  base: string;
  /** Whether the figure's published rule holds; null when not checked. */
  holds: boolean | null;
}

const BUNDLE_TAG = new RegExp(`<script ${PLOTLY_BUNDLE_ATTRIBUTE}>[\\s\\S]*?</script>`, "g");

/**
 * Removes the inlined plotly.js bundle(s) from an HTML output.
 * @example stripPlotlyBundle('<script data-plotly-bundle>...</script><div></div>') // "<div></div>"
 */
export function stripPlotlyBundle(html: string): string {
  return html.replace(BUNDLE_TAG, "");
}

/** Removes ANSI colour codes from text output. */
function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, "");
}

function text(value: MultilineString | object | undefined): string {
  if (value === undefined) return "";
  if (typeof value === "string" || Array.isArray(value)) return joinSource(value as MultilineString);
  return JSON.stringify(value, null, 1);
}

function markdownHtml(source: string): string {
  return marked.parse(source, { async: false, gfm: true }) as string;
}

/**
 * The notebook's title: the text of its first markdown heading, else the fallback.
 * @example notebookTitle(nb, "01-adoption") // "AI-brug blandt SMV'er"
 */
export function notebookTitle(notebook: Notebook, fallback: string): string {
  for (const cell of notebook.cells) {
    if (cell.cell_type !== "markdown") continue;
    const heading = /^#{1,6}\s+(.+?)\s*#*\s*$/m.exec(joinSource(cell.source));
    if (heading) return heading[1].replace(/[*_`]/g, "");
  }
  return fallback;
}

function richOutputHtml(data: MimeBundle): string {
  if (data["text/html"] !== undefined) return `<div class="output-html">${stripPlotlyBundle(text(data["text/html"]))}</div>`;
  if (data["image/svg+xml"] !== undefined) return `<div class="output-image">${text(data["image/svg+xml"])}</div>`;
  for (const mime of ["image/png", "image/jpeg", "image/gif"]) {
    if (data[mime] !== undefined) {
      const src = `data:${mime};base64,${text(data[mime]).replace(/\s/g, "")}`;
      return `<div class="output-image"><img src="${src}" alt=""></div>`;
    }
  }
  if (data["text/markdown"] !== undefined) return `<div class="output-markdown">${markdownHtml(text(data["text/markdown"]))}</div>`;
  if (data["text/plain"] !== undefined) return `<pre class="output-text">${escapeHtml(stripAnsi(text(data["text/plain"])))}</pre>`;
  return `<pre class="output-text">[${escapeHtml(Object.keys(data).join(", "))}]</pre>`;
}

function outputHtml(output: Output): string {
  switch (output.output_type) {
    case "stream":
      return `<pre class="output-stream ${output.name}">${escapeHtml(stripAnsi(text(output.text)))}</pre>`;
    case "display_data":
    case "execute_result":
      return richOutputHtml(output.data);
    case "error":
      return `<pre class="output-error">${escapeHtml(`${output.ename}: ${output.evalue}`)}</pre>`;
  }
}

/** Whether any output of the notebook draws a Plotly chart. */
function hasCharts(notebook: Notebook): boolean {
  return notebook.cells.some(
    (cell) =>
      cell.cell_type === "code" &&
      cell.outputs.some(
        (o) => (o.output_type === "display_data" || o.output_type === "execute_result") && /Plotly\.newPlot/.test(text(o.data["text/html"])),
      ),
  );
}

const STYLE = `
body { font-family: "Open Sans", "Segoe UI", Helvetica, Arial, sans-serif; margin: 0; color: #1d1d1f; background: #fafafa; line-height: 1.5; }
header.site, footer.site { background: #12355b; color: #fff; padding: 0.5rem 1.5rem; font-size: 0.85rem; }
header.site a, footer.site a { color: #fff; margin-right: 1.2rem; text-decoration: none; }
header.site a:hover { text-decoration: underline; }
main { max-width: 1100px; margin: 0 auto; padding: 1rem 1.5rem 3rem; background: #fff; }
.cell { margin: 0.8rem 0; }
.cell-code .source { background: #f3f5f8; border-left: 3px solid #7a9cc6; padding: 0.5rem 0.8rem; overflow-x: auto; font-size: 0.85rem; margin: 0; }
.prompt { color: #7a7a7a; font-family: monospace; font-size: 0.75rem; }
.outputs { margin: 0.3rem 0 0 0; }
pre { white-space: pre-wrap; word-break: break-word; }
pre.output-stream, pre.output-text { font-size: 0.85rem; margin: 0.2rem 0; padding: 0.3rem 0.8rem; }
pre.stderr { background: #fff4e5; }
pre.output-error { background: #fdecea; color: #8a1c1c; padding: 0.4rem 0.8rem; }
table { border-collapse: collapse; margin: 0.5rem 0; font-size: 0.9rem; }
th, td { border: 1px solid #d0d7de; padding: 0.25rem 0.6rem; }
th { background: #eef2f6; text-align: left; }
.holds-true { color: #1a7f37; } .holds-false { color: #b42318; font-weight: bold; }
`;

function pageHtml(title: string, body: string, options: { plotly: boolean; nav: string }): string {
  const plotly = options.plotly ? `<script src="${PLOTLY_FILE}"></script>\n` : "";
  return (
    `<!DOCTYPE html>\n<html lang="da">\n<head>\n<meta charset="utf-8">\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
    `<title>${escapeHtml(title)}</title>\n<style>${STYLE}</style>\n${plotly}</head>\n<body>\n` +
    `<header class="site">${options.nav}</header>\n<main>\n${body}\n</main>\n</body>\n</html>\n`
  );
}

/** The site's navigation: the overview, every notebook page, and the "Spørg data" page. */
export function navHtml(pages: { file: string; title: string }[]): string {
  return [`<a href="index.html">Oversigt</a>`, ...pages.map((p) => `<a href="${escapeHtml(p.file)}">${escapeHtml(p.title)}</a>`), `<a href="spoerg.html">Spørg data</a>`].join("");
}

/**
 * The HTML page of one executed notebook.
 * @example notebookPage(nb, "01-adoption.html", "AI-brug", nav)
 */
export function notebookPageHtml(notebook: Notebook, title: string, nav: string): string {
  const cells = notebook.cells.map((cell) => {
    if (cell.cell_type !== "code") {
      return cell.cell_type === "markdown"
        ? `<section class="cell cell-markdown">${markdownHtml(joinSource(cell.source))}</section>`
        : `<section class="cell cell-raw"><pre>${escapeHtml(joinSource(cell.source))}</pre></section>`;
    }
    const count = cell.execution_count === null ? " " : String(cell.execution_count);
    const outputs = cell.outputs.map(outputHtml).join("\n");
    return (
      `<section class="cell cell-code"><div class="prompt">In [${count}]:</div>` +
      `<pre class="source"><code class="language-typescript">${escapeHtml(joinSource(cell.source))}</code></pre>` +
      (outputs ? `<div class="outputs">${outputs}</div>` : "") +
      `</section>`
    );
  });
  return pageHtml(title, cells.join("\n"), { plotly: hasCharts(notebook), nav });
}

function formatNumber(value: number | null, decimals: number): string {
  if (value === null) return "–";
  return Number.isInteger(value) ? String(value) : decimal(value, decimals, "en");
}

function formatInterval(low: number | null, high: number | null): string {
  return low === null || high === null ? "–" : range(low, high, 1, "en");
}

function figuresTableHtml(figures: FigureRow[]): string {
  const rows = figures.map((f) => {
    const holds = f.holds === null ? "" : `<span class="holds-${f.holds}">${f.holds ? "✓" : "✗"}</span>`;
    return (
      `<tr><td><code>${escapeHtml(f.id)}</code></td><td>${escapeHtml(f.base)}</td>` +
      `<td style="text-align:right">${formatNumber(f.published, 0)}</td><td style="text-align:right">${formatNumber(f.estimate, 1)}</td>` +
      `<td style="text-align:right">${formatInterval(f.ciLow, f.ciHigh)}</td>` +
      `<td style="text-align:right">${f.n === null ? "–" : f.n}</td><td>${holds}</td></tr>`
    );
  });
  return (
    `<h2>Publicerede tal mod genberegningen</h2>\n<table><thead><tr><th>Figur</th><th>Base</th><th>Publiceret</th>` +
    `<th>Estimat</th><th>95 % KI</th><th>n</th><th>Regel</th></tr></thead><tbody>${rows.join("")}</tbody></table>`
  );
}

/**
 * Builds every page of the site: the notebooks' pages (in the given order) and index.html.
 * `notebooks` are (file stem, executed notebook) pairs; `figures` fills the index's check table.
 * @example buildSite([["01-adoption", nb]], figures).forEach((p) => fs.writeFileSync(`report/${p.file}`, p.html));
 */
export function buildSite(
  notebooks: [stem: string, notebook: Notebook][],
  figures: FigureRow[] | null,
  options: { title?: string; intro?: string } = {},
): SitePage[] {
  const entries = notebooks.map(([stem, notebook]) => ({ file: `${stem}.html`, title: notebookTitle(notebook, stem), notebook, stem }));
  const nav = navHtml(entries);
  const pages: SitePage[] = entries.map((e) => ({ file: e.file, title: e.title, html: notebookPageHtml(e.notebook, e.title, nav) }));
  const siteTitle = options.title ?? "Rapport";
  const list = entries
    .map((e) => `<li><a href="${escapeHtml(e.file)}">${escapeHtml(e.title)}</a> <small>(<code>notebooks/${escapeHtml(e.stem)}.ipynb</code>)</small></li>`)
    .join("\n");
  const intro = options.intro ? markdownHtml(options.intro) : "";
  const body =
    `<h1>${escapeHtml(siteTitle)}</h1>\n${intro}\n<h2>Notebooks</h2>\n<ol>\n${list}\n</ol>\n` +
    (figures && figures.length > 0 ? figuresTableHtml(figures) : "");
  pages.unshift({ file: "index.html", title: siteTitle, html: pageHtml(siteTitle, body, { plotly: false, nav }) });
  return pages;
}
