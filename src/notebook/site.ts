/** The site's pages: notebooks' (markdown safe, code folded), one nav line, offline from file://, same bytes out. */
import { escapeHtml, markdownHtml } from "./markdown";
import { MimeBundle, MultilineString, Notebook, Output, joinSource, stripPlotlyBundle } from "./ipynb";

/** File name of the local plotly.js copy next to the pages. */
export const PLOTLY_FILE = "plotly.min.js";
/** File name of the pages' shared style sheet ({@link SITE_CSS}), written next to them. */
export const CSS_FILE = "site.css";

/** One page of the site. */
export interface SitePage {
  file: string; // e.g. "01-adoption.html"
  title: string;
  html: string;
  body: string; // without head and navigation (what the PDF prints)
  plotly: boolean; // whether it draws Plotly charts
  front?: string; // the index's title and introduction (the PDF's title page)
}

/** A link of the navigation line: its short label, the full title on hover. */
export interface NavLink {
  file: string;
  label: string;
  title: string;
}

/** Output text escaped for a <pre>, terminal colours removed. */
const preText = (value: MultilineString): string =>
  escapeHtml(joinSource(value).replace(/\u001b\[[0-9;]*[A-Za-z]/g, ""));

function text(value: MultilineString | object): string {
  if (typeof value === "string" || Array.isArray(value)) return joinSource(value as MultilineString);
  return JSON.stringify(value, null, 1);
}

/** The text of the first markdown heading, else the fallback. @example notebookTitle(nb, "01-adoption") */
export function notebookTitle(notebook: Notebook, fallback: string): string {
  for (const cell of notebook.cells) {
    if (cell.cell_type !== "markdown") continue;
    const heading = /^#{1,6}\s+(.+?)\s*#*\s*$/m.exec(joinSource(cell.source));
    if (heading) return heading[1].replace(/[*_`]/g, "");
  }
  return fallback;
}

const TRANSLITERATION: Record<string, string> = { æ: "ae", ø: "oe", å: "aa" };
const ascii = (word: string): string => word.toLocaleLowerCase("da").replace(/[æøå]/g, (c) => TRANSLITERATION[c]);

/** A navigation label from a file stem, spelled as in the title.
 * @example navLabel("07-vaegtning", "07 · Vægtningslab") // "07 Vægtning" */
export function navLabel(stem: string, title: string): string {
  const [first, ...rest] = stem.split("-").filter((w) => w.length > 0);
  const words = /^\d+$/.test(first ?? "") ? rest : [first, ...rest];
  const titleWords = title.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
  const spelled = words.map((word) => {
    for (const candidate of titleWords) {
      for (let end = 1; end <= candidate.length; end++) {
        const prefix = candidate.slice(0, end);
        if (ascii(prefix) === word) return prefix.toLocaleLowerCase("da");
        if (ascii(prefix).length > word.length) break;
      }
    }
    return word;
  });
  const label = spelled.join(" ");
  const capital = label.length > 0 ? label[0].toLocaleUpperCase("da") + label.slice(1) : label;
  return /^\d+$/.test(first ?? "") ? `${first} ${capital}` : capital;
}

/** Table cells holding only a number, percentage or range ("44,0 %", "42,1–45,9"), which print must not break. */
const NUMBER_CELL = /<td>([-−+]?[\d.,]+(?:\s?%)?(?:\s?[–-]\s?[\d.,]+(?:\s?%)?)?)<\/td>/g;

/** Text of an HTML fragment, tags removed and entities kept as written (so it stays escaped). */
const plainText = (html: string): string =>
  html
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim();

/** Each table in a scroll box the keyboard reaches (WCAG 2.1.1), named by its caption or else `heading`. */
function scrollableTables(html: string, heading: string): string {
  return html.replace(/<table\b[\s\S]*?<\/table>/g, (table) => {
    const caption = /<caption\b[^>]*>([\s\S]*?)<\/caption>/.exec(table);
    const name = caption ? plainText(caption[1]) : heading === "" ? "" : `Tabel: ${heading}`;
    return `<div class="table-scroll" tabindex="0" role="region" aria-label="${name === "" ? "Tabel" : name.replace(/"/g, "&quot;")}">${table}</div>`;
  });
}

function richOutputHtml(data: MimeBundle, heading: string): string {
  if (data["text/html"] !== undefined) {
    const html = stripPlotlyBundle(text(data["text/html"])).replace(NUMBER_CELL, '<td class="num">$1</td>');
    return `<div class="output-html">${scrollableTables(html, heading)}</div>`;
  }
  for (const mime of ["image/png", "image/jpeg", "image/gif"]) {
    if (data[mime] !== undefined) {
      const src = `data:${mime};base64,${text(data[mime]).replace(/[^A-Za-z0-9+/=]/g, "")}`;
      return `<div class="output-image"><img src="${src}" alt=""></div>`;
    }
  }
  if (data["text/markdown"] !== undefined)
    return `<div class="output-markdown">${markdownHtml(text(data["text/markdown"]))}</div>`;
  if (data["text/plain"] !== undefined) return `<pre class="output-text">${preText(text(data["text/plain"]))}</pre>`;
  return `<pre class="output-text">[${escapeHtml(Object.keys(data).join(", "))}]</pre>`;
}

function outputHtml(output: Output, heading: string): string {
  switch (output.output_type) {
    case "stream":
      return `<pre class="output-stream ${output.name === "stderr" ? "stderr" : "stdout"}">${preText(output.text)}</pre>`;
    case "display_data":
    case "execute_result":
      return richOutputHtml(output.data, heading);
    case "error":
      return `<pre class="output-error">${escapeHtml(`${output.ename}: ${output.evalue}`)}</pre>`;
  }
}

/** The pages' style, screen and print, kept once in {@link CSS_FILE}. @example fs.writeFileSync("report/site.css", SITE_CSS) */
export const SITE_CSS = `body { font-family: "Open Sans", "Segoe UI", Helvetica, Arial, sans-serif; margin: 0; color: #1d1d1f; background: #fafafa; line-height: 1.5; }
header.site { background: #12355b; color: #fff; padding: 0.45rem 1rem; font-size: 0.8rem; }
header.site nav { display: flex; flex-wrap: wrap; gap: 0.2rem 0.9rem; max-width: 1200px; margin: 0 auto; }
header.site a { color: #fff; text-decoration: none; white-space: nowrap; }
header.site a:hover { text-decoration: underline; }
header.site a[aria-current="page"] { font-weight: bold; border-bottom: 2px solid #fff; }
main { max-width: 1100px; margin: 0 auto; padding: 1rem 1.5rem 3rem; background: #fff; }
.toolbar { display: flex; justify-content: flex-end; margin: 0.2rem 0 0.6rem; }
.toolbar button { font: inherit; font-size: 0.85rem; padding: 0.2rem 0.7rem; border: 1px solid #7a9cc6; background: #f3f5f8; color: #12355b; border-radius: 3px; cursor: pointer; }
.cell { margin: 0.8rem 0; }
details.code > summary { cursor: pointer; color: #5a6b7e; font-size: 0.8rem; font-family: monospace; }
details.code .source { background: #f3f5f8; border-left: 3px solid #7a9cc6; padding: 0.5rem 0.8rem; overflow-x: auto; font-size: 0.85rem; margin: 0.2rem 0 0; }
.outputs { margin: 0.3rem 0 0 0; }
.table-scroll { overflow-x: auto; }
.table-scroll tr > :first-child { position: sticky; left: 0; background: #fff; z-index: 1; } .table-scroll thead tr > :first-child, .table-scroll th:first-child { background: #eef2f6; }
.output-image img { max-width: 100%; }
:focus-visible { outline: 3px solid #1f5fbf; outline-offset: 2px; }
header.site a:focus-visible { outline-color: #fff; }
.skip { position: absolute; left: -10000px; top: 0; background: #fff; color: #12355b; padding: 0.4rem 0.8rem; z-index: 10; }
.skip:focus { left: 0.5rem; top: 0.5rem; }
.cell-markdown details { border: 1px solid #d0d7de; border-radius: 3px; padding: 0.2rem 0.8rem; margin: 0.4rem 0; }
.cell-markdown details > summary { cursor: pointer; color: #12355b; font-weight: 600; }
details.figure-data { margin: 0.2rem 0 0.8rem; font-size: 0.85rem; }
details.figure-data > summary { cursor: pointer; color: #3d4f63; }
details.figure-data caption { text-align: left; font-weight: 600; padding: 0.2rem 0; }
pre { white-space: pre-wrap; word-break: break-word; }
pre.output-stream, pre.output-text { font-size: 0.85rem; margin: 0.2rem 0; padding: 0.3rem 0.8rem; }
pre.stderr { background: #fff4e5; }
pre.output-error { background: #fdecea; color: #8a1c1c; padding: 0.4rem 0.8rem; }
table { border-collapse: collapse; margin: 0.5rem 0; font-size: 0.9rem; }
th, td { border: 1px solid #d0d7de; padding: 0.25rem 0.6rem; vertical-align: top; }
th { background: #eef2f6; text-align: left; }
td.num { text-align: right; white-space: nowrap; }
.sim-form label { font-weight: 600; margin-right: 0.4rem; } .sim-form input { width: 6rem; font: inherit; } #sim-progress { width: 100%; max-width: 30rem; }
.holds-true { color: #1a7f37; } .holds-false { color: #b42318; font-weight: bold; } .holds-null { color: #5a6b7e; }
@media print {
  header.site, .toolbar, details.code, .skip, .screen-only { display: none; }
  body { background: #fff; }
  main { max-width: none; padding: 0; }
  .plotly-figure, .output-image { break-inside: avoid; }
  tr { break-inside: avoid; }
  .table-scroll { overflow: visible; }
  details.figure-data { display: none; }
  html { font-size: 13px; }
  table { font-size: 0.8rem; width: 100%; }
  th, td { padding: 0.15rem 0.3rem; overflow-wrap: break-word; }
  thead th { overflow-wrap: anywhere; }
  table:has(tr > :nth-child(10)) { font-size: 0.62rem; } /* ten or more columns: smaller, so that words stay whole */
  table:has(tr > :nth-child(10)) thead th { overflow-wrap: normal; hyphens: auto; }
  td.num, td[style*="text-align:right"] { white-space: normal !important; }
  pre.output-stream, pre.output-text { font-size: 0.8rem; }
  h1, h2, h3 { break-after: avoid; }
}
`;

/** The banner's look, inline: pages without one keep their bytes. */
const BANNER_STYLE = "margin: 0; background: #8a1c1c; color: #fff; padding: 0.5rem 1rem; text-align: center";

/** The page-wide code toggle (plain DOM, works from file://). */
const TOGGLE_SCRIPT =
  `(function () {var button = document.getElementById("code-toggle"); if (!button) return;` +
  `button.addEventListener("click", function () {` +
  `var blocks = document.querySelectorAll("details.code"); var open = button.getAttribute("aria-pressed") !== "true";` +
  `for (var i = 0; i < blocks.length; i++) blocks[i].open = open;` +
  `button.setAttribute("aria-pressed", open ? "true" : "false");` +
  `button.textContent = open ? "Skjul al kode" : "Vis al kode"; });})();`;

/** A page: head, navigation, optional banner (HTML), body (escaped by the caller).
 * @example pageHtml(title, body, { nav }) */
export function pageHtml(
  title: string,
  body: string,
  options: { nav: string; plotly?: boolean; codeToggle?: boolean; banner?: string },
): string {
  const plotly = options.plotly ? `<script src="${PLOTLY_FILE}"></script>\n` : "";
  const toolbar = options.codeToggle
    ? `<div class="toolbar"><button type="button" id="code-toggle" aria-pressed="false">Vis al kode</button></div>\n`
    : "";
  const script = options.codeToggle ? `<script>${TOGGLE_SCRIPT}</script>\n` : "";
  return (
    `<!DOCTYPE html>\n<html lang="da">\n<head>\n<meta charset="utf-8">\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
    `<title>${escapeHtml(title)}</title>\n<link rel="stylesheet" href="${CSS_FILE}">\n${plotly}</head>\n<body>\n` +
    (options.nav === "" ? "" : `<a class="skip" href="#indhold">Spring til indholdet</a>\n`) +
    `<header class="site">${options.nav}</header>\n` +
    (options.banner === undefined
      ? ""
      : `<p class="internal-banner" role="note" style="${BANNER_STYLE}">${options.banner}</p>\n`) +
    `<main id="indhold">\n${toolbar}${body}\n</main>\n${script}</body>\n</html>\n`
  );
}

/** The navigation line: the index, the links, the current page marked. @example navHtml(links, "index.html") */
export function navHtml(links: NavLink[], current: string): string {
  const all = [{ file: "index.html", label: "Oversigt", title: "Oversigt" }, ...links];
  const items = all.map(
    (l) =>
      `<a href="${escapeHtml(l.file)}" title="${escapeHtml(l.title)}"${l.file === current ? ' aria-current="page"' : ""}>${escapeHtml(l.label)}</a>`,
  );
  return `<nav aria-label="Rapportens sider">${items.join("")}</nav>`;
}

/** An executed notebook's page body: markdown, code folded into "Kode" blocks, outputs. @example notebookBody(nb) */
export function notebookBody(notebook: Notebook): string {
  let count = 0;
  let heading = ""; // the last heading so far: names the tables under it
  const cells = notebook.cells.map((cell) => {
    if (cell.cell_type === "markdown") {
      const html = markdownHtml(joinSource(cell.source));
      const headings = Array.from(html.matchAll(/<h[1-6]\b[^>]*>([\s\S]*?)<\/h[1-6]>/g));
      if (headings.length > 0) heading = plainText(headings[headings.length - 1][1]);
      return `<section class="cell cell-markdown">${html}</section>`;
    }
    if (cell.cell_type !== "code")
      return `<section class="cell cell-raw"><pre>${escapeHtml(joinSource(cell.source))}</pre></section>`;
    const source = joinSource(cell.source);
    const outputs = cell.outputs.map((output) => outputHtml(output, heading)).join("\n");
    if (source.trim() === "" && outputs === "") return "";
    count += 1;
    return (
      `<section class="cell cell-code"><details class="code"><summary>Kode ${count}</summary>` +
      `<pre class="source"><code class="language-typescript">${escapeHtml(source)}</code></pre></details>` +
      (outputs ? `<div class="outputs">${outputs}</div>` : "") +
      `</section>`
    );
  });
  return cells.filter((c) => c !== "").join("\n");
}
