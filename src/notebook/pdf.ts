/** `npm run report -- --pdf`: rapport.pdf, a title page, contents and every page of the site, printed by headless Chromium. */
import * as fs from "fs";
import * as path from "path";
import { pathToFileURL } from "url";
import { escapeHtml } from "./markdown";
import { PLOTLY_FILE, SitePage, pageHtml } from "./site";
import { packPdf, pdfPageCount } from "./pdf-pack";

/** File name of the PDF in the report folder. */
export const PDF_FILE = "rapport.pdf";

/** Chromium is needed and not there: one line, no stack. */
export class ChromiumMissingError extends Error {
  name = "ChromiumMissingError";
}

/** $CHROMIUM or /usr/bin/chromium; {@link ChromiumMissingError} without it or playwright-core. @example chromiumForPdf() */
export function chromiumForPdf(): string {
  const executable = process.env.CHROMIUM || "/usr/bin/chromium";
  if (!fs.existsSync(executable))
    throw new ChromiumMissingError(
      `--pdf needs Chromium, which is not installed at ${executable} (install the Debian package chromium, or set CHROMIUM=/path/to/chromium)`,
    );
  try {
    require.resolve("playwright-core");
  } catch {
    throw new ChromiumMissingError("--pdf needs the npm package playwright-core (a dev dependency): run npm ci");
  }
  return executable;
}

const PRINT_STYLE = `<style>
.print-part + .print-part { break-before: page; }
.title-page { padding-top: 30vh; } .title-page h1 { font-size: 2rem; line-height: 1.25; }
ol.toc { list-style: none; padding: 0; } ol.toc li { margin: 0.35rem 0; }
ol.toc a { display: flex; gap: 0.5rem; color: inherit; text-decoration: none; }
ol.toc a::after { content: ""; order: 1; flex: 1; border-bottom: 1px dotted #5a6b7e; margin-bottom: 0.3rem; }
ol.toc .toc-page { order: 2; min-width: 2ch; text-align: right; }
</style>`;

/** One HTML document: a title page, the contents (page numbers filled in once known), every page's body. */
function printDocument(front: string, pages: SitePage[], title: string): string {
  const toc = pages.map(
    (page, i) =>
      `<li><a href="#del-${i}"><span>${escapeHtml(page.title)}</span><span class="toc-page" data-toc-page>0</span></a></li>`,
  );
  const parts = [
    `<section class="print-part title-page">${front}</section>`,
    `<section class="print-part"><h2>Indhold</h2>\n<ol class="toc">\n${toc.join("\n")}\n</ol></section>`,
    ...pages.map((page, i) => `<section class="print-part" id="del-${i}">\n${page.body}\n</section>`),
  ];
  return pageHtml(title, `${PRINT_STYLE}\n${parts.join("\n")}`, { nav: "", plotly: pages.some((p) => p.plotly) });
}

/** The print settings both passes share (the same layout, so the same page breaks). */
const SHEET = {
  format: "A4",
  printBackground: true,
  margin: { top: "15mm", bottom: "18mm", left: "14mm", right: "14mm" },
} as const;

/** Prints the site to `<dir>/rapport.pdf` (title page, contents, pages; tagged, outlined) and resolves with its size.
 * @example await printReportPdf("report", pages, "Rapport", chromiumForPdf()); */
export async function printReportPdf(
  dir: string,
  pages: SitePage[],
  title: string,
  chromiumPath: string,
): Promise<number> {
  if (!fs.existsSync(path.join(dir, PLOTLY_FILE)))
    throw new Error(`${dir}: ${PLOTLY_FILE} is missing; write the site before the PDF`);
  const index = pages.find((page) => page.front !== undefined);
  if (index === undefined) throw new Error("printReportPdf: no index page (a page with front matter) among the pages");
  const printed = pages.filter((page) => page !== index);
  const { chromium } = await import("playwright-core");
  const printFile = path.join(dir, ".print.html");
  fs.writeFileSync(printFile, printDocument(index.front ?? "", printed, title));
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run"],
  });
  try {
    // Within an A4 sheet's printable width (182 mm, 688 px): nothing wider, so Chromium does not shrink the whole.
    const page = await browser.newPage({ viewport: { width: 680, height: 1000 } });
    await page.route("**/*", (route) =>
      route.request().url().startsWith("file://") ? route.continue() : route.abort(),
    );
    await page.emulateMedia({ media: "print" });
    await page.goto(pathToFileURL(printFile).href, { waitUntil: "load" });
    await page.waitForFunction(
      `Array.from(document.querySelectorAll(".plotly-figure")).every((div) => div.classList.contains("js-plotly-plot"))`,
      undefined,
      { timeout: 60_000 },
    );
    const show = (only: number | null): Promise<void> =>
      page.evaluate(
        `document.querySelectorAll(".print-part").forEach((part, i) => { part.style.display = ${only} === null || i === ${only} ? "" : "none"; })`,
      );
    const first = [1]; // each part printed alone: it starts on a new sheet, so it has as many sheets as in the whole
    for (let part = 0; part < printed.length + 1; part++) {
      await show(part);
      first.push(first[part] + pdfPageCount(await page.pdf(SHEET)));
    }
    await show(null);
    // first[i + 2] is where printed page i starts (after the title page and the contents).
    await page.evaluate(
      `document.querySelectorAll("[data-toc-page]").forEach((span, i) => { span.textContent = String(${JSON.stringify(first)}[i + 2]); })`,
    );
    const output = path.join(dir, PDF_FILE);
    const pdf = await page.pdf({
      ...SHEET,
      tagged: true,
      outline: true,
      displayHeaderFooter: true,
      headerTemplate: "<span></span>",
      footerTemplate:
        `<div style="font-size:8px;width:100%;text-align:center;color:#555;font-family:sans-serif">` +
        `${escapeHtml(title)} · side <span class="pageNumber"></span> af <span class="totalPages"></span></div>`,
    });
    fs.writeFileSync(output, packPdf(pdf));
    return fs.statSync(output).size;
  } finally {
    await browser.close();
    fs.rmSync(printFile, { force: true });
  }
}
