/**
 * Runs notebooks headlessly: one child process per notebook, its working directory the notebook's
 * folder (as a Jupyter kernel started from that notebook), executing the code cells in order with
 * tslab's own engine. No Jupyter needed.
 */
import { fork } from "child_process";
import * as path from "path";
import type { ChildMessage } from "./child";
import type { CellFailure } from "./engine";
import { Notebook } from "./ipynb";

export type { CellFailure } from "./engine";

/** The outcome of one notebook run. */
export interface NotebookRun {
  /** The notebook file, as given. */
  path: string;
  /** The notebook with outputs and execution counts (up to the failing cell). */
  notebook: Notebook;
  /** The failing cell, or null when every cell ran. */
  failure: CellFailure | null;
  /** Wall-clock seconds the child process took. */
  seconds: number;
}

/** Options of {@link runNotebook}. */
export interface RunOptions {
  /** Kill the child after this many milliseconds (default 300,000). */
  timeoutMs?: number;
  /** Extra environment variables for the child. */
  env?: Record<string, string>;
}

/** Thrown by {@link executeNotebook} when a cell fails; its message names the notebook and the cell. */
export class NotebookExecutionError extends Error {
  constructor(
    readonly notebookPath: string,
    readonly failure: CellFailure,
  ) {
    super(describeFailure(notebookPath, failure));
    this.name = "NotebookExecutionError";
  }
}

/**
 * One line (plus tslab's message) naming the notebook and the failing cell.
 * @example describeFailure("notebooks/01.ipynb", failure) // 'notebooks/01.ipynb: cell 4 ("const x: number = "a";") failed with TypeScriptError: ...'
 */
export function describeFailure(notebookPath: string, failure: CellFailure): string {
  return `${notebookPath}: cell ${failure.cellIndex} (${JSON.stringify(failure.firstLine)}) failed with ${failure.ename}:\n${failure.message}`;
}

/** The compiled child entry; src/notebook and lib/notebook are both two levels below the project root. */
function childScript(): string {
  return path.resolve(__dirname, "..", "..", "lib", "notebook", "child.js");
}

/**
 * Executes a notebook in a fresh child process (cwd = the notebook's folder) and resolves with its
 * outputs and the failing cell, if any. Rejects only when the child itself crashes or times out.
 * @example const run = await runNotebook("notebooks/01-adoption.ipynb");
 */
export function runNotebook(notebookPath: string, options: RunOptions = {}): Promise<NotebookRun> {
  const absolute = path.resolve(notebookPath);
  const timeoutMs = options.timeoutMs ?? 300_000;
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = fork(childScript(), [absolute], {
      cwd: path.dirname(absolute),
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", ...options.env },
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    let message: ChildMessage | null = null;
    child.on("message", (received) => (message = received as ChildMessage));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${notebookPath}: timed out after ${timeoutMs / 1000} s (killed)`));
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(new Error(`${notebookPath}: could not start the runner child ${childScript()}: ${error.message}`));
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const received = message as ChildMessage | null;
      if (received?.kind === "result") {
        resolve({ path: notebookPath, notebook: received.result.notebook, failure: received.result.failure, seconds });
      } else if (signal !== "SIGKILL") {
        const why = received?.kind === "crash" ? received.message : `exit code ${code}, signal ${signal}`;
        reject(new Error(`${notebookPath}: the runner child crashed (${why})${output ? `\n${output}` : ""}`));
      }
    });
  });
}

/**
 * Like {@link runNotebook} but rejects with a {@link NotebookExecutionError} when a cell fails.
 * @example const { notebook } = await executeNotebook("notebooks/00-data.ipynb");
 */
export async function executeNotebook(notebookPath: string, options: RunOptions = {}): Promise<NotebookRun> {
  const run = await runNotebook(notebookPath, options);
  if (run.failure) throw new NotebookExecutionError(notebookPath, run.failure);
  return run;
}
