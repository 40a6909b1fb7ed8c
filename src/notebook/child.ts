/** Worker entry of runner.ts: one tslab compiler, then each notebook the parent sends over IPC, in turn. */
import { createEngineSession, EngineOptions, EngineResult } from "./engine";
import { readNotebook } from "./ipynb";
import { keepLoadedDatasets } from "../report/dataset";

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

// The notebooks of one build load the dataset once (its modules, loaded first, stay loaded between notebooks).
keepLoadedDatasets();
// Start the compiler while the parent prepares the first notebook.
const session = createEngineSession();
let queue: Promise<void> = Promise.resolve();

async function run(path: string, options: EngineOptions): Promise<void> {
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

process.on("disconnect", () => process.exit(1));
process.on("message", (received: ParentMessage) => {
  if (received.kind === "run") queue = queue.then(() => run(received.path, received.options));
  else
    queue = queue.then(() => {
      session.close();
      process.exit(0);
    });
});
