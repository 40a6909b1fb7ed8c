/**
 * `npm run check:browser [-- --dir DIR --screenshots DIR --chromium PATH]`: every report page, offline in headless
 * Chromium, has no error, no request out, charts with marks, and at 1280 px one nav line, code hidden and togglable;
 * the 08 page's simulation button runs, can be cancelled and gives Node's numbers.
 */
import * as fs from "fs";
import * as path from "path";
import type { Page } from "playwright-core";
import type { SimulationRequest } from "../lab/simulation/worker";
import { runSimulation, simulationWorld } from "../lab/simulation/run";
import { propensities } from "../lab/simulation/response";
import { coverageText } from "../lab/simulation/summary";
import { checkSitePages, option, runMain } from "./chromium";

/** Chart marks Plotly draws: bars, lines, boxes, violins, heat-map images, Sankey links, pie slices. */
const MARK_SELECTOR =
  ".trace .point, .trace path.js-line, .trace path.box, .trace path.violin, .hm image, .sankey-link, .slice";
/** The simulation run in the browser and in Node: panels, bootstrap replicates, AI users' response factor. */
const SIM = { reps: 5, bootstrap: 2, aiUsers: 1.5 };

const text = async (page: Page, selector: string): Promise<string> => (await page.textContent(selector)) ?? "";

/** The 08 page's simulation: cancelled, then a small run's progress and table, which must be Node's for the same run. */
async function checkSimulationSection(page: Page): Promise<string[]> {
  if ((await page.$("#sim-form")) === null) return [];
  const problems: string[] = [];
  await page.fill("#sim-boot", "0");
  await page.click("#sim-run");
  await page.waitForFunction(`/^panel \\d+ af/.test(document.getElementById("sim-status").textContent)`);
  await page.click("#sim-cancel");
  const cancelled = await text(page, "#sim-status");
  if (!cancelled.startsWith("Afbrudt efter")) problems.push(`after "Afbryd" the status says "${cancelled}"`);
  await page.fill("#sim-reps", String(SIM.reps));
  await page.fill("#sim-boot", String(SIM.bootstrap));
  await page.fill("#sim-ai", String(SIM.aiUsers));
  if ((await text(page, "#sim-run")) !== `Kør ${SIM.reps} simulerede paneler`)
    problems.push(`the button says "${await text(page, "#sim-run")}" for ${SIM.reps} panels`);
  await page.click("#sim-run");
  await page.waitForSelector("#sim-table table", { timeout: 120_000 });
  const shown = (await page.evaluate(
    `(() => { const p = document.getElementById("sim-progress"); const rows = Array.from(document.querySelectorAll("#sim-table tr"));` +
      `return { hidden: p.hidden, value: p.value, max: p.max, status: document.getElementById("sim-status").textContent,` +
      `rows: rows.map((r) => Array.from(r.cells).map((c) => c.textContent)) }; })()`,
  )) as { hidden: boolean; value: number; max: number; status: string; rows: string[][] };
  if (shown.hidden || shown.value !== SIM.reps || shown.max !== SIM.reps)
    problems.push(`the progress bar is ${shown.hidden ? "hidden" : "shown"} at ${shown.value} of ${shown.max}`);
  if (!shown.status.startsWith(`Færdig: ${SIM.reps} paneler`)) problems.push(`the status says "${shown.status}"`);
  const data = JSON.parse(await text(page, "#simulering-data")) as Pick<SimulationRequest, "margins" | "targets">;
  const world = simulationWorld(data.margins, data.targets);
  const propensity = propensities(world.population, { aiUsers: SIM.aiUsers });
  const run = { reps: SIM.reps, seed: 1, bootstrapReplicates: SIM.bootstrap };
  const expected = coverageText(runSimulation({ ...world, propensity }, run).rows);
  if (JSON.stringify(shown.rows) !== JSON.stringify([expected.header, ...expected.cells]))
    problems.push(`the browser's table differs from runSimulation's in Node: ${JSON.stringify(shown.rows[1])}`);
  return problems;
}

/** Problems with the page's charts, navigation and code blocks; resolves with the marks of each chart. */
async function checkLayout(page: Page, problems: string[]): Promise<number[]> {
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
  if (layout.codeBlocks > 0 && !layout.toggle) problems.push("code blocks but no 'Vis al kode' button");
  else if (layout.codeBlocks > 0) {
    const openAfterClick = async (): Promise<number> => {
      await page.click("#code-toggle");
      const open = `Array.from(document.querySelectorAll("details.code")).filter((d) => d.open).length`;
      return (await page.evaluate(open)) as number;
    };
    const opened = await openAfterClick();
    const closed = await openAfterClick();
    if (opened !== layout.codeBlocks || closed !== 0)
      problems.push(`the code toggle opened ${opened} and left ${closed} of ${layout.codeBlocks} blocks open`);
  }
  return figures.map((f) => f.marks);
}

async function main(): Promise<void> {
  const shots = option("--screenshots");
  if (shots) fs.mkdirSync(shots, { recursive: true });
  const { pages, failed } = await checkSitePages(
    "check-browser",
    async (page, file, problems) => {
      await page.waitForTimeout(300);
      const marks = await checkLayout(page, problems);
      problems.push(...(await checkSimulationSection(page)));
      if (shots) await page.screenshot({ path: path.join(shots, file.replace(/\.html$/, ".png")), fullPage: true });
      return `, ${marks.length} chart(s), marks [${marks.join(", ")}]`;
    },
    {
      setUp: (page, problems) =>
        page.on("requestfailed", (request) => {
          if (request.url().startsWith("file://"))
            problems.push(`failed to load ${request.url()}: ${request.failure()?.errorText}`);
        }),
    },
  );
  if (failed > 0) {
    console.error(`check:browser: ${failed} of ${pages.length} page(s) failed`);
    process.exit(1);
  }
  console.log(`check:browser: ${pages.length} page(s) ok`);
}

runMain(main, true);
