/**
 * Executes a notebook's cells in this process with tslab's converter and executor, capturing outputs as nbformat; run
 * as a script, the worker of runner.ts: one tslab compiler, then each notebook the parent sends over IPC, in turn.
 */
import { setImmediate as nextTurn } from "timers/promises";
import * as path from "path";
import * as util from "util";
import { Converter, createConverter } from "tslab/dist/converter";
import { cachedConverter, compileCacheDir, compileFingerprint } from "./compile-cache";
import { createExecutor, ConverterSet } from "tslab/dist/executor";
import * as jupyter from "tslab/dist/jupyter";
import {
  CodeCell,
  DisplayDataOutput,
  MimeBundle,
  Notebook,
  Output,
  PLOTLY_BUNDLE_SWITCH,
  firstLine,
  joinSource,
  splitLines,
  readNotebook,
  stripPlotlyBundle,
} from "./ipynb";
import { keepLoadedDatasets } from "../report/dataset";

/** Why a notebook stopped: the failing cell (index among all cells), its first line, the error name and text. */
export interface CellFailure {
  cellIndex: number;
  firstLine: string;
  ename: string; // "TypeScriptError" for compile errors, else the thrown error's name
  message: string; // what tslab printed (diagnostics or the stack)
}

/** A notebook after execution: outputs filled in up to the failing cell, if any. */
export interface EngineResult {
  notebook: Notebook;
  failure: CellFailure | null;
}

/** `omitPlotlyBundle`: drop the inlined plotly.js from chart outputs (the report build). */
export interface EngineOptions {
  omitPlotlyBundle?: boolean;
}

interface DisplayMessage {
  data: MimeBundle;
  metadata: Record<string, unknown>;
  transient?: { display_id?: string };
}

/** Collects one cell's outputs in order, merging consecutive writes to the same stream. */
class OutputCollector {
  readonly outputs: Output[] = [];
  constructor(private readonly omitPlotlyBundle = false) {}
  stderrText = "";
  private displayIndex = new Map<string, number>();

  write(name: "stdout" | "stderr", text: string): void {
    if (text.length === 0) return;
    if (name === "stderr") this.stderrText += text;
    const last = this.outputs[this.outputs.length - 1];
    if (last?.output_type === "stream" && last.name === name) last.text = `${joinSource(last.text)}${text}`;
    else this.outputs.push({ output_type: "stream", name, text });
  }

  display(message: DisplayMessage, update: boolean): void {
    const html = message.data["text/html"];
    const strip = this.omitPlotlyBundle && typeof html === "string";
    const data = strip ? { ...message.data, "text/html": stripPlotlyBundle(html) } : message.data;
    const output: DisplayDataOutput = { output_type: "display_data", data, metadata: message.metadata };
    const id = message.transient?.display_id;
    const existing = id === undefined ? undefined : this.displayIndex.get(id);
    if (update && existing !== undefined) this.outputs[existing] = output;
    else {
      if (id !== undefined) this.displayIndex.set(id, this.outputs.length);
      this.outputs.push(output);
    }
  }

  /** Outputs in nbformat's on-disk form: text split into lines. */
  finished(): Output[] {
    return this.outputs.map((output) => {
      if (output.output_type === "stream") return { ...output, text: splitLines(joinSource(output.text)) };
      if (output.output_type === "display_data" || output.output_type === "execute_result") {
        const data: MimeBundle = {};
        for (const [mime, value] of Object.entries(output.data))
          data[mime] = typeof value === "string" && mime.startsWith("text/") ? splitLines(value) : value;
        return { ...output, data };
      }
      return output;
    });
  }
}

/** A failed cell's error: its text without the runner's stack frames (Node's vm down), its name, its own message. */
function cellError(text: string): { message: string; ename: string; evalue: string } {
  const lines = text.split("\n");
  const cut = lines.findIndex((line) => /^\s+at .*\(node:vm:/.test(line));
  const message = (cut < 0 ? lines : lines.slice(0, cut)).join("\n");
  const thrown = /^([A-Za-z_$][\w$]*(Error|Exception))\b/m.exec(message);
  // Compile diagnostics look like "3:7 - message".
  const ename = /^(\S+ )?\d+:\d+ - /m.test(message) ? "TypeScriptError" : thrown ? thrown[1] : "Error";
  const line = message.split("\n").find((l) => l.startsWith(`${ename}: `));
  return { message, ename, evalue: line === undefined ? message.split("\n")[0] : line.slice(ename.length + 2) };
}

/** One TypeScript compiler for notebooks in turn, each with a fresh executor; modules loaded before it stay loaded. */
export interface EngineSession {
  execute(notebook: Notebook, options?: EngineOptions): Promise<EngineResult>;
  close(): void;
}

/** Starts the compiler tslab compiles cells with. @example const session = createEngineSession(); */
export function createEngineSession(): EngineSession {
  const root = path.resolve(__dirname, "..", "..");
  const cacheDir = compileCacheDir(root);
  const fingerprint = cacheDir === null ? "" : compileFingerprint(root, process.cwd());
  const converter = cachedConverter(() => createConverter({ isJS: false, isBrowser: false }), cacheDir, fingerprint);
  const baseline = new Set(Object.keys(require.cache));
  let busy = false;
  return {
    async execute(notebook: Notebook, options: EngineOptions = {}): Promise<EngineResult> {
      if (busy) throw new Error("engine session: one notebook at a time");
      busy = true;
      try {
        return await executeWith(converter, notebook, options);
      } finally {
        // The project's modules loaded by this notebook (anything outside node_modules) load afresh for the next.
        const nodeModules = `${path.sep}node_modules${path.sep}`;
        for (const key of Object.keys(require.cache))
          if (!baseline.has(key) && !key.includes(nodeModules)) delete require.cache[key];
        busy = false;
      }
    },
    close: () => converter.close(),
  };
}

async function executeWith(converter: Converter, notebook: Notebook, options: EngineOptions): Promise<EngineResult> {
  const convs: ConverterSet = {
    node: converter,
    get browser(): never {
      throw new Error("tslab browser mode (%% browser cells) is not supported by the report runner");
    },
    close: () => undefined, // the session closes the converter
  };
  let collector = new OutputCollector(options.omitPlotlyBundle);
  const log = (...args: unknown[]): void => collector.write("stdout", `${util.format(...args)}\n`);
  const error = (...args: unknown[]): void => collector.write("stderr", `${util.format(...args)}\n`);
  const executor = createExecutor(process.cwd(), convs, { log, error });
  const realStdout = process.stdout.write;
  const realStderr = process.stderr.write;
  const capture = (name: "stdout" | "stderr"): typeof realStdout =>
    ((chunk: string | Uint8Array): boolean => {
      collector.write(name, typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      return true;
    }) as typeof realStdout;
  let asyncFailure = "";
  const onAsyncError = (reason: unknown): void => {
    asyncFailure += `${util.format(reason)}\n`;
    collector.write("stderr", `Unhandled error: ${util.format(reason)}\n`);
  };
  const asyncEvents = ["unhandledRejection", "uncaughtException"] as const;
  for (const event of asyncEvents) process.on(event, onAsyncError);
  // Charts then leave plotly.js out from the start.
  const bundleSetting = process.env[PLOTLY_BUNDLE_SWITCH];
  if (options.omitPlotlyBundle) process.env[PLOTLY_BUNDLE_SWITCH] = "omit";
  (jupyter as { lastWriteDisplayData: unknown }).lastWriteDisplayData = (message: DisplayMessage, update: boolean) =>
    collector.display(message, update);
  const cells = notebook.cells.map((cell) => ({ ...cell }));
  let executionCount = 0;
  let failure: CellFailure | null = null;
  try {
    for (let index = 0; index < cells.length; index++) {
      const cell = cells[index];
      if (cell.cell_type !== "code") continue;
      const source = joinSource(cell.source);
      if (source.trim().length === 0) {
        cells[index] = { ...cell, outputs: [], execution_count: null };
        continue;
      }
      collector = new OutputCollector(options.omitPlotlyBundle);
      executionCount += 1;
      process.stdout.write = capture("stdout");
      process.stderr.write = capture("stderr");
      let ok = false;
      try {
        ok = await executor.execute(source);
        await nextTurn(); // callbacks the cell queued finish inside it
      } finally {
        process.stdout.write = realStdout;
        process.stderr.write = realStderr;
      }
      const outputs = collector.finished();
      if (!ok || asyncFailure !== "") {
        const { message, ename, evalue } = cellError(
          collector.stderrText.trim() || asyncFailure.trim() || "the cell failed without a message",
        );
        outputs.push({ output_type: "error", ename, evalue, traceback: [] });
        failure = { cellIndex: index, firstLine: firstLine(cell.source), ename, message };
      }
      cells[index] = { ...(cell as CodeCell), outputs, execution_count: executionCount };
      if (failure) break;
    }
  } finally {
    for (const event of asyncEvents) process.off(event, onAsyncError);
    if (bundleSetting === undefined) delete process.env[PLOTLY_BUNDLE_SWITCH];
    else process.env[PLOTLY_BUNDLE_SWITCH] = bundleSetting;
    executor.close();
  }
  return { notebook: { ...notebook, cells }, failure };
}

/** What the runner sends to a worker. */
export type ParentMessage = { kind: "run"; path: string; options: EngineOptions } | { kind: "close" };

/** What a worker sends back: one per notebook, or a crash report. */
export type ChildMessage =
  | { kind: "result"; path: string; result: EngineResult; seconds: number }
  | { kind: "crash"; path: string | null; message: string };

const send = (message: ChildMessage): Promise<void> =>
  new Promise((resolve, reject) =>
    process.send?.(message, (error: Error | null) => (error ? reject(error) : resolve())),
  );

async function run(session: EngineSession, path: string, options: EngineOptions): Promise<void> {
  const started = process.hrtime.bigint();
  try {
    const result = await session.execute(readNotebook(path), options);
    await send({ kind: "result", path, result, seconds: Number(process.hrtime.bigint() - started) / 1e9 });
  } catch (error: unknown) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    await send({ kind: "crash", path, message }).catch(() => undefined);
    process.exit(2);
  }
}

if (require.main === module) {
  // The notebooks of one build load the dataset once (its modules, loaded first, stay loaded between notebooks).
  keepLoadedDatasets();
  const session = createEngineSession(); // started while the parent prepares the first notebook
  let queue: Promise<void> = Promise.resolve();
  process.on("disconnect", () => process.exit(1));
  process.on("message", (received: ParentMessage) => {
    if (received.kind === "run") queue = queue.then(() => run(session, received.path, received.options));
    else
      queue = queue.then(() => {
        session.close();
        process.exit(0);
      });
  });
}
