/** Worker entry of runner.ts: one tslab compiler, then each notebook the parent sends over IPC, in turn. */
import { createEngineSession, EngineOptions, EngineResult, EngineSession } from "./engine";
import { readNotebook } from "./ipynb";
import { keepLoadedDatasets } from "../report/dataset";

/** What the runner sends to a worker. */
export type ParentMessage = { kind: "run"; path: string; options: EngineOptions } | { kind: "close" };

/** What a worker sends back: one per notebook, or a crash report. */
export type ChildMessage =
  | { kind: "result"; path: string; result: EngineResult; seconds: number }
  | { kind: "crash"; path: string | null; message: string };

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!process.send) {
      process.stdout.write(`${JSON.stringify(message)}\n`);
      resolve();
      return;
    }
    process.send(message, (error: Error | null) => (error ? reject(error) : resolve()));
  });
}

let session: EngineSession | null = null;
let queue: Promise<void> = Promise.resolve();

async function run(path: string, options: EngineOptions): Promise<void> {
  const started = process.hrtime.bigint();
  try {
    session ??= createEngineSession();
    const result = await session.execute(readNotebook(path), options);
    await send({ kind: "result", path, result, seconds: Number(process.hrtime.bigint() - started) / 1e9 });
  } catch (error: unknown) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    await send({ kind: "crash", path, message }).catch(() => undefined);
    process.exit(2);
  }
}

// The notebooks of one build load the dataset once (its modules, loaded first, stay loaded between notebooks).
keepLoadedDatasets();
if (!process.send) {
  // Run by hand: the results as JSON lines.
  const paths = process.argv.slice(2);
  if (paths.length === 0) {
    process.stderr.write("usage: node lib/notebook/child.js <notebook.ipynb>... (normally started by runner.ts)\n");
    process.exit(2);
  }
  void (async () => {
    for (const path of paths) await run(path, {});
    process.exit(0);
  })();
} else {
  process.on("disconnect", () => process.exit(1));
  process.on("message", (received: ParentMessage) => {
    if (received.kind === "close") {
      queue = queue.then(() => {
        session?.close();
        process.exit(0);
      });
      return;
    }
    queue = queue.then(() => run(received.path, received.options));
  });
  // Start the compiler while the parent prepares the first notebook.
  session = createEngineSession();
}
