/**
 * `npm run check:browser [-- --dir DIR --screenshots DIR --chromium PATH]`: every report page, offline in headless
 * Chromium, has no error, no request out, charts with marks, and at 1280 px one nav line, code hidden and togglable;
 * the 08 page's simulation button runs, can be cancelled and gives Node's numbers.
 */
import * as fs from "fs";
import * as path from "path";
import { pathToFileURL } from "url";
import { offline, option, sitePages } from "./chromium";
import { checkSimulationSection } from "./simulation-section";

/** Chart marks Plotly draws: bars, lines, boxes, violins, heat-map images, Sankey links, pie slices. */
const MARK_SELECTOR =
  ".trace .point, .trace path.js-line, .trace path.box, .trace path.violin, .hm image, .sankey-link, .slice";

async function main(): Promise<void> {
  const root = path.resolve(__dirname, "..", "..");
  const dir = path.resolve(option("--dir") ?? path.join(root, "report"));
  const shots = option("--screenshots");
  const executablePath = option("--chromium") ?? process.env.CHROMIUM ?? "/usr/bin/chromium";
  const { pages, context, close } = await sitePages(dir, executablePath, "check-browser");
  if (shots) fs.mkdirSync(shots, { recursive: true });
  let failed = 0;
  try {
    for (const file of pages) {
      const problems: string[] = [];
      const page = await context.newPage();
      await offline(page, problems, "request leaving the machine blocked", "blockedbyclient");
      page.on("requestfailed", (request) => {
        if (request.url().startsWith("file://"))
          problems.push(`failed to load ${request.url()}: ${request.failure()?.errorText}`);
      });
      await page.goto(pathToFileURL(path.join(dir, file)).href, { waitUntil: "load" });
      await page.waitForTimeout(300);
      // A string expression: this project compiles without the DOM library.
      const figures = (await page.evaluate(
        `Array.from(document.querySelectorAll(".plotly-figure")).map((div) => ({` +
          `drawn: div.classList.contains("js-plotly-plot"), marks: div.querySelectorAll(${JSON.stringify(MARK_SELECTOR)}).length, id: div.id }))`,
      )) as { drawn: boolean; marks: number; id: string }[];
      figures.forEach((figure, index) => {
        if (!figure.drawn) problems.push(`chart ${index + 1} (#${figure.id}) was not drawn by Plotly`);
        else if (figure.marks === 0) problems.push(`chart ${index + 1} (#${figure.id}) drew no marks`);
      });
      const layout = (await page.evaluate(
        `(() => { const nav = document.querySelector("header.site nav"); const link = nav && nav.querySelector("a");` +
          `const blocks = Array.from(document.querySelectorAll("details.code"));` +
          `return { lang: document.documentElement.lang, navLines: nav && link ? Math.round(nav.getBoundingClientRect().height / link.getBoundingClientRect().height) : 0,` +
          `codeBlocks: blocks.length, openBlocks: blocks.filter((d) => d.open).length, toggle: !!document.getElementById("code-toggle") }; })()`,
      )) as { lang: string; navLines: number; codeBlocks: number; openBlocks: number; toggle: boolean };
      if (layout.lang !== "da") problems.push(`<html lang="${layout.lang}">, expected "da"`);
      if (layout.navLines !== 1) problems.push(`the navigation takes ${layout.navLines} lines at 1280 px, expected 1`);
      if (layout.openBlocks > 0) problems.push(`${layout.openBlocks} code block(s) open on load, expected code hidden`);
      if (layout.codeBlocks > 0) {
        if (!layout.toggle) problems.push("code blocks but no 'Vis al kode' button");
        else {
          const openAfterClick = async (): Promise<number> => {
            await page.click("#code-toggle");
            return (await page.evaluate(
              `Array.from(document.querySelectorAll("details.code")).filter((d) => d.open).length`,
            )) as number;
          };
          const opened = await openAfterClick();
          const closed = await openAfterClick();
          if (opened !== layout.codeBlocks || closed !== 0)
            problems.push(`the code toggle opened ${opened} and left ${closed} of ${layout.codeBlocks} blocks open`);
        }
      }
      problems.push(...(await checkSimulationSection(page)));
      if (shots) await page.screenshot({ path: path.join(shots, file.replace(/\.html$/, ".png")), fullPage: true });
      await page.close();
      const marks = figures.map((f) => f.marks);
      console.log(
        `${file}: ${problems.length === 0 ? "ok" : "FAILED"}, ${marks.length} chart(s), marks [${marks.join(", ")}]`,
      );
      for (const problem of problems) console.log(`  ${problem}`);
      if (problems.length > 0) failed += 1;
    }
  } finally {
    await close();
  }
  if (failed > 0) {
    console.error(`check:browser: ${failed} of ${pages.length} page(s) failed`);
    process.exit(1);
  }
  console.log(`check:browser: ${pages.length} page(s) ok`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
