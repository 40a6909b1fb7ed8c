/**
 * The parse benchmark: a panel of N rows (default 1,000,000, the shipped synthetic panel's rows
 * repeated with new ids) read and validated by `readCompactPanel` in a fresh Node process, which
 * reports its wall time and peak resident memory. `npm run bench` calls `benchParse()`; run alone:
 * `node lib/cli/bench/parse.js [rows]` (prints the JSON). Also times reading the panel back from
 * a panel cache.
 */

import { spawnSync } from "child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { SYNTHETIC_PANEL_FILE } from "../../codebook";
import { readCompactPanel } from "../../data/load";
import { parallelScanCount } from "../../data/readers/delimited-parallel";
import { panelCacheKey, readPanelCache, writePanelCache } from "../../data/panel-cache";

/** What one parse run measured. */
export interface ParseBench {
  rows: number;
  /** Size of the panel file read, in MB. */
  fileMB: number;
  /** Wall time of reading and validating the panel, in seconds. */
  seconds: number;
  /** Peak resident memory of the process while parsing (Node's own ~40 MB included), in MB. */
  peakMB: number;
  /** Threads that scanned the file (2: the parallel scan of large delimited files). */
  threads: number;
  /** Wall time of reading the same panel back from a panel cache (what each notebook of a build does), in seconds. */
  cacheReadSeconds: number;
}

/**
 * Writes a panel of `rows` rows: the shipped synthetic panel's data rows in turn, ids 1..rows.
 * @example writeBenchPanel("/tmp/panel-1m.csv", 1_000_000, "data/survey/panel-2025-synthetic.csv");
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
 * @example parseOnce("/tmp/panel-1m.csv") // { rows: 1000000, fileMB: 135, seconds: 1.3, peakMB: 420, threads: 2, ... }
 */
export function parseOnce(file: string): ParseBench {
  const scansBefore = parallelScanCount();
  const t0 = process.hrtime.bigint();
  const compact = readCompactPanel(file);
  const threads = parallelScanCount() > scansBefore ? 2 : 1;
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const peakMB = process.resourceUsage().maxRSS / 1024;
  const fileMB = readFileSync(file).length / 1e6;
  const cacheKey = panelCacheKey(file, "");
  const cacheFile = `${file}.cache`;
  writePanelCache(
    {
      panel: { compact },
      provenanceDetail: { provenance: "real", matchingRows: 0, rowCount: compact.rowCount, syntheticRows: 0 },
      cacheKey,
    },
    cacheFile,
  );
  const t1 = process.hrtime.bigint();
  const back = readPanelCache(cacheFile, cacheKey);
  const cacheReadSeconds = Number(process.hrtime.bigint() - t1) / 1e9;
  if (back === null || back.compact.rowCount !== compact.rowCount)
    throw new Error("parseOnce: the panel cache did not read back");
  const ms = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    rows: compact.rowCount,
    fileMB: Math.round(fileMB),
    seconds: ms(seconds),
    peakMB: Math.round(peakMB),
    threads,
    cacheReadSeconds: ms(cacheReadSeconds),
  };
}

/**
 * Writes an N-row panel to a temporary folder and parses it in a fresh Node process (so that the
 * peak memory is the parse's own), from the compiled `lib/`. Returns seconds and peak MB.
 * @example const { seconds, peakMB } = benchParse(); // 1,000,000 rows
 */
export function benchParse(rows = 1_000_000, projectRoot = path.resolve(__dirname, "..", "..", "..")): ParseBench {
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
