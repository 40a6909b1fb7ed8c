/**
 * The report site without a browser: hostile text from data, file names and notebooks is escaped
 * (raw HTML in markdown shown as text, no javascript: links), the index speaks Danish (figure
 * names, bases and rules in words, decimal comma), the navigation labels, the extra-page list, and
 * the report folder's rules (lock, --out policy, replace only on success).
 */
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { markdownHtml, safeUrl } from "../src/notebook/markdown";
import { Notebook } from "../src/notebook/ipynb";
import { SITE_CSS, navHtml, navLabel, notebookBody, pageHtml } from "../src/notebook/site";
import { FigureRow, buildSite } from "../src/notebook/site-index";
import { computeReportData } from "../src/notebook/report-data";
import {
  BuildLockedError,
  MANIFEST_FILE,
  UsageError,
  checkOutFolder,
  startReportBuild,
} from "../src/notebook/report-folder";
import { readPublishedFigures } from "../src/report/published";
import { tempDir } from "./helpers/temp-dirs";

const root = path.resolve(__dirname, "..");

const HOSTILE = "pa`nel<img src=x onerror=alert(1)>\"'<script>alert(2)</script>.csv";

/** Elements or attributes that would run script if the hostile text got through unescaped. */
function activeContent(html: string): string[] {
  const found: string[] = [];
  for (const m of html.matchAll(/<img\b[^>]*>/gi)) if (/onerror|src=x/i.test(m[0])) found.push(m[0]);
  for (const m of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)) if (/alert/.test(m[1])) found.push(m[0]);
  for (const tag of html.matchAll(/<[a-z][^>]*>/gi))
    if (/\son\w+\s*=/i.test(tag[0].replace(/"[^"]*"/g, '""'))) found.push(tag[0]);
  for (const m of html.matchAll(/(href|src)\s*=\s*"\s*javascript:/gi)) found.push(m[0]);
  return found;
}

function hostileNotebook(): Notebook {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [
      {
        cell_type: "markdown",
        metadata: {},
        source: `# Titel ${HOSTILE}\n\nTekst <img src=x onerror=alert(3)> [klik](javascript:alert(4))`,
      },
      {
        cell_type: "code",
        metadata: {},
        execution_count: 1,
        source: `console.log("${HOSTILE}")`,
        outputs: [
          { output_type: "stream", name: "stdout", text: [`${HOSTILE}\n`] },
          {
            output_type: "display_data",
            metadata: {},
            data: { "text/markdown": `> Panelfil: \`${HOSTILE}\``, "text/plain": HOSTILE },
          },
          { output_type: "error", ename: HOSTILE, evalue: HOSTILE, traceback: [] },
        ],
      },
    ],
  };
}

const hostileRow: FigureRow = {
  id: HOSTILE,
  section: HOSTILE,
  name: HOSTILE,
  quote: HOSTILE,
  base: HOSTILE,
  rule: HOSTILE,
  isCount: false,
  published: 44,
  estimate: 44.04,
  ciLow: 42.1,
  ciHigh: 45.9,
  n: 4128,
  holds: true,
  status: HOSTILE,
};

describe("hostile text on the site", () => {
  it("markdown shows raw HTML as text and drops script links", () => {
    expect(markdownHtml("`a` <img src=x onerror=alert(1)>")).toBe(
      "<p><code>a</code> &lt;img src=x onerror=alert(1)&gt;</p>\n",
    );
    expect(markdownHtml("[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) [ok](a.html)")).toBe(
      '<p>x y <a href="a.html">ok</a></p>\n',
    );
    expect(safeUrl("https://example.org")).toBe(true);
    expect(safeUrl(" data:text/html,x")).toBe(false);
  });

  it("markdown folds a bare <details> with its <summary> and escapes any other tag or attribute", () => {
    const folded = markdownHtml('<details><summary>Løsning & "svar"</summary>\n\nSæt *loftet* til 3.\n\n</details>');
    expect(folded).toBe(
      "<details><summary>Løsning &amp; &quot;svar&quot;</summary><p>Sæt <em>loftet</em> til 3.</p>\n</details>",
    );
    for (const hostile of [
      '<details open onclick="alert(1)">',
      "<details><summary onclick=x>a</summary>",
      "<summary>a",
    ])
      expect(markdownHtml(`${hostile}\n\nx`)).not.toMatch(/<(details|summary)[ >]/);
  });

  it("escapes file names, labels, quotes and outputs on every page", () => {
    const pages = buildSite([["00-x", hostileNotebook()]], [hostileRow], {
      title: HOSTILE,
      intro: `Panelfil: \`${HOSTILE}\``,
      downloads: [{ file: HOSTILE, label: HOSTILE, note: HOSTILE }],
      extraPages: [{ file: "spoerg.html", label: HOSTILE, title: HOSTILE, body: "<p>ok</p>" }],
    });
    expect(pages.map((p) => p.file)).toEqual(["index.html", "00-x.html", "spoerg.html"]);
    for (const page of pages) {
      expect(activeContent(page.html), page.file).toEqual([]);
      // The only scripts are the page's own: the code toggle (notebook pages) and nothing else here.
      expect((page.html.match(/<script\b/g) ?? []).length, page.file).toBeLessThanOrEqual(1);
    }
    // The hostile text is still there for the reader, as text.
    expect(pages[0].html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });
});

describe("Forskelle fra rapporten", () => {
  const outside: FigureRow = {
    ...hostileRow,
    id: "adoption.uses_ai",
    name: "Bruger AI",
    base: "Alle SMV'er",
    rule: "afrundet til hele procent",
    published: 44,
    estimate: 41.3,
    holds: false,
    status: "uden for reglen",
  };
  const inside: FigureRow = {
    ...hostileRow,
    id: "adoption.relevant",
    name: "Finder AI relevant",
    holds: true,
    status: "inden for reglen",
  };

  it("on a panel other than the shipped one the index opens with every figure outside its rule", () => {
    const [index] = buildSite([], [inside, outside], { title: "Rapport", differences: true });
    const section = index.html.slice(index.html.indexOf('id="forskelle"'), index.html.indexOf("<h2>Notebooks"));
    expect(section).toContain("Ét tal ligger uden for rapportens regel");
    expect(section).toContain("Bruger AI");
    expect(section).toContain("rapporten 44 %, genberegnet 41,3 %");
    expect(section).not.toContain("Finder AI relevant");
    expect(index.html.indexOf('id="forskelle"')).toBeLessThan(index.html.indexOf("<h2>Notebooks"));
  });

  it("says so when every figure holds, and is absent for the shipped synthetic panel", () => {
    expect(buildSite([], [inside], { differences: true })[0].html).toContain(
      "Alle genberegnede tal ligger inden for rapportens regel.",
    );
    expect(buildSite([], [outside], { differences: false })[0].html).not.toContain("Forskelle fra rapporten");
  });
});

describe("the index in Danish", () => {
  const data = computeReportData();
  const [index] = buildSite([], data.rows, { title: "Rapport" });
  const published = readPublishedFigures(path.join(root, "data", "published", "figures.csv"));

  it("names figures in words, never by id", () => {
    expect(published.length).toBeGreaterThan(10);
    for (const figure of published) expect(index.html, figure.id).not.toContain(figure.id);
    expect(index.html).toContain("Bruger AI");
  });

  it("writes bases, rules and status in words and numbers the Danish way", () => {
    for (const word of [
      "Alle SMV&#39;er",
      "afrundet til hele procent",
      "præcist antal",
      "inden for reglen",
      "over 25 %",
      "ca. ±2 point",
    ]) {
      expect(index.html).toContain(word);
    }
    for (const code of [">all<", ">round<", ">approx:2<", ">relevant<", ">potential<", ">barrier<"])
      expect(index.html).not.toContain(code);
    const n = data.rows.find((r) => r.isCount)?.estimate;
    expect(n).toBeGreaterThan(999);
    expect(index.html).toContain(`>${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".")}<`);
    expect(index.html).toMatch(/>\d+,\d %</);
    expect(index.html).not.toMatch(/>\d+\.\d %</);
  });
});

describe("navigation", () => {
  it("labels a notebook by its number and its stem spelled as in the title", () => {
    expect(navLabel("06-opfoelgning", "06 · Opfølgning: tre spørgsmål")).toBe("06 Opfølgning");
    expect(navLabel("07-vaegtning", "07 · Vægtningslab: hvad gør vægtene")).toBe("07 Vægtning");
    expect(navLabel("05-datagrundlag-og-metode", "05 · Datagrundlag og metode")).toBe("05 Datagrundlag og metode");
    expect(navLabel("smoke", "Smoke test")).toBe("Smoke");
  });

  it("adds extra pages to every page's navigation line, the current page marked", () => {
    const notebook: Notebook = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [] };
    const pages = buildSite([["01-a", notebook]], null, {
      extraPages: [{ file: "spoerg.html", label: "Spørg data", title: "Spørg data", body: "<p>x</p>" }],
    });
    for (const page of pages) {
      expect(page.html).toContain('<a href="spoerg.html" title="Spørg data"');
      expect(page.html).toMatch(new RegExp(`href="${page.file.replace(".", "\\.")}"[^>]*aria-current="page"`));
    }
  });
});

describe("the report folder", () => {
  it("accepts a missing or empty folder and a previous report, and refuses one with other files", () => {
    const base = tempDir("out-policy-");
    checkOutFolder(path.join(base, "missing"));
    const report = path.join(base, "report");
    fs.mkdirSync(report);
    checkOutFolder(report);
    fs.writeFileSync(path.join(report, "index.html"), "x");
    fs.writeFileSync(path.join(report, MANIFEST_FILE), "index.html\n");
    checkOutFolder(report);
    fs.writeFileSync(path.join(report, "mine.docx"), "the user's");
    expect(() => checkOutFolder(report)).toThrow(UsageError);
    expect(() => checkOutFolder(report)).toThrow(/"mine\.docx"/);
    const legacy = path.join(base, "legacy");
    fs.mkdirSync(path.join(legacy, "notebooks"), { recursive: true });
    fs.writeFileSync(path.join(legacy, "index.html"), "x");
    fs.writeFileSync(path.join(legacy, "01-a.html"), "x");
    checkOutFolder(legacy);
    const home = path.join(base, "home");
    fs.mkdirSync(home);
    fs.writeFileSync(path.join(home, "notes.txt"), "x");
    expect(() => checkOutFolder(home)).toThrow(/notes\.txt/);
  });

  it("replaces the report only on commit, keeps it on abandon, and locks the folder meanwhile", () => {
    const base = tempDir("out-build-");
    const out = path.join(base, "report");
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, "index.html"), "previous");
    const first = startReportBuild(out);
    expect(() => startReportBuild(out)).toThrow(BuildLockedError);
    expect(() => startReportBuild(out)).toThrow(/another report build \(process \d+\)/);
    fs.writeFileSync(path.join(first.tempDir, "index.html"), "failed build");
    first.abandon();
    expect(fs.readFileSync(path.join(out, "index.html"), "utf8")).toBe("previous");
    expect(fs.readdirSync(base).sort()).toEqual(["report"]);
    const second = startReportBuild(out);
    fs.writeFileSync(path.join(second.tempDir, "index.html"), "new");
    second.commit();
    expect(fs.readFileSync(path.join(out, "index.html"), "utf8")).toBe("new");
    expect(fs.readFileSync(path.join(out, MANIFEST_FILE), "utf8")).toBe("index.html\n");
    expect(fs.readdirSync(base).sort()).toEqual(["report"]);
  });

  it("takes over the lock of a build that was killed and restores a report it had moved aside", () => {
    const base = tempDir("out-killed-");
    const out = path.join(base, "report");
    // A killed build: its lock and temporary folder remain, and the previous report sits moved aside.
    const deadPid = 2 ** 22 + 12345;
    fs.writeFileSync(path.join(base, ".report.lock"), `${deadPid}\n`);
    fs.mkdirSync(path.join(base, `.report.build-${deadPid}`));
    fs.mkdirSync(path.join(base, `.report.old-${deadPid}`));
    fs.writeFileSync(path.join(base, `.report.old-${deadPid}`, "index.html"), "previous");
    const build = startReportBuild(out);
    expect(fs.readFileSync(path.join(out, "index.html"), "utf8")).toBe("previous");
    build.abandon();
    expect(fs.readdirSync(base).sort()).toEqual(["report"]);
  });
});

describe("accessibility of the pages", () => {
  const notebook = (cells: Notebook["cells"]): Notebook =>
    ({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 }) as unknown as Notebook;
  const table = "<table><thead><tr><th>Svar</th></tr></thead><tbody><tr><td>44,0</td></tr></tbody></table>";

  it("puts each table in a scroll box the keyboard reaches, named by the section it stands in", () => {
    const body = notebookBody(
      notebook([
        { cell_type: "markdown", source: "## Barrierer efter størrelse", metadata: {} },
        {
          cell_type: "code",
          source: "showTable(rows)",
          metadata: {},
          execution_count: 1,
          outputs: [{ output_type: "display_data", data: { "text/html": table }, metadata: {} }],
        },
      ] as unknown as Notebook["cells"]),
    );
    expect(body).toContain(
      '<div class="table-scroll" tabindex="0" role="region" aria-label="Tabel: Barrierer efter størrelse"><table>',
    );
  });

  it("has a skip link to the main content, a named navigation and a visible focus", () => {
    const html = pageHtml("Side", "<h1>Side</h1>", { nav: navHtml([], "index.html") });
    expect(html).toContain('<a class="skip" href="#indhold">Spring til indholdet</a>');
    expect(html).toContain('<main id="indhold">');
    expect(html).toContain('<nav aria-label="Rapportens sider">');
    expect(html).toContain('<link rel="stylesheet" href="site.css">');
    expect(SITE_CSS).toMatch(/:focus-visible \{ outline: 3px solid/);
  });
});
