/** `npm run report -- --pdf`: rapport.pdf, every page of the site in order printed by headless Chromium. */
import * as fs from "fs";
import * as path from "path";
import { pathToFileURL } from "url";
import { escapeHtml } from "./markdown";
import { PLOTLY_FILE, SitePage, pageHtml } from "./site";

/** File name of the PDF in the report folder. */
export const PDF_FILE = "rapport.pdf";

/** Chromium is needed and not there: one line, no stack. */
export class ChromiumMissingError extends Error {
  name = "ChromiumMissingError";
}

/**
 * $CHROMIUM or /usr/bin/chromium; {@link ChromiumMissingError} without it or playwright-core.
 * @example const chromium = chromiumForPdf(); // "/usr/bin/chromium"
 */
export function chromiumForPdf(env: NodeJS.ProcessEnv = process.env): string {
  const executable = env.CHROMIUM && env.CHROMIUM.length > 0 ? env.CHROMIUM : "/usr/bin/chromium";
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
.print-part > .print-source { color: #5a6b7e; font-size: 0.75rem; margin: 0 0 0.3rem; }
</style>`;

/** One HTML document holding every page's body in order, each starting on a new sheet. */
function printDocument(pages: SitePage[], title: string): string {
  const parts = pages.map(
    (page) =>
      `<section class="print-part"><p class="print-source">${escapeHtml(page.file)}</p>\n${page.body}\n</section>`,
  );
  return pageHtml(title, `${PRINT_STYLE}\n${parts.join("\n")}`, { nav: "", plotly: pages.some((p) => p.plotly) });
}

/**
 * Prints the pages to `<dir>/rapport.pdf`; resolves with its size in bytes.
 * @example await printReportPdf("report", pages, "Rapport", chromiumForPdf());
 */
export async function printReportPdf(
  dir: string,
  pages: SitePage[],
  title: string,
  executablePath: string,
): Promise<number> {
  if (!fs.existsSync(path.join(dir, PLOTLY_FILE)))
    throw new Error(`${dir}: ${PLOTLY_FILE} is missing; write the site before the PDF`);
  const { chromium } = await import("playwright-core");
  const printFile = path.join(dir, ".print.html");
  fs.writeFileSync(printFile, printDocument(pages, title));
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run"],
  });
  try {
    // About an A4 sheet's printable width, so that charts are laid out for paper.
    const page = await browser.newPage({ viewport: { width: 700, height: 1000 } });
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
    const output = path.join(dir, PDF_FILE);
    await page.pdf({
      path: output,
      format: "A4",
      printBackground: true,
      margin: { top: "15mm", bottom: "18mm", left: "14mm", right: "14mm" },
      displayHeaderFooter: true,
      headerTemplate: "<span></span>",
      footerTemplate:
        `<div style="font-size:8px;width:100%;text-align:center;color:#555;font-family:sans-serif">` +
        `${escapeHtml(title)} · side <span class="pageNumber"></span> af <span class="totalPages"></span></div>`,
    });
    return fs.statSync(output).size;
  } finally {
    await browser.close();
    fs.rmSync(printFile, { force: true });
  }
}
