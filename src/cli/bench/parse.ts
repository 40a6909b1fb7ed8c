/**
 * The parse benchmark: a panel of N rows (default 200,000, a census of Danish SMEs: the shipped
 * synthetic panel's rows repeated with new ids) read and validated by `readPanel` in a fresh Node
 * process, which reports its wall time and peak resident memory. `npm run bench` calls
 * `benchParse()`; run alone: `node lib/cli/bench/parse.js [rows]` (prints the JSON).
 */

import { spawnSync } from "child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { SYNTHETIC_PANEL_FILE } from "../../codebook";
import { readPanel } from "../../data/load";

/** What one parse run measured. */
export interface ParseBench {
  rows: number;
  /** Size of the panel file read, in MB. */
  fileMB: number;
  /** Wall time of reading and validating the panel, in seconds. */
  seconds: number;
  /** Peak resident memory of the process while parsing (Node's own ~40 MB included), in MB. */
  peakMB: number;
}

/**
 * Writes a panel of `rows` rows: the shipped synthetic panel's data rows in turn, ids 1..rows.
 * @example writeBenchPanel("/tmp/panel-200k.csv", 200_000, "data/survey/panel-2025-synthetic.csv");
 */
export function writeBenchPanel(file: string, rows: number, shippedPanel: string): void {
  const lines = readFileSync(shippedPanel, "utf8")
    .split(/\r?\n/)
    .filter((l) => l !== "");
  const header = lines[0];
  const bodies = lines.slice(1).map((l) => l.slice(l.indexOf(",")));
  const fd = openSync(file, "w");
  try {
    writeSync(fd, header + "\n");
    let chunk: string[] = [];
    for (let i = 0; i < rows; i++) {
      chunk.push(`${i + 1}${bodies[i % bodies.length]}`);
      if (chunk.length === 20_000) {
        writeSync(fd, chunk.join("\n") + "\n");
        chunk = [];
      }
    }
    if (chunk.length > 0) writeSync(fd, chunk.join("\n") + "\n");
  } finally {
    closeSync(fd);
  }
}

/**
 * Parses a panel file once in this process and reports time and peak memory (what the child of
 * `benchParse` runs).
 * @example parseOnce("/tmp/panel-200k.csv") // { rows: 200000, fileMB: 27, seconds: 0.5, peakMB: 300 }
 */
export function parseOnce(file: string): ParseBench {
  const t0 = process.hrtime.bigint();
  const panel = readPanel(file);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return {
    rows: panel.rowCount,
    fileMB: Math.round(readFileSync(file).length / 1e6),
    seconds: Math.round(seconds * 1000) / 1000,
    peakMB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

/**
 * Writes an N-row panel to a temporary folder and parses it in a fresh Node process (so that the
 * peak memory is the parse's own), from the compiled `lib/`. Returns seconds and peak MB.
 * @example const { seconds, peakMB } = benchParse(); // 200,000 rows
 */
export function benchParse(rows = 200_000, projectRoot = path.resolve(__dirname, "..", "..", "..")): ParseBench {
  const dir = mkdtempSync(path.join(tmpdir(), "bench-parse-"));
  try {
    const file = path.join(dir, `panel-${rows}.csv`);
    writeBenchPanel(file, rows, path.join(projectRoot, SYNTHETIC_PANEL_FILE));
    const script = path.join(__dirname, "parse.js");
    if (!existsSync(script))
      throw new Error(`benchParse: ${script} not found; run it from the compiled lib/ (npm run build)`);
    const r = spawnSync(process.execPath, [script, "--parse", file], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`benchParse: the parse failed: ${r.stderr}`);
    return JSON.parse(r.stdout.trim().split("\n").pop() ?? "") as ParseBench;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  if (args[0] === "--parse" && args[1] !== undefined) process.stdout.write(JSON.stringify(parseOnce(args[1])) + "\n");
  else process.stdout.write(JSON.stringify(benchParse(args[0] !== undefined ? Number(args[0]) : undefined)) + "\n");
}
