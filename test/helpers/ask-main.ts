/**
 * `bin/ask.js` in this process: the command's `main` (which bin/ask.js calls) with its output caught, and the
 * environment variables given set while it runs. Saves a Node start and a module load per question; tests
 * about the process itself (pipes, exit at `| head`) still run bin/ask.js.
 * @example const r = await askMain(["tilbud", "--by", "stoerrelse"]); // { status: 0, stdout: "…", stderr: "" }
 */
import { Writable } from "stream";
import { main } from "../../src/cli/ask";
import { setEnv } from "./env";

/** A stream keeping what is written to it. */
class Caught extends Writable {
  text = "";
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.text += typeof chunk === "string" ? chunk : chunk.toString("utf8");
    done();
  }
}

/** Runs the command on `argv` with `env` set (an empty value unsets a variable); restores the environment after. */
export async function askMain(
  argv: string[],
  env: Record<string, string> = {},
): Promise<{ status: number; stdout: string; stderr: string }> {
  const restore = setEnv(Object.fromEntries(Object.entries(env).map(([name, value]) => [name, value || undefined])));
  const [out, err] = [new Caught(), new Caught()];
  try {
    const status = await main(argv, out, err);
    return { status, stdout: out.text, stderr: err.text };
  } finally {
    restore();
  }
}
