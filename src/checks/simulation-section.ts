/**
 * The 08 page's simulation button in Chromium: a run can be cancelled, a small run shows its progress and then the
 * coverage table, and that table is the one `runSimulation` gives in Node for the same margins and settings.
 */
import type { Page } from "playwright-core";
import type { SimulationRequest } from "../lab/simulation/worker";
import { runSimulation, simulationWorld } from "../lab/simulation/run";
import { propensities } from "../lab/simulation/response";
import { coverageText } from "../lab/simulation/summary";

const REPS = 5;
const BOOTSTRAP = 2;
const AI_USERS = 1.5;

const text = async (page: Page, selector: string): Promise<string> => (await page.textContent(selector)) ?? "";

/**
 * Problems with the page's simulation section (none when the page has none).
 * @example problems.push(...(await checkSimulationSection(page)));
 */
export async function checkSimulationSection(page: Page): Promise<string[]> {
  if ((await page.$("#sim-form")) === null) return [];
  const problems: string[] = [];
  await page.fill("#sim-boot", "0");
  await page.click("#sim-run");
  await page.waitForFunction(`/^panel \\d+ af/.test(document.getElementById("sim-status").textContent)`);
  await page.click("#sim-cancel");
  const cancelled = await text(page, "#sim-status");
  if (!cancelled.startsWith("Afbrudt efter")) problems.push(`after "Afbryd" the status says "${cancelled}"`);

  await page.fill("#sim-reps", String(REPS));
  await page.fill("#sim-boot", String(BOOTSTRAP));
  await page.fill("#sim-ai", String(AI_USERS));
  if ((await text(page, "#sim-run")) !== `Kør ${REPS} simulerede paneler`)
    problems.push(`the button says "${await text(page, "#sim-run")}" for ${REPS} panels`);
  await page.click("#sim-run");
  await page.waitForSelector("#sim-table table", { timeout: 120_000 });
  const shown = (await page.evaluate(
    `(() => { const p = document.getElementById("sim-progress"); const rows = Array.from(document.querySelectorAll("#sim-table tr"));` +
      `return { hidden: p.hidden, value: p.value, max: p.max, status: document.getElementById("sim-status").textContent,` +
      `rows: rows.map((r) => Array.from(r.cells).map((c) => c.textContent)) }; })()`,
  )) as { hidden: boolean; value: number; max: number; status: string; rows: string[][] };
  if (shown.hidden || shown.value !== REPS || shown.max !== REPS)
    problems.push(`the progress bar is ${shown.hidden ? "hidden" : "shown"} at ${shown.value} of ${shown.max}`);
  if (!shown.status.startsWith(`Færdig: ${REPS} paneler`)) problems.push(`the status says "${shown.status}"`);

  const data = JSON.parse(await text(page, "#simulering-data")) as Pick<SimulationRequest, "margins" | "targets">;
  const world = simulationWorld(data.margins, data.targets);
  const propensity = propensities(world.population, { aiUsers: AI_USERS });
  const result = runSimulation({ ...world, propensity }, { reps: REPS, seed: 1, bootstrapReplicates: BOOTSTRAP });
  const expected = coverageText(result.rows);
  if (JSON.stringify(shown.rows) !== JSON.stringify([expected.header, ...expected.cells]))
    problems.push(`the browser's table differs from runSimulation's in Node: ${JSON.stringify(shown.rows[1])}`);
  return problems;
}
