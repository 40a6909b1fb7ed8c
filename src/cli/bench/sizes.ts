/** `npm run bench`'s users' sizes, each a fresh process: ask on 4,128 and 200,000 rows, the report cold and warm. */
import { spawnSync } from "child_process";
import * as fs from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { median } from "simple-statistics";
import { SYNTHETIC_PANEL_FILE } from "../../codebook";

const root = path.resolve(__dirname, "..", "..", "..");

/** The questions timed on 200,000 rows. @example SPECS_200K[0] // "tilbud --by stoerrelse" */
export const SPECS_200K: readonly string[] = [
  "tilbud --by stoerrelse",
  "tilbud --by branche,oekonomi_2grp",
  "pot_salg --answers 1-2 --by branche",
  "oekonomi --stat mean --by stoerrelse_2grp",
  "ai_brug --stat total --filter branche=5",
  "bar_salg --by stoerrelse,oekonomi_2grp",
  "ai_brug --by erhvervshus",
  "stoerrelse",
];

/** A panel of `rows` rows: the shipped panel's rows in turn, ids 1..rows. @example writeBenchPanel(file, 200_000); */
export function writeBenchPanel(file: string, rows: number): void {
  const text = fs.readFileSync(path.join(root, SYNTHETIC_PANEL_FILE), "utf8");
  const lines = text.split(/\r?\n/).filter((l) => l !== "");
  const bodies = lines.slice(1).map((l) => l.slice(l.indexOf(",")));
  const out = [lines[0], ...Array.from({ length: rows }, (_, i) => `${i + 1}${bodies[i % bodies.length]}`)];
  fs.writeFileSync(file, `${out.join("\n")}\n`);
}

/** Entries of `dirs` (and one level down) changed since `sinceMs`. */
function writtenSince(dirs: string[], sinceMs: number): string[] {
  const entries = (dir: string): string[] =>
    fs.existsSync(dir) ? fs.readdirSync(dir).map((name) => path.join(dir, name)) : [];
  return dirs
    .flatMap((dir) => [dir, ...entries(dir)])
    .filter((entry, i, all) => all.indexOf(entry) === i && fs.statSync(entry).mtimeMs >= sinceMs);
}

/** One `bin/ask.js` run in a fresh process with an empty HOME and TMPDIR: wall seconds, peak MB, files written. */
function askOnce(args: string[], env: Record<string, string>, dir: string): { s: number; mb: number; wrote: string[] } {
  const home = fs.mkdtempSync(path.join(dir, "home-"));
  const peak = path.join(dir, "peak");
  const since = Date.now() - 5;
  const t0 = process.hrtime.bigint();
  const ask = ["-r", path.join(__dirname, "peak.js"), path.join(root, "bin", "ask.js"), ...args];
  const r = spawnSync(process.execPath, ask, {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 1 << 24,
    env: { ...process.env, ...env, HOME: home, TMPDIR: home, ASK_BENCH_PEAK_FILE: peak },
  });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`bench: bin/ask.js ${args.join(" ")} failed: ${r.stderr}`);
  const watched = [root, path.join(root, ".cache"), home].filter((dir) => fs.existsSync(dir));
  const wrote = writtenSince(watched, since).filter((f) => f !== home);
  return { s, mb: Number(fs.readFileSync(peak, "utf8")), wrote };
}

/** One report build into `out` in a fresh process with `cache` as its compile cache; wall seconds. */
function reportOnce(out: string, cache: string): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [path.join(root, "lib", "cli", "report.js"), "--out", out], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, NOTEBOOK_COMPILE_CACHE: cache },
  });
  if (r.status !== 0) throw new Error(`bench: the report build failed: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

const r3 = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * Measures the user-size figures (`runs` runs each where a median is quoted).
 * @example benchSizes().ask_4k_s // about 0.45 on two cores
 */
export function benchSizes(runs = 5) {
  const dir = fs.mkdtempSync(path.join(tmpdir(), "bench-sizes-"));
  try {
    const question = ["tilbud", "--by", "stoerrelse"];
    askOnce(question, {}, dir); // warm-up: the file system cache
    const small = Array.from({ length: runs }, () => askOnce(question, {}, dir));
    const panel = path.join(dir, "panel-200k.csv");
    writeBenchPanel(panel, 200_000);
    const large = SPECS_200K.map((spec) => ({ spec, run: askOnce(spec.split(" "), { PANEL_FILE: panel }, dir) }));
    const [report, cache] = [path.join(dir, "report"), path.join(dir, "compile-cache")];
    const cold = reportOnce(report, cache);
    const warm = Array.from({ length: 3 }, () => reportOnce(report, cache));
    return {
      ask_4k_s: r3(median(small.map((r) => r.s))),
      ask_200k_max_s: r3(Math.max(...large.map((l) => l.run.s))),
      ask_200k_s: Object.fromEntries(large.map((l) => [l.spec, r3(l.run.s)])),
      ask_200k_peak_mb: Math.round(Math.max(...large.map((l) => l.run.mb))),
      ask_files_written: [...small, ...large.map((l) => l.run)].flatMap((r) => r.wrote),
      report_cold_s: r3(cold),
      report_warm_s: r3(median(warm)),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) process.stdout.write(`${JSON.stringify(benchSizes())}\n`);
