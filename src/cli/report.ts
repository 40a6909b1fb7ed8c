/**
 * `npm run report`: executes every notebooks/*.ipynb with tslab (one child process each) and
 * writes report/ (executed notebooks, HTML site, figures.json, weights.csv). Prints each
 * notebook's time; exits 1 naming the notebook and cell when a cell fails.
 *
 * Options: --jobs N (notebooks at a time, default 2), --notebooks DIR, --out DIR.
 */
import { buildReport } from "../notebook/report";

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<void> {
  const jobsText = option("--jobs");
  const jobs = jobsText === undefined ? 2 : Number(jobsText);
  if (!Number.isInteger(jobs) || jobs < 1) throw new Error(`--jobs ${jobsText}: expected a positive integer`);
  const summary = await buildReport({ jobs, notebooksDir: option("--notebooks"), outDir: option("--out") });
  console.log(`report: ${summary.runs.length} notebooks, ${summary.files.length} files written in ${summary.seconds.toFixed(1)} s`);
  if (summary.failures.length > 0) {
    for (const failure of summary.failures) console.error(failure);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
