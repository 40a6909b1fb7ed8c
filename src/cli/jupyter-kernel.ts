/**
 * The notebooks under real Jupyter, with the tslab kernel.
 *
 *   node lib/cli/jupyter-kernel.js install
 *     installs the tslab kernelspec for /usr/bin/python3's Jupyter, pointing at this project's
 *     node_modules/.bin/tslab by absolute path (so Jupyter needs no PATH change).
 *   node lib/cli/jupyter-kernel.js check [--python P] [notebook.ipynb ...]
 *     (`npm run check:jupyter`) installs the kernel, executes each notebook (default: every
 *     notebooks/*.ipynb) with `jupyter nbconvert --to notebook --execute`, which fails on any cell
 *     error, then checks that the type-error fixture does fail there.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const root = path.resolve(__dirname, "..", "..");

function option(args: string[], name: string, fallback: string): string {
  const index = args.indexOf(name);
  return index >= 0 && args[index + 1] !== undefined ? args[index + 1] : fallback;
}

function run(command: string, args: string[], options: { cwd?: string } = {}): { status: number | null; output: string } {
  const result = spawnSync(command, args, {
    cwd: options.cwd ?? root,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", PYDEVD_DISABLE_FILE_VALIDATION: "1" },
  });
  if (result.error) throw new Error(`could not run ${command}: ${result.error.message}`);
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Installs the tslab kernelspec for the given Python's Jupyter. */
function install(python: string): void {
  const tslab = path.join(root, "node_modules", ".bin", "tslab");
  if (!fs.existsSync(tslab)) throw new Error(`${tslab} not found: run npm ci first`);
  const result = run(process.execPath, [path.join(root, "node_modules", "tslab", "dist", "main.js"), "install", `--python=${python}`, `--binary=${tslab}`]);
  if (result.status !== 0) throw new Error(`tslab install failed (is Jupyter installed for ${python}?):\n${result.output}`);
  const list = run("jupyter", ["kernelspec", "list"]);
  if (!/\btslab\b/.test(list.output)) throw new Error(`the tslab kernel is not listed by jupyter kernelspec list:\n${list.output}`);
  console.log(`tslab kernel installed (${tslab})`);
}

/** Executes one notebook with nbconvert; returns the status and the tail of the output. */
function nbconvert(notebook: string, outDir: string): { ok: boolean; seconds: number; output: string } {
  const started = Date.now();
  const result = run("jupyter", [
    "nbconvert",
    "--to",
    "notebook",
    "--execute",
    "--ExecutePreprocessor.kernel_name=tslab",
    "--ExecutePreprocessor.timeout=300",
    "--output-dir",
    outDir,
    notebook,
  ]);
  const output = result.output
    .split("\n")
    .filter((line) => !/^\d\.\d\ds - /.test(line))
    .join("\n");
  return { ok: result.status === 0, seconds: (Date.now() - started) / 1000, output };
}

function check(args: string[]): void {
  install(option(args, "--python", "/usr/bin/python3"));
  const given = args.filter((a) => a.endsWith(".ipynb"));
  const notebooksDir = path.join(root, "notebooks");
  const notebooks =
    given.length > 0
      ? given.map((g) => path.resolve(g))
      : fs.readdirSync(notebooksDir).filter((f) => f.endsWith(".ipynb")).sort().map((f) => path.join(notebooksDir, f));
  if (notebooks.length === 0) throw new Error(`${notebooksDir}: no notebooks to execute`);
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "check-jupyter-"));
  let failed = 0;
  for (const notebook of notebooks) {
    const result = nbconvert(notebook, outDir);
    console.log(`${path.relative(root, notebook)}: ${result.ok ? "ok" : "FAILED"} under jupyter nbconvert (${result.seconds.toFixed(1)} s)`);
    if (!result.ok) {
      failed += 1;
      console.log(result.output.split("\n").slice(-25).join("\n"));
    }
  }
  const typeError = path.join(root, "test", "fixtures", "notebooks", "type-error.ipynb");
  const negative = nbconvert(typeError, outDir);
  if (negative.ok) {
    failed += 1;
    console.log(`${path.relative(root, typeError)}: executed without error under nbconvert, expected the type error to fail it`);
  } else if (!negative.output.includes("const label: string = n;")) {
    failed += 1;
    console.log(`${path.relative(root, typeError)}: failed, but nbconvert's message does not name the cell:\n${negative.output}`);
  } else {
    console.log(`${path.relative(root, typeError)}: fails under jupyter nbconvert as it should (type error in "const label: string = n;")`);
  }
  fs.rmSync(outDir, { recursive: true, force: true });
  if (failed > 0) {
    console.error(`check:jupyter: ${failed} problem(s)`);
    process.exit(1);
  }
  console.log(`check:jupyter: ${notebooks.length} notebook(s) ran under Jupyter with the tslab kernel`);
}

function main(): void {
  const [command, ...args] = process.argv.slice(2);
  if (command === "install") install(option(args, "--python", "/usr/bin/python3"));
  else if (command === "check") check(args);
  else throw new Error(`usage: node lib/cli/jupyter-kernel.js install|check [--python P] [notebook.ipynb ...] (got ${command ?? "nothing"})`);
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
