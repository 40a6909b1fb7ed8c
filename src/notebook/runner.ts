/** Runs notebooks headlessly with tslab's engine in worker processes (cwd the notebooks' folder). */
import { ChildProcess, fork } from "child_process";
import * as path from "path";
import type { CellFailure, ChildMessage, EngineOptions, ParentMessage } from "./engine";
import { Notebook } from "./ipynb";

export type { CellFailure } from "./engine";

/** The outcome of one notebook run. */
export interface NotebookRun {
  path: string; // as given
  notebook: Notebook; // with outputs up to the failing cell
  failure: CellFailure | null;
  seconds: number; // in its worker
}

/** Options of {@link runNotebooks}. */
interface RunOptions extends EngineOptions {
  env?: Record<string, string>; // extra environment variables for the workers
  jobs?: number; // workers at a time (default 2)
  onRun?: (run: NotebookRun) => void; // called as each notebook finishes
}

/** A notebook taking longer kills its worker. */
const TIMEOUT_MS = 300_000;

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

/** The notebook, the failing cell and the error's text (no stack). @example describeFailure("nb/01.ipynb", failure) */
export function describeFailure(notebookPath: string, failure: CellFailure): string {
  const { ename, message } = failure;
  let text = message;
  if (ename !== "TypeScriptError") {
    // The error's own lines ("DataError: …") without Node's code frame before them and stack frames after.
    const lines = message.split("\n");
    const start = lines.findIndex((line) => line.startsWith(`${ename}: `) || line.startsWith(`Uncaught ${ename}: `));
    const own = lines.slice(Math.max(0, start)).filter((line) => !/^\s+at /.test(line));
    text = own.join("\n").trim();
  }
  return `${notebookPath}: cell ${failure.cellIndex} (${JSON.stringify(failure.firstLine)}) failed with ${ename}:\n${text}`;
}

/** The compiled worker entry (src/notebook and lib/notebook are both two levels below the root). */
const CHILD_SCRIPT = path.resolve(__dirname, "..", "..", "lib", "notebook", "engine.js");

const liveWorkers = new Set<ChildProcess>();

/** Kills every worker this process started. @example process.on("SIGINT", killNotebookWorkers) */
export function killNotebookWorkers(): void {
  for (const child of liveWorkers) child.kill("SIGKILL");
  liveWorkers.clear();
}

interface Job {
  path: string;
  resolve: (run: NotebookRun) => void;
  reject: (error: Error) => void;
}

/** One worker process in one folder, running the jobs it is given one at a time. */
class Worker {
  readonly child: ChildProcess;
  private current: Job | null = null;
  private timer: NodeJS.Timeout | undefined;
  private output = "";
  private closing: Promise<void> | null = null;
  readonly exited: Promise<void>;

  constructor(
    readonly cwd: string,
    private readonly options: RunOptions,
  ) {
    this.child = fork(CHILD_SCRIPT, [], {
      cwd,
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", ...options.env },
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    liveWorkers.add(this.child);
    this.exited = new Promise((resolve) => this.child.once("exit", () => resolve()));
    for (const stream of [this.child.stdout, this.child.stderr])
      stream?.on("data", (chunk: Buffer) => (this.output += chunk.toString("utf8")));
    this.child.on("message", (message: ChildMessage) => {
      const job = this.current;
      if (!job) return;
      if (message.kind === "crash") return this.fail(`the runner child crashed (${message.message})`);
      this.finish();
      job.resolve({ path: job.path, ...message.result, seconds: message.seconds });
    });
    this.child.on("error", (error) => this.fail(`could not start the runner child ${CHILD_SCRIPT}: ${error.message}`));
    this.child.on("exit", (code, signal) => {
      liveWorkers.delete(this.child);
      const output = this.output ? `\n${this.output}` : "";
      if (this.current) this.fail(`the runner child crashed (exit code ${code}, signal ${signal})${output}`);
    });
  }

  private get dead(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  run(job: Job): void {
    if (this.dead) return job.reject(new Error(`${job.path}: the runner child is no longer running`));
    this.current = job;
    this.timer = setTimeout(() => {
      this.fail(`timed out after ${TIMEOUT_MS / 1000} s (killed)`);
      this.child.kill("SIGKILL");
    }, TIMEOUT_MS);
    const options = { omitPlotlyBundle: this.options.omitPlotlyBundle };
    this.child.send({ kind: "run", path: path.resolve(job.path), options } satisfies ParentMessage);
  }

  /** Asks the worker to end (once); kills it after `graceMs`. Resolves when it has exited. */
  close(graceMs = 2000): Promise<void> {
    if (this.closing !== null) return this.closing;
    if (this.dead) return (this.closing = Promise.resolve());
    if (this.child.connected) this.child.send({ kind: "close" } satisfies ParentMessage);
    const timer = setTimeout(() => this.child.kill("SIGKILL"), graceMs);
    return (this.closing = this.exited.then(() => clearTimeout(timer)));
  }

  private fail(why: string): void {
    const job = this.current;
    this.finish();
    job?.reject(new Error(`${job.path}: ${why}`));
  }

  private finish(): void {
    clearTimeout(this.timer);
    this.current = null;
  }
}

/** Runs notebooks with at most `jobs` workers; a failing cell is a run's `failure`, a crash rejects.
 * @example runNotebooks(paths) */
export async function runNotebooks(paths: string[], options: RunOptions = {}): Promise<NotebookRun[]> {
  const jobs = options.jobs ?? 2;
  if (!Number.isInteger(jobs) || jobs < 1) throw new Error(`jobs is ${jobs}, expected a positive integer`);
  const results: NotebookRun[] = new Array(paths.length);
  let next = 0;
  const workers: Worker[] = [];
  const lane = async (): Promise<void> => {
    let worker: Worker | null = null;
    while (next < paths.length) {
      const index = next++;
      const cwd = path.dirname(path.resolve(paths[index]));
      if (worker === null || worker.cwd !== cwd) {
        void worker?.close();
        worker = new Worker(cwd, options);
        workers.push(worker);
      }
      const current: Worker = worker;
      results[index] = await new Promise<NotebookRun>((resolve, reject) =>
        current.run({ path: paths[index], resolve, reject }),
      );
      options.onRun?.(results[index]);
    }
    void worker?.close();
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, paths.length)) }, lane));
  } catch (error) {
    for (const worker of workers) worker.child.kill("SIGKILL");
    throw error;
  }
  await Promise.all(workers.map((worker) => worker.close()));
  return results;
}

/** Runs one notebook in a fresh worker; a failing cell rejects. @example await executeNotebook("notebooks/00.ipynb") */
export async function executeNotebook(notebookPath: string, options: RunOptions = {}): Promise<NotebookRun> {
  const [run] = await runNotebooks([notebookPath], { ...options, jobs: 1 });
  if (run.failure) throw new NotebookExecutionError(notebookPath, run.failure);
  return run;
}
