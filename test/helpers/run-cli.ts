/**
 * The commands `map` and `validate` as a user runs them from a folder, in this process: their `main` (which
 * lib/cli/<name>.js calls with the process's arguments) with stdout and stderr caught. Saves a Node start and a
 * module load per run.
 */
import { vi } from "vitest";
import { main as map } from "../../src/cli/map";
import { main as validate } from "../../src/cli/validate";
import { setEnv } from "./env";

/** What a command printed and its exit code. */
export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command's `main` here with process.stdout and process.stderr caught.
 * @example caught(validate, ["--help"]).status // 0
 */
export function caught(main: (argv: readonly string[]) => number, argv: readonly string[]): CliRun {
  const text = { stdout: "", stderr: "" };
  const take =
    (stream: keyof typeof text) =>
    (chunk: string | Uint8Array): boolean => {
      text[stream] += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
      return true;
    };
  const out = vi.spyOn(process.stdout, "write").mockImplementation(take("stdout"));
  const err = vi.spyOn(process.stderr, "write").mockImplementation(take("stderr"));
  try {
    return { status: main(argv), ...text };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/**
 * Runs `map` or `validate` with `args` from `cwd` (its `INIT_CWD`, as `npm run` sets it).
 * @example runCli("map", ["levering.sav"], dir).status // 0
 */
export function runCli(cli: "map" | "validate", args: string[], cwd: string): CliRun {
  const restore = setEnv({ INIT_CWD: cwd });
  try {
    return caught(cli === "map" ? map : validate, args);
  } finally {
    restore();
  }
}
