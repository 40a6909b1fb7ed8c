/**
 * Child-process entry of the notebook runner: executes one notebook (argv[2]) in this process,
 * whose working directory the parent set to the notebook's folder, and sends the result to the
 * parent over the IPC channel. Not meant to be run by hand; use runner.ts.
 */
import { executeNotebookHere, EngineResult } from "./engine";
import { readNotebook } from "./ipynb";

/** The message the child sends to the runner. */
export type ChildMessage = { kind: "result"; result: EngineResult } | { kind: "crash"; message: string };

async function main(): Promise<void> {
  const path = process.argv[2];
  if (path === undefined) throw new Error("usage: node lib/notebook/child.js <notebook.ipynb> (started by runner.ts)");
  const result = await executeNotebookHere(readNotebook(path));
  await send({ kind: "result", result });
}

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

main()
  .then(() => process.exit(0))
  .catch(async (error: unknown) => {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    await send({ kind: "crash", message }).catch(() => undefined);
    process.exit(2);
  });
