/**
 * Loaded with `node -r lib/cli/bench/peak.js …`: at exit, writes the peak resident memory in MB to
 * the file named by `ASK_BENCH_PEAK_FILE` (bench/sizes.ts measures bin/ask.js this way).
 * @example // ASK_BENCH_PEAK_FILE=/tmp/peak node -r ./lib/cli/bench/peak.js bin/ask.js tilbud
 */
import { writeFileSync } from "fs";

/** Writes the peak resident memory (MB) to `file` when the process exits. @example reportPeakAtExit("/tmp/peak") */
export function reportPeakAtExit(file: string): void {
  process.on("exit", () => writeFileSync(file, String(process.resourceUsage().maxRSS / 1024)));
}

const target = process.env.ASK_BENCH_PEAK_FILE;
if (target !== undefined && target !== "") reportPeakAtExit(target);
