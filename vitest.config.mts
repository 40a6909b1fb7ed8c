import { availableParallelism } from "os";
import { basename, relative } from "path";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The files that build reports or run notebooks, slowest first. On a fresh clone vitest knows no file's duration
 * and starts the largest files first; a small file that builds two reports, started last, then ran alone at the
 * end (about 6 s of a 71 s run). Once vitest has timed a run, its own order (slowest first) applies.
 */
const SLOW_FIRST = [
  "report.test.ts",
  "report-privacy.test.ts",
  "report-build.test.ts",
  "notebook-runner.test.ts",
  "draft-mapping.test.ts",
  "ask.test.ts",
  "serve.test.ts",
  "readers.test.ts",
  "deliveries.test.ts",
  "language.test.ts",
];

class SlowFirstSequencer extends BaseSequencer {
  async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const key = (f: TestSpecification): string => `${f.project.name}:${relative(this.ctx.config.root, f.moduleId)}`;
    const timed = sorted.some((f) => this.ctx.cache.getFileTestResults(key(f)) !== undefined);
    if (timed) return sorted;
    const rank = (f: TestSpecification): number => {
      const i = SLOW_FIRST.indexOf(basename(f.moduleId));
      return i < 0 ? SLOW_FIRST.length : i;
    };
    return sorted
      .map((f, i) => ({ f, i }))
      .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
      .map(({ f }) => f);
  }
}

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // vitest's default (one fewer than the cores) runs one file at a time on a 2-core machine, where
    // most files leave a core idle: two at a time there.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Worker threads start faster and use less memory than a process per file; no test changes the
    // working directory or exits the process, and each thread has its own copy of process.env.
    pool: "threads",
    sequence: { sequencer: SlowFirstSequencer },
  },
});
