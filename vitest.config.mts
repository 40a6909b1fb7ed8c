import { availableParallelism } from "os";
import { defineConfig } from "vitest/config";

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
  },
});
