/** `node -r lib/cli/bench/peak.js …` writes the peak resident memory (MB) at exit to $ASK_BENCH_PEAK_FILE (sizes.ts). */
import { writeFileSync } from "fs";

const target = process.env.ASK_BENCH_PEAK_FILE;
if (target !== undefined && target !== "")
  process.on("exit", () => writeFileSync(target, String(process.resourceUsage().maxRSS / 1024)));
