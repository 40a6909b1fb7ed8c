/**
 * `npm run bench [--no-r] [--glm] [--designs] [--chisq]`: raking, `svyciprop`, `svychisq`, a two-stage design, GREG and
 * a logistic `svyglm` on seeded rows against R's survey, then the users' sizes (bench/sizes.ts) and the "Spørg data"
 * page in Chromium (`--glm`, `--designs`, `--chisq`: that part only). The last line is one JSON object.
 */
import { execFileSync, spawnSync } from "child_process";
import { existsSync, mkdtempSync, rmSync } from "fs";
import { cpus, loadavg, tmpdir } from "os";
import { join } from "path";
import { mulberry32, rake, rakeWeights, svychisq, svyciprop, svydesign, type Margins, type MarginRow } from "../survey";
import { rJson, timeMedian, writeColumns } from "./bench/common";
import { designBenchmarks } from "./bench/designs";
import { glmBenchmarks } from "./bench/glm";
import { SPECS_200K, benchSizes } from "./bench/sizes";

/** Contract §5 counts (branche and stoerrelse verbatim; erhvervshus and alder shares), each scaled to 177,677. */
const TOTAL = 177_677;
const SHAPES: Record<string, number[]> = {
  branche: [25428, 19636, 35949, 67232, 19448, 15224, 30935, 59768, 28538, 26252],
  stoerrelse: [154138, 19594, 3945],
  erhvervshus: [31.5, 14.3, 7.7, 13.1, 22.7, 10.7],
  alder: [18, 17, 65],
};

function benchMargins(): Margins {
  const rows: MarginRow[] = Object.entries(SHAPES).flatMap(([variable, shape]) => {
    const sum = shape.reduce((a, b) => a + b, 0);
    return shape.map((x, i) => ({
      variable,
      level: i + 1,
      count: (x / sum) * TOTAL,
      sourceStatus: "estimate" as const,
    }));
  });
  return { source: "bench margins", rows, total: TOTAL };
}

/** Draws a level 1..k with probabilities proportional to `p`. */
function draw(u: number, p: number[]): number {
  const sum = p.reduce((a, b) => a + b, 0);
  let acc = 0;
  for (let i = 0; i < p.length; i++) {
    acc += p[i] / sum;
    if (u < acc) return i + 1;
  }
  return p.length;
}

/** `n` seeded rows over-representing larger firms (industry and age by size); `ai`, five levels by size, for Rao–Scott. */
function simulate(n: number) {
  const rnd = mulberry32(20251127 + n);
  const [branche, stoerrelse, erhvervshus, alder, ai] = Array.from({ length: 5 }, () => new Int32Array(n));
  const y = new Float64Array(n);
  const reversed = [...SHAPES.branche].reverse();
  for (let i = 0; i < n; i++) {
    const s = draw(rnd(), [0.55, 0.32, 0.13]);
    stoerrelse[i] = s;
    branche[i] = draw(rnd(), s === 1 ? SHAPES.branche : reversed);
    erhvervshus[i] = draw(rnd(), [0.36, 0.12, 0.08, 0.12, 0.22, 0.1]);
    alder[i] = draw(rnd(), s === 1 ? [0.2, 0.2, 0.6] : [0.05, 0.1, 0.85]);
    y[i] = rnd() < 0.3 + 0.1 * s ? 1 : 0;
    ai[i] = draw(rnd(), s === 1 ? [0.3, 0.25, 0.2, 0.15, 0.1] : [0.2, 0.2, 0.2, 0.2, 0.2]);
  }
  const variables: Record<string, Int32Array> = { branche, stoerrelse, erhvervshus, alder };
  return { variables, y, ai };
}
type BenchData = ReturnType<typeof simulate>;

function rAvailable(): boolean {
  try {
    const check = "suppressPackageStartupMessages(library(survey)); library(jsonlite)";
    execFileSync("Rscript", ["-e", check], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Our result keys (`<key>_<size>_s`) and the fields of scripts/r/bench.R's JSON they come from. */
const R_TIMES = {
  r_rake: "r_rake_default_s",
  r_rake_tight: "r_rake_tight_s",
  r_calibrate: "r_calibrate_s",
  r_svymean: "r_svymean_s",
};

const fmt = (s: number): string => (s < 0.01 ? `${(s * 1000).toFixed(2)} ms` : `${s.toFixed(3)} s`);

/** The bench data as a design carrying its columns (plain number arrays, as loaded data are). */
function designOf(data: BenchData) {
  const all = { ...data.variables, y: data.y, ai: data.ai };
  const columns = Object.fromEntries(Object.entries(all).map(([name, values]) => [name, Array.from(values)]));
  return svydesign({ data: columns, source: "bench data" });
}

/** Runs scripts/r/bench.R on a CSV of `data` and the margins' CSV; returns its JSON. */
function runR(dir: string, label: string, data: BenchData, marginsCsv: string, reps: number, mode: "all" | "chisq") {
  const csv = join(dir, `data-${label}.csv`);
  writeColumns(csv, { ...data.variables, y: data.y, ai: data.ai });
  return rJson<Record<string, number | string>>("bench.R", [csv, marginsCsv, String(reps), mode]);
}

/** The users' sizes (bench/sizes.ts) and, where Chromium is installed, the "Spørg data" page (bench/ask.ts). */
function userBenchmarks(): Record<string, unknown> {
  const sizes = benchSizes();
  console.log(
    `bin/ask.js tilbud --by stoerrelse on 4,128 rows: ${fmt(sizes.ask_4k_s)} (median of 5); on 200,000 rows, ` +
      `${SPECS_200K.length} questions: at most ${fmt(sizes.ask_200k_max_s)}, peak ${sizes.ask_200k_peak_mb} MB, ` +
      `${sizes.ask_files_written.length} files written; npm run report cold (empty compile cache) ${fmt(sizes.report_cold_s)}, warm ${fmt(sizes.report_warm_s)} (median of 3)`,
  );
  const out: Record<string, unknown> = { ...sizes, ask_recompute_ms: null, ask_page_load_ms: null, ask_node_ms: null };
  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  const run = existsSync(chromium)
    ? spawnSync(process.execPath, [join(__dirname, "bench", "ask.js")], { encoding: "utf8" })
    : null;
  const last = (run?.stdout ?? "").trim().split("\n").pop() ?? "";
  if (run === null || run.status !== 0 || !last.startsWith("{")) {
    console.log(`Spørg data page: not measured (${run === null ? `no Chromium at ${chromium}` : run.stderr.trim()})`);
    return out;
  }
  const ask = JSON.parse(last) as { recomputeMs: number; loadMs: number; nodeMs: number };
  console.log(
    `Spørg data in Chromium: one recompute ${ask.recomputeMs.toFixed(0)} ms (median over the checked specs), usable ${ask.loadMs.toFixed(0)} ms after opening; in Node ${ask.nodeMs.toFixed(0)} ms`,
  );
  return { ...out, ask_recompute_ms: ask.recomputeMs, ask_page_load_ms: ask.loadMs, ask_node_ms: ask.nodeMs };
}

/** svychisq (Rao–Scott F) on a raked 200,000-row design: its rows, and the median and CPU seconds of 7 runs. */
function chisqBenchmark(margins: Margins) {
  const n = 200_000;
  const data = simulate(n);
  const design = rake(designOf(data), margins);
  const chisq = timeMedian(7, () => svychisq(design, "ai", "stoerrelse"));
  const test = chisq.last;
  console.log(
    `n = ${n}: svychisq (Rao–Scott F, 5 × 3 table) ${fmt(chisq.seconds)} (CPU ${fmt(chisq.cpu)}; median of 7; F ${test.f.toFixed(3)}, ndf ${test.ndf.toFixed(3)}, p ${test.p.toExponential(2)})`,
  );
  return { data, rao_scott_200k_s: chisq.seconds, rao_scott_200k_cpu_s: chisq.cpu };
}

/** R's svychisq on the same rows (scripts/r/bench.R, median of 3), in seconds. */
function rChisq(dir: string, data: BenchData, marginsCsv: string): number {
  const r = runR(dir, "200k", data, marginsCsv, 3, "chisq");
  console.log(
    `R survey ${r.survey_version}, n = ${r.n}: svychisq(~ai + stoerrelse) on the calibrated design ${fmt(Number(r.r_svychisq_s))} (median of 3)`,
  );
  return Number(r.r_svychisq_s);
}

/** The bench margins as scripts/r/bench.R reads them; returns the path. */
function writeMargins(dir: string, margins: Margins): string {
  const path = join(dir, "margins.csv");
  const rows = margins.rows;
  writeColumns(path, {
    variable: rows.map((r) => r.variable),
    level: rows.map((r) => r.level),
    count: rows.map((r) => r.count),
  });
  return path;
}

/** `--glm`, `--designs` or `--chisq`: only that part (against R unless `--no-r`); its result and the load are the last line. */
function only(skipR: boolean, part: (rDir: string | null) => Record<string, unknown>): void {
  const dir = mkdtempSync(join(tmpdir(), "bench-"));
  let result: Record<string, unknown>;
  try {
    result = part(!skipR && rAvailable() ? dir : null);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(JSON.stringify({ ...result, load_average: loadavg()[0] }));
}

function main(): void {
  const skipR = process.argv.includes("--no-r");
  const margins = benchMargins();
  if (process.argv.includes("--glm"))
    return only(skipR, (rDir) =>
      glmBenchmarks({ "200k": simulate(200_000), "1m": simulate(1_000_000) }, margins, rDir),
    );
  if (process.argv.includes("--chisq"))
    return only(skipR, (rDir) => {
      const { data, ...ours } = chisqBenchmark(margins);
      if (rDir === null) return ours;
      const r = rChisq(rDir, data, writeMargins(rDir, margins));
      console.log(`ratio ${(r / ours.rao_scott_200k_s).toFixed(0)}×`);
      return { ...ours, r_svychisq_200k_s: r, ratio_vs_r_svychisq: r / ours.rao_scott_200k_s };
    });
  if (process.argv.includes("--designs")) {
    const big = simulate(1_000_000); // the 1M rows of the full run
    return only(skipR, (rDir) => designBenchmarks(1_000_000, big.variables, big.y, margins, rDir));
  }
  const result: Record<string, unknown> = {};
  const sizes: [string, number, number][] = [
    ["4k", 4128, 25],
    ["1m", 1_000_000, 7],
  ];
  const datasets: Record<string, BenchData> = {};
  for (const [label, n, reps] of sizes) {
    const data = (datasets[label] = simulate(n));
    const raking = timeMedian(reps, () => rakeWeights(data.variables, margins, { tolerance: 1e-10 }));
    const base = designOf(data);
    const raked = timeMedian(Math.min(reps, 5), () => rake(base, margins));
    const prop = timeMedian(reps, () => svyciprop(raked.last, "y", [1]));
    const last = raking.last;
    Object.assign(result, {
      [`rake_${label}_s`]: raking.seconds,
      [`rake_design_${label}_s`]: raked.seconds,
      [`rake_${label}_iterations`]: last.iterations,
      [`rake_${label}_max_rel_error`]: last.maxRelativeError,
      [`proportion_${label}_s`]: prop.seconds,
      [`proportion_${label}_cpu_s`]: prop.cpu,
    });
    console.log(
      `n = ${n}: rake to 1e-10 ${fmt(raking.seconds)} (median of ${reps}; ${last.iterations} IPF sweeps on ${last.occupiedCells} cells, ` +
        `max relative error ${last.maxRelativeError.toExponential(1)}); rake(design) ${fmt(raked.seconds)}; ` +
        `svyciprop with linearised SE ${fmt(prop.seconds)} (CPU ${fmt(prop.cpu)}; estimate ${prop.last.value.toFixed(4)}, SE ${prop.last.se.toExponential(3)})`,
    );
  }
  const { data: chisqData, ...chisq } = chisqBenchmark(margins);
  Object.assign(result, chisq);
  const rReady = !skipR && rAvailable();
  const dir = mkdtempSync(join(tmpdir(), "bench-"));
  try {
    const big = datasets["1m"];
    Object.assign(result, designBenchmarks(1_000_000, big.variables, big.y, margins, rReady ? dir : null));
    Object.assign(result, glmBenchmarks({ "200k": chisqData, "1m": big }, margins, rReady ? dir : null));
    const usage = process.resourceUsage();
    result.peak_rss_mb = usage.maxRSS / 1024;
    result.heap_used_mb = process.memoryUsage().heapUsed / 2 ** 20;
    console.log(
      `peak RSS ${(usage.maxRSS / 1024).toFixed(0)} MB; load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores (wall times grow with it; CPU times less)`,
    );
    result.load_average = loadavg()[0];
    Object.assign(result, userBenchmarks());
    for (const key of Object.keys(R_TIMES)) result[`${key}_1m_s`] = null;
    result.r_svychisq_200k_s = null;
    result.ratio_vs_r_rake = null;
    if (skipR) console.log("--no-r: R timings skipped (reported as null)");
    else if (!rReady) console.log("Rscript with the survey package not found: R timings skipped (reported as null)");
    else {
      const marginsCsv = writeMargins(dir, margins);
      for (const [label, , reps] of sizes) {
        const r = runR(dir, label, datasets[label], marginsCsv, label === "1m" ? 3 : Math.min(reps, 10), "all");
        for (const [key, field] of Object.entries(R_TIMES)) result[`${key}_${label}_s`] = Number(r[field]);
        console.log(
          `R survey ${r.survey_version}, n = ${r.n}: rake() default control ${fmt(Number(r.r_rake_default_s))}, ` +
            `rake() to 1e-10 ${fmt(Number(r.r_rake_tight_s))}, calibrate(calfun="raking") ${fmt(Number(r.r_calibrate_s))}, svymean ${fmt(Number(r.r_svymean_s))}`,
        );
      }
      result.r_svychisq_200k_s = rChisq(dir, chisqData, marginsCsv);
      const ours = Number(result.rake_1m_s);
      result.ratio_vs_r_rake = Number(result.r_rake_1m_s) / ours;
      result.ratio_vs_r_rake_tight = Number(result.r_rake_tight_1m_s) / ours;
      result.ratio_vs_r_calibrate = Number(result.r_calibrate_1m_s) / ours;
      result.ratio_vs_r_svymean = Number(result.r_svymean_1m_s) / Number(result.proportion_1m_s);
      result.ratio_vs_r_svychisq = Number(result.r_svychisq_200k_s) / chisq.rao_scott_200k_s;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true }); // the 1M-row CSVs, also when R fails
  }
  console.log(JSON.stringify(result));
}

main();
