/**
 * The report build's timing for `npm run bench`: one whole build (every notebook, the data files,
 * the site; no PDF) into a temporary folder, the build's seconds and each notebook's seconds in
 * its worker. Warm or cold compile cache as found (the CLI says which it measured).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildReport } from "../../notebook/report";

/** What {@link benchReportBuild} measured. */
export interface ReportBench {
  /** Wall-clock seconds of the whole build. */
  report_build_s: number;
  /** Notebook file name → seconds it took in its worker (compiling and running its cells). */
  notebooks: Record<string, number>;
}

/**
 * Builds the report once into a temporary folder (removed afterwards) and returns its timings.
 * @example const { report_build_s, notebooks } = await benchReportBuild({ jobs: 2 }); // { report_build_s: 6.1, notebooks: { "00-overblik.ipynb": 1.2, ... } }
 */
export async function benchReportBuild(
  options: { jobs?: number; log?: (line: string) => void } = {},
): Promise<ReportBench> {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "bench-report-"));
  try {
    const summary = await buildReport({
      outDir: path.join(parent, "report"),
      jobs: options.jobs ?? 2,
      log: options.log ?? (() => undefined),
    });
    if (summary.failures.length > 0) throw new Error(`bench: the report build failed:\n${summary.failures.join("\n")}`);
    const notebooks: Record<string, number> = {};
    for (const run of summary.runs) notebooks[path.basename(run.path)] = Number(run.seconds.toFixed(3));
    return { report_build_s: Number(summary.seconds.toFixed(3)), notebooks };
  } finally {
    fs.rmSync(parent, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchReportBuild().then(
    (b) => console.log(JSON.stringify(b)),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
