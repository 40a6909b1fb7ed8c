/** What the benches share: the timer, a CSV of columns for R, and an R script's one-line JSON answer. */
import { execFileSync } from "child_process";
import { writeFileSync } from "fs";
import { join } from "path";
import { median } from "simple-statistics";

/**
 * Median wall and CPU seconds of `reps` runs after three warm-up runs (V8's steady state, what a user's repeated
 * estimates cost), and the last run's value. No forced garbage collection between runs (R's scripts call `gc()`): a
 * full collection in V8 drops compiled code and type feedback, and the next calls took 2–9 times as long.
 * @example timeMedian(7, () => svychisq(design, "ai", "stoerrelse")).seconds
 */
export function timeMedian<T>(reps: number, f: () => T): { seconds: number; cpu: number; last: T } {
  let last = f();
  for (let w = 1; w < 3; w++) last = f();
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let r = 0; r < reps; r++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    last = f();
    times.push(Number(process.hrtime.bigint() - t0) / 1e9);
    const c = process.cpuUsage(c0);
    cpuTimes.push((c.user + c.system) / 1e6);
  }
  return { seconds: median(times), cpu: median(cpuTimes), last };
}

/** Writes columns as a CSV with a header. @example writeColumns("/tmp/d.csv", { y: [1, 0], w: [2, 3] }) */
export function writeColumns(path: string, columns: Record<string, ArrayLike<number | string>>): void {
  const names = Object.keys(columns);
  const lines = [names.join(",")];
  for (let i = 0; i < columns[names[0]].length; i++) lines.push(names.map((k) => columns[k][i]).join(","));
  writeFileSync(path, lines.join("\n") + "\n");
}

/** Runs scripts/r/<script> with `args`; its last output line as JSON. @example rJson("bench-glm.R", [csv, "3"]) */
export function rJson<T>(script: string, args: string[]): T {
  const file = join(__dirname, "..", "..", "..", "scripts", "r", script);
  const text = execFileSync("Rscript", [file, ...args], { encoding: "utf8", maxBuffer: 1 << 24 });
  return JSON.parse(text.trim().split("\n").pop() ?? "{}") as T;
}
