/** The site's index (notebooks, extra pages, downloads, published against reproduced figures) and all its pages. */
import { decimal, integer, range } from "../present/format";
import { escapeHtml, markdownHtml } from "./markdown";
import { Notebook } from "./ipynb";
import { NavLink, SitePage, navHtml, navLabel, notebookBody, notebookTitle, pageHtml } from "./site";

/** A published-figure check on the index page, its words Danish: section "Udbredelse", rule "afrundet …", base label. */
export interface FigureRow {
  id: string;
  section: string;
  name: string;
  quote: string; // the report's sentence the figure stands in
  base: string;
  rule: string;
  isCount: boolean; // else a percentage
  published: number | null;
  estimate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  n: number | null;
  holds: boolean | null; // null when not checked
  status: string; // "inden for reglen"
}

/** A file linked from the index's "Data og downloads" (`file` relative to the report folder, a short Danish note). */
export interface DownloadLink {
  file: string;
  label: string;
  note: string;
}

/** What the index says besides the lists; all HTML here is escaped by the caller. */
interface SiteOptions {
  title?: string;
  intro?: string; // markdown, rendered safely
  noticeHtml?: string; // after the intro
  downloads?: DownloadLink[];
  extraPages?: (NavLink & { body: string })[]; // pages besides the notebooks' (e.g. "Spørg data")
  differences?: boolean; // open with "Forskelle fra rapporten" (any panel but the shipped synthetic one)
  banner?: string; // under the navigation of every page (an internal site's warning)
  overviewHtml?: string; // before the notebook list
  appendix?: Record<string, string>; // at the end of a notebook's page, by its file stem
}

function numberText(value: number | null, isCount: boolean, decimals: number): string {
  if (value === null) return "–";
  return isCount ? integer(value) : `${decimal(value, decimals)} %`;
}

function figuresTableHtml(figures: FigureRow[]): string {
  const rows = figures.map((f) => {
    const interval = f.ciLow === null || f.ciHigh === null ? "–" : `${range(f.ciLow, f.ciHigh, 1)} %`;
    return (
      `<tr><td>${escapeHtml(f.section)}</td><td title="${escapeHtml(f.quote)}">${escapeHtml(f.name)}</td><td>${escapeHtml(f.base)}</td>` +
      `<td class="num">${numberText(f.published, f.isCount, 0)}</td><td class="num">${numberText(f.estimate, f.isCount, 1)}</td>` +
      `<td class="num">${interval}</td><td class="num">${f.n === null ? "–" : integer(f.n)}</td>` +
      `<td>${escapeHtml(f.rule)}</td><td class="holds-${String(f.holds)}">${escapeHtml(f.status)}</td></tr>`
    );
  });
  return (
    `<h2 id="tal">Publicerede tal mod genberegningen</h2>\n` +
    `<p>Hvert tal, rapporten nævner, ved siden af genberegningen fra respondentdata med 95 %-konfidensinterval og antal besvarelser (n) i basen. ` +
    `Reglen siger, hvor tæt genberegningen skal ligge på det publicerede tal; hold musen over et navn for at se rapportens sætning.</p>\n` +
    `<table><thead><tr><th>Afsnit</th><th>Tal</th><th>Basis</th><th>Publiceret</th><th>Genberegnet</th><th>95 %-KI</th><th>n</th>` +
    `<th>Regel</th><th>Status</th></tr></thead><tbody>\n${rows.join("\n")}\n</tbody></table>`
  );
}

/** "Forskelle fra rapporten": the figures outside their rule, or a sentence saying there are none. */
function differencesHtml(figures: FigureRow[]): string {
  const outside = figures.filter((f) => f.holds === false);
  const head = `<h2 id="forskelle">Forskelle fra rapporten</h2>\n`;
  if (outside.length === 0) return `${head}<p>Alle genberegnede tal ligger inden for rapportens regel.</p>\n`;
  const items = outside.map(
    (f) =>
      `<li>${escapeHtml(f.name)} (${escapeHtml(f.base)}): rapporten ${numberText(f.published, f.isCount, 0)}, genberegnet ${numberText(f.estimate, f.isCount, 1)} – regel: ${escapeHtml(f.rule)}</li>`,
  );
  const count = outside.length === 1 ? "Ét tal" : `${integer(outside.length)} tal`;
  return `${head}<p>${count} ligger uden for rapportens regel på dette panel:</p>\n<ul>\n${items.join("\n")}\n</ul>\n`;
}

function downloadsHtml(downloads: DownloadLink[]): string {
  if (downloads.length === 0) return "";
  const items = downloads.map(
    (d) => `<li><a href="${escapeHtml(d.file)}">${escapeHtml(d.label)}</a> – ${escapeHtml(d.note)}</li>`,
  );
  return `<h2 id="data">Data og downloads</h2>\n<ul>\n${items.join("\n")}\n</ul>`;
}

/** All pages, index.html first. @example buildSite([["01-adoption", nb]], figures, { extraPages: [askPage] }) */
export function buildSite(
  notebooks: [stem: string, notebook: Notebook][],
  figures: FigureRow[] | null,
  options: SiteOptions = {},
): SitePage[] {
  const entries = notebooks.map(([stem, notebook]) => {
    const title = notebookTitle(notebook, stem);
    return { file: `${stem}.html`, title, label: navLabel(stem, title), notebook, stem };
  });
  const extras = options.extraPages ?? [];
  const links: NavLink[] = [...entries, ...extras];
  const page = (file: string, title: string, body: string, plotly: boolean, codeToggle = false): SitePage => {
    const html = pageHtml(title, body, { nav: navHtml(links, file), codeToggle, plotly, banner: options.banner });
    return { file, title, body, plotly, html };
  };
  const pages = entries.map((e) => {
    const body = notebookBody(e.notebook) + (options.appendix?.[e.stem] ?? "");
    return page(e.file, e.title, body, body.includes("Plotly.newPlot"), true);
  });
  for (const extra of extras) pages.push(page(extra.file, extra.title, extra.body, false));
  const siteTitle = options.title ?? "Rapport";
  const list = entries
    .map(
      (e) =>
        `<li><a href="${escapeHtml(e.file)}">${escapeHtml(e.title)}</a> <small>(<a href="notebooks/${escapeHtml(e.stem)}.ipynb">notesbog</a>)</small></li>`,
    )
    .join("\n");
  const extraList = extras.map((e) => `<li><a href="${escapeHtml(e.file)}">${escapeHtml(e.title)}</a></li>`).join("\n");
  const intro = (options.intro ? markdownHtml(options.intro) : "") + (options.noticeHtml ?? "");
  const front =
    `<h1>${escapeHtml(siteTitle)}</h1>\n${intro}\n` + (options.differences && figures ? differencesHtml(figures) : "");
  const body =
    front +
    (options.overviewHtml ?? "") +
    `<h2>Notebooks</h2>\n<ul>\n${list}\n</ul>\n` +
    (extras.length > 0 ? `<h2>Andre sider</h2>\n<ul>\n${extraList}\n</ul>\n` : "") +
    downloadsHtml(options.downloads ?? []) +
    "\n" +
    (figures && figures.length > 0 ? figuresTableHtml(figures) : "");
  return [{ ...page("index.html", siteTitle, body, false), front }, ...pages];
}
