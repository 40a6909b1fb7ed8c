/**
 * `npm run simulate -- --reps N [--seed S] [--workers K] [--bootstrap B] [--margins FILE] [--lang en]`: coverage of
 * five figures estimated five ways over N raked panels on K threads. Prints a table (Danish unless `--lang en`), then
 * one JSON line.
 */
import { availableParallelism } from "os";
import { isMainThread, parentPort, Worker, workerData, type MessagePort } from "worker_threads";
import { DEFAULT_MARGINS_FILE, resolveDataPath } from "../report/dataset";
import { readMargins } from "../data/load";
import { errorText, readLang, SIMULATE_MESSAGES as M, SPEC_MESSAGES, USAGE_MESSAGES } from "../codebook/messages";
import { publishedFigures } from "../report/figures";
import { synthesisTargets } from "../lab/synthesize";
import { METHOD_LABELS, simulateReplication } from "../lab/simulation/estimate";
import { HEADLINE_FIGURES } from "../lab/simulation/figures";
import { replicationSettings, simulationWorld } from "../lab/simulation/run";
import { summarise, type CoverageRow, type ReplicationResult } from "../lab/simulation/summary";

const { lang, rest: argv, wrong } = readLang(process.argv.slice(2));
const usage = USAGE_MESSAGES.simulate[lang];

function parseArgs(argv: string[]) {
  const args = {
    reps: 1000,
    seed: 1,
    workers: Math.min(8, availableParallelism()),
    bootstrap: 50,
    margins: DEFAULT_MARGINS_FILE,
  };
  const integer = (flag: string, value: string | undefined, min: number): number => {
    const n = Number(value);
    if (value === undefined || !Number.isInteger(n) || n < min)
      throw new Error(`${M.wholeNumber(flag, min, value ?? "")[lang]}\n${usage}`);
    return n;
  };
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    if (a === "--reps") args.reps = integer(a, argv[++k], 1);
    else if (a === "--seed") args.seed = integer(a, argv[++k], 0);
    else if (a === "--workers") args.workers = integer(a, argv[++k], 1);
    else if (a === "--bootstrap") args.bootstrap = integer(a, argv[++k], 0);
    else if (a === "--margins" && argv[k + 1] !== undefined) args.margins = argv[++k];
    else if (a === "--margins") throw new Error(`${M.marginsNeedsFile[lang]}\n${usage}`);
    else throw new Error(`${USAGE_MESSAGES.unknownArgument(a)[lang]}\n${usage}`);
  }
  if (args.bootstrap === 1) throw new Error(M.bootstrapOne[lang]);
  return args;
}

type Args = ReturnType<typeof parseArgs>;

/** Messages between the main thread and a worker. */
type ToWorker = { type: "run"; from: number; to: number } | { type: "stop" };
type FromWorker =
  | { type: "ready"; truth: Record<string, number> }
  | { type: "done"; index: number; result: ReplicationResult }
  | { type: "idle" };

function workerMain(): void {
  const args = workerData as Args;
  const world = simulationWorld(readMargins(resolveDataPath(args.margins)), synthesisTargets(publishedFigures()));
  const settings = replicationSettings({ seed: args.seed, bootstrapReplicates: args.bootstrap });
  const port = parentPort as MessagePort;
  port.on("message", (message: ToWorker) => {
    if (message.type === "stop") return port.close();
    for (let index = message.from; index < message.to; index++) {
      const result = simulateReplication(world.population, world.propensity, world.margins, index, settings);
      port.postMessage({ type: "done", index, result } satisfies FromWorker);
    }
    port.postMessage({ type: "idle" } satisfies FromWorker);
  });
  port.postMessage({ type: "ready", truth: world.truth } satisfies FromWorker);
}

function progressBar(done: number, total: number, seconds: number): string {
  const width = 30;
  const filled = Math.round((done / total) * width);
  return `\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${M.progress(done, total, fixed(seconds, 1))[lang]}`;
}

/** A number with `digits` decimals, with a decimal comma in Danish. @example fixed(2.25, 1) // "2,3" in Danish */
const fixed = (x: number, digits: number): string =>
  lang === "da" ? x.toFixed(digits).replace(".", ",") : x.toFixed(digits);
const percent = (x: number): string => fixed(100 * x, 1);

function table(rows: CoverageRow[]): string {
  const header = M.tableHead.map((h) => h[lang]);
  const figure = (key: string): string => HEADLINE_FIGURES.find((f) => f.key === key)?.label ?? key;
  const lines = rows.map((r) => [
    lang === "da" ? figure(r.figure) : r.figure,
    lang === "da" ? METHOD_LABELS[r.method] : r.method,
    percent(r.truth),
    percent(r.bias),
    percent(r.rmse),
    percent(r.coverage),
    percent(r.coverageMcse),
    fixed(r.meanSe / r.empiricalSe, 2),
  ]);
  const widths = header.map((h, j) => Math.max(h.length, ...lines.map((l) => l[j].length)));
  return [header, ...lines]
    .map((l) => l.map((c, j) => (j < 2 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join("  "))
    .join("\n");
}

async function main(): Promise<number> {
  if (wrong !== null) throw new Error(`${SPEC_MESSAGES.unknownLang(wrong)[lang]}\n${usage}`);
  const args = parseArgs(argv);
  readMargins(resolveDataPath(args.margins)); // a bad margins file fails here, once, with its DataError
  const started = Date.now();
  const workers = Math.min(args.workers, args.reps);
  const results: ReplicationResult[] = new Array(args.reps);
  let truth: Record<string, number> = {};
  let next = 0;
  let done = 0;
  let lastDrawn = -1;
  const chunk = Math.max(1, Math.min(10, Math.floor(args.reps / (workers * 4))));
  await new Promise<void>((resolve, reject) => {
    let finished = 0;
    for (let k = 0; k < workers; k++) {
      const worker = new Worker(__filename, { workerData: args });
      const assign = (): void => {
        const from = next;
        next = Math.min(args.reps, next + chunk);
        worker.postMessage((from < next ? { type: "run", from, to: next } : { type: "stop" }) satisfies ToWorker);
      };
      worker.on("message", (message: FromWorker) => {
        if (message.type === "ready") truth = message.truth;
        if (message.type !== "done") return assign();
        results[message.index] = message.result;
        done++;
        const step = Math.floor((done * 100) / args.reps);
        if (step !== lastDrawn || done === args.reps) {
          lastDrawn = step;
          process.stderr.write(progressBar(done, args.reps, (Date.now() - started) / 1000));
        }
      });
      worker.on("error", reject);
      worker.on("exit", () => ++finished === workers && resolve());
    }
  });
  process.stderr.write("\n");
  if (done !== args.reps) throw new Error(M.missing(done, args.reps)[lang]);
  const rows = summarise(results, truth);
  const seconds = (Date.now() - started) / 1000;
  process.stdout.write(`${M.title(args.reps, args.seed, workers, args.bootstrap, fixed(seconds, 1))[lang]}\n`);
  process.stdout.write(table(rows) + "\n");
  const { reps, seed, bootstrap: bootstrapReplicates } = args;
  process.stdout.write(JSON.stringify({ reps, seed, workers, bootstrapReplicates, seconds, truth, rows }) + "\n");
  return 0;
}

if (isMainThread) {
  main().then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`\n${errorText(error, lang)}\n`);
      process.exitCode = 1;
    },
  );
} else {
  workerMain();
}
