/**
 * `npm run report`: runs the notebooks and writes report/ (the previous one stays until the new one is complete).
 * Exit 0 built; 1 a failing cell, a data error or no Chromium for --pdf; 2 a usage error or another build's lock.
 */
import { UsageError, BuildLockedError } from "../notebook/report-folder";
import { abandonActiveBuilds, buildReport, type ReportOptions } from "../notebook/report";
import { killNotebookWorkers } from "../notebook/runner";
import { ChromiumMissingError } from "../notebook/pdf";
import { DataError } from "../survey";
import { errorText } from "../codebook/messages";
import { SIMULATION_APPENDIX } from "../lab/simulation/site";

const USAGE = `usage: npm run report -- [--jobs N] [--notebooks DIR] [--out DIR] [--pdf] [--with-microdata]
  --jobs N         worker processes at a time (default 2)
  --notebooks DIR  the notebooks to run (default notebooks/)
  --out DIR        the report folder (default report/); must be new, empty or a previous report
  --pdf            also print rapport.pdf with headless Chromium ($CHROMIUM or /usr/bin/chromium)
  --with-microdata a real panel's weights per respondent and Spørg data's answers too, marked INTERN on
                   every page (without it, a real panel's site holds aggregates only)`;

/** Parses the command line; throws {@link UsageError} for anything unknown. */
function parseArguments(argv: string[]): ReportOptions & { help: boolean } {
  const result: ReportOptions & { help: boolean } = { jobs: 2, pdf: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith("--")) throw new UsageError(`${arg}: expected a value after it`);
      i += 1;
      return next;
    };
    if (arg === "--jobs") {
      const text = value();
      if (!/^\d+$/.test(text) || Number(text) < 1)
        throw new UsageError(`--jobs ${text}: expected a whole number of at least 1`);
      result.jobs = Number(text);
    } else if (arg === "--notebooks") result.notebooksDir = value();
    else if (arg === "--out") result.outDir = value();
    else if (arg === "--pdf") result.pdf = true;
    else if (arg === "--with-microdata") result.withMicrodata = true;
    else if (arg === "--help" || arg === "-h") result.help = true;
    else throw new UsageError(`unknown option ${JSON.stringify(arg)}`);
  }
  return result;
}

async function main(): Promise<void> {
  const args = parseArguments(process.argv.slice(2));
  if (args.help) return console.log(USAGE);
  for (const [signal, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
    ["SIGHUP", 129],
  ] as const)
    process.on(signal, () => {
      killNotebookWorkers();
      abandonActiveBuilds();
      console.error(`report: interrupted (${signal}); the previous report is unchanged`);
      process.exit(code);
    });
  const summary = await buildReport({ ...args, appendices: [SIMULATION_APPENDIX] });
  if (summary.failures.length > 0) {
    for (const failure of summary.failures) console.error(failure);
    console.error(`report: ${summary.failures.length} notebook(s) failed; the previous report is unchanged`);
    process.exit(1);
  }
  console.log(
    `report: ${summary.runs.length} notebooks, ${summary.files.length} files written in ${summary.seconds.toFixed(1)} s`,
  );
}

main().catch((error: unknown) => {
  killNotebookWorkers();
  abandonActiveBuilds();
  const usage = error instanceof UsageError;
  if (usage || error instanceof BuildLockedError || error instanceof ChromiumMissingError) {
    console.error(`report: ${error.message}`);
    if (usage) console.error(USAGE);
    process.exit(error instanceof ChromiumMissingError ? 1 : 2);
  }
  // A data error, a crashed worker: the error's name and message, no stack (REPORT_DEBUG=1 shows it).
  let shown = String(error);
  if (error instanceof Error && process.env.REPORT_DEBUG === "1") shown = error.stack ?? error.message;
  else if (error instanceof DataError) shown = errorText(error, "da");
  else if (error instanceof Error) shown = `${error.name}: ${error.message}`;
  console.error(`report: ${shown}`);
  process.exit(1);
});
