/**
 * `node -r lib/cli/bench/peak.js …` writes the peak resident memory (MB) at exit to $ASK_BENCH_PEAK_FILE (sizes.ts).
 * @example // ASK_BENCH_PEAK_FILE=/tmp/peak node -r ./lib/cli/bench/peak.js bin/ask.js tilbud
 */
import { writeFileSync } from "fs";

/** Writes the peak resident memory (MB) to `file` when the process exits. @example reportPeakAtExit("/tmp/peak") */
export function reportPeakAtExit(file: string): void {
  process.on("exit", () => writeFileSync(file, String(process.resourceUsage().maxRSS / 1024)));
}

const target = process.env.ASK_BENCH_PEAK_FILE;
if (target !== undefined && target !== "") reportPeakAtExit(target);
