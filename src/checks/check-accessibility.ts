/**
 * `npm run check:a11y [-- --dir DIR --chromium PATH]`: every report page, offline in headless Chromium, has no
 * axe-core violation of the WCAG 2.1 A and AA rules (tags wcag2a, wcag2aa, wcag21a, wcag21aa); each violation is
 * printed as page, rule and element, and any makes the exit code 1. Collapsed `<details>` (code, "Tal bag
 * figuren") are opened before the run, so what a reader can open is checked too, and the 08 page's simulation has run.
 */
import { checkSitePages, runMain } from "./chromium";

const WCAG_TAGS: readonly string[] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

async function main(): Promise<void> {
  const axePath = require.resolve("axe-core/axe.min.js");
  let total = 0;
  // axe reads the pages' style sheet (site.css) to check orientation locks (WCAG 1.3.4); from file:// only with this.
  const args = ["--allow-file-access-from-files"];
  const { pages, failed } = await checkSitePages(
    "check-a11y",
    async (page, file, problems) => {
      // The "Spørg data" page draws its first answer after loading its data; other pages are ready at load.
      await page
        .waitForFunction(`document.querySelector("#ask-chart") === null || window.askReady !== undefined`, undefined, {
          timeout: 30_000,
        })
        .catch(() => problems.push("the page did not become ready within 30 s"));
      // The 08 page's simulation button: its result (progress, table) is checked too, after a run of two panels.
      if ((await page.$("#sim-form")) !== null) {
        await page.fill("#sim-reps", "2");
        await page.fill("#sim-boot", "0");
        await page.click("#sim-run");
        await page
          .waitForSelector("#sim-table table", { timeout: 60_000 })
          .catch(() => problems.push("the simulation's table did not come within 60 s"));
      }
      await page.waitForTimeout(300);
      await page.evaluate(`document.querySelectorAll("details").forEach((d) => { d.open = true; })`);
      await page.addScriptTag({ path: axePath });
      const violations = (await page.evaluate(
        `axe.run(document, { runOnly: { type: "tag", values: ${JSON.stringify(WCAG_TAGS)} }, resultTypes: ["violations"] })` +
          `.then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,` +
          ` nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) })))`,
      )) as AxeViolation[];
      const count = violations.reduce((sum, v) => sum + v.nodes.length, 0);
      total += count;
      for (const v of violations)
        for (const node of v.nodes) {
          const element = `\n    element: ${node.target.map((t) => JSON.stringify(t)).join(" ")}`;
          const summary = node.failureSummary ? `\n    ${node.failureSummary.replace(/\n\s*/g, " / ")}` : "";
          problems.push(`${file}  ${v.id} (${v.impact ?? "?"}): ${v.help}${element}${summary}`);
        }
      return `, ${count} violation(s)`;
    },
    { args },
  );
  if (failed > 0) {
    console.error(`check:a11y: ${total} violation(s) on ${failed} of ${pages.length} page(s)`);
    process.exit(1);
  }
  console.log(`check:a11y: ${pages.length} page(s), no WCAG 2.1 A/AA violation (axe-core)`);
}

runMain(main, true);
