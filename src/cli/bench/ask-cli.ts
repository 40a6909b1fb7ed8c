/**
 * The command line's figure for `npm run bench`: `bin/ask.js tilbud --by stoerrelse` on a
 * 1,000,000-row panel (the shipped panel's rows repeated), as a user runs it: the first question
 * (parse, validate, write ask's panel cache) and the next ones (read the cache), each a fresh Node
 * process; wall seconds (median of the cached runs) and peak memory. Run alone:
 * `node lib/cli/bench/ask-cli.js [rows]` prints the JSON.
 */
import { spawnSync } from "child_process";
import { mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { SYNTHETIC_PANEL_FILE } from "../../codebook";
import { writeBenchPanel } from "./parse";

/** What the ask benchmark measured. */
export interface AskCliBench {
  rows: number;
  /** The question asked. */
  question: string;
  /** Wall seconds of the first question on the file (parse and cache), and its peak memory in MB. */
  firstSeconds: number;
  firstPeakMB: number;
  /** Median wall seconds of the following questions (cache read), and the largest peak memory of them. */
  cachedSeconds: number;
  cachedPeakMB: number;
}

const QUESTION = ["tilbud", "--by", "stoerrelse"];

/**
 * Writes a panel of `rows` rows to a temporary folder and asks about it `1 + cachedRuns` times.
 * @example benchAskCli().cachedSeconds // about 2.5 on two cores
 */
export function benchAskCli(
  rows = 1_000_000,
  cachedRuns = 3,
  projectRoot = path.resolve(__dirname, "..", "..", ".."),
): AskCliBench {
  const dir = mkdtempSync(path.join(tmpdir(), "bench-ask-"));
  try {
    const panel = path.join(dir, "panel.csv");
    writeBenchPanel(panel, rows, path.join(projectRoot, SYNTHETIC_PANEL_FILE));
    const peakFile = path.join(dir, "peak");
    const run = (): { seconds: number; peakMB: number } => {
      const t0 = process.hrtime.bigint();
      const r = spawnSync(
        process.execPath,
        ["-r", path.join(__dirname, "peak.js"), path.join(projectRoot, "bin", "ask.js"), ...QUESTION],
        {
          cwd: projectRoot,
          encoding: "utf8",
          maxBuffer: 1 << 24,
          env: {
            ...process.env,
            PANEL_FILE: panel,
            PANEL_CACHE: "",
            ASK_CACHE: "",
            ASK_CACHE_DIR: path.join(dir, "cache"),
            ASK_BENCH_PEAK_FILE: peakFile,
          },
        },
      );
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      if (r.status !== 0) throw new Error(`benchAskCli: bin/ask.js failed: ${r.stderr}`);
      return { seconds, peakMB: Number(readFileSync(peakFile, "utf8")) };
    };
    const first = run();
    const cached = Array.from({ length: cachedRuns }, run);
    const seconds = cached.map((c) => c.seconds).sort((a, b) => a - b);
    const r3 = (x: number): number => Math.round(x * 1000) / 1000;
    return {
      rows,
      question: QUESTION.join(" "),
      firstSeconds: r3(first.seconds),
      firstPeakMB: Math.round(first.peakMB),
      cachedSeconds: r3(seconds[Math.floor(seconds.length / 2)]),
      cachedPeakMB: Math.round(Math.max(...cached.map((c) => c.peakMB))),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const rows = process.argv[2] !== undefined ? Number(process.argv[2]) : undefined;
  process.stdout.write(JSON.stringify(benchAskCli(rows)) + "\n");
}
