/**
 * The notebooks under real Jupyter: `install [--python P]` registers tslab's kernel; `check [--python P] [x.ipynb …]`
 * installs it in a fresh HOME and runs each notebook (and the type-error fixture, which must fail) with nbconvert.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { listNotebooks } from "../notebook/report";
import { option, runMain } from "../checks/chromium";

const root = path.resolve(__dirname, "..", "..");
const tslabBin = path.join(root, "node_modules", ".bin", "tslab");
const python = (args: string[]): string => option("--python", args) ?? "/usr/bin/python3";

function run(command: string, args: string[], env: NodeJS.ProcessEnv) {
  const result = spawnSync(command, args, {
    cwd: root,
    encoding: "utf8",
    env: { ...env, NO_COLOR: "1", PYDEVD_DISABLE_FILE_VALIDATION: "1" },
  });
  if (result.error) throw new Error(`could not run ${command}: ${result.error.message}`);
  return { status: result.status, output: `${result.stdout}${result.stderr}`, stdout: result.stdout };
}

/** Runs `P -m jupyter ...`: the Jupyter of the chosen Python, whatever `jupyter` is on PATH. */
const jupyter = (python: string, args: string[], env: NodeJS.ProcessEnv) =>
  run(python, ["-m", "jupyter", ...args], env);

/** Where P's Jupyter finds the `tslab` kernel, or null when it has none. */
function findKernel(python: string, env: NodeJS.ProcessEnv) {
  const list = jupyter(python, ["kernelspec", "list", "--json"], env);
  if (list.status !== 0)
    throw new Error(
      `${python} -m jupyter kernelspec list failed (is Jupyter installed for ${python}?):\n${list.output}`,
    );
  type Specs = { kernelspecs: Record<string, { resource_dir: string; spec: { argv: string[] } }> };
  const spec = (JSON.parse(list.stdout) as Specs).kernelspecs.tslab;
  return spec ? { resourceDir: spec.resource_dir, argv: spec.spec.argv } : null;
}

/** Registers the tslab kernelspec for P's Jupyter with tslab's own installer; returns where Jupyter finds it. */
function install(python: string, env: NodeJS.ProcessEnv = process.env, extra: string[] = []) {
  if (!fs.existsSync(tslabBin)) throw new Error(`${tslabBin} not found: run npm ci first`);
  const result = run(tslabBin, ["install", `--python=${python}`, `--binary=${tslabBin}`, ...extra], env);
  if (result.status !== 0)
    throw new Error(
      `tslab install failed (is Jupyter installed for ${python}? On Debian: apt-get install jupyter-notebook python3-ipykernel):\n${result.output}`,
    );
  const kernel = findKernel(python, env);
  if (kernel === null)
    throw new Error(`tslab install ran, but ${python}'s Jupyter lists no tslab kernel:\n${result.output}`);
  if (kernel.argv[0] !== tslabBin)
    throw new Error(
      `${python}'s Jupyter resolves the tslab kernel to ${kernel.resourceDir}, which starts ${kernel.argv[0]}, not ${tslabBin}`,
    );
  console.log(`TypeScript kernel (tslab) installed in ${kernel.resourceDir}, starting ${tslabBin}`);
  return kernel;
}

/** Executes one notebook with nbconvert; returns the status and the tail of the output. */
function nbconvert(python: string, notebook: string, outDir: string, env: NodeJS.ProcessEnv) {
  const started = Date.now();
  const execute = ["--execute", "--ExecutePreprocessor.kernel_name=tslab", "--ExecutePreprocessor.timeout=300"];
  const result = jupyter(python, ["nbconvert", "--to", "notebook", ...execute, "--output-dir", outDir, notebook], env);
  const output = result.output
    .split("\n")
    .filter((line) => !/^\d\.\d\ds - /.test(line))
    .join("\n");
  return { ok: result.status === 0, seconds: (Date.now() - started) / 1000, output };
}

function check(args: string[]): void {
  const py = python(args);
  // A fresh, empty home for Jupyter: no kernel installed earlier can be found from it before ours.
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "check-jupyter-home-"));
  const dataDir = path.join(home, "jupyter-data");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    JUPYTER_DATA_DIR: dataDir,
    JUPYTER_CONFIG_DIR: path.join(home, "jupyter-config"),
    JUPYTER_RUNTIME_DIR: path.join(home, "jupyter-runtime"),
    IPYTHONDIR: path.join(home, "ipython"),
  };
  delete env.JUPYTER_PATH;
  // --user puts the kernelspec in the fresh JUPYTER_DATA_DIR, which Jupyter searches first.
  const kernel = install(py, env, ["--user"]);
  const expectedDir = path.join(dataDir, "kernels", "tslab");
  if (path.resolve(kernel.resourceDir) !== expectedDir)
    throw new Error(
      `Jupyter does not resolve the tslab kernel to the one just installed in ${expectedDir}: ${JSON.stringify(kernel)}`,
    );
  console.log(
    `check:jupyter: fresh HOME ${home}; tslab kernel installed by ${path.relative(root, tslabBin)} install, resolved to ${kernel.resourceDir}`,
  );
  const given = args.filter((a) => a.endsWith(".ipynb"));
  const notebooksDir = path.join(root, "notebooks");
  const notebooks = given.length > 0 ? given.map((g) => path.resolve(g)) : listNotebooks(notebooksDir);
  if (notebooks.length === 0) throw new Error(`${notebooksDir}: no notebooks to execute`);
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "check-jupyter-"));
  let failed = 0;
  for (const notebook of notebooks) {
    const result = nbconvert(py, notebook, outDir, env);
    console.log(
      `${path.relative(root, notebook)}: ${result.ok ? "ok" : "FAILED"} under jupyter nbconvert (${result.seconds.toFixed(1)} s)`,
    );
    if (!result.ok) {
      failed += 1;
      console.log(result.output.split("\n").slice(-25).join("\n"));
    }
  }
  const typeError = path.join(root, "test", "fixtures", "notebooks", "type-error.ipynb");
  const fixture = path.relative(root, typeError);
  const negative = nbconvert(py, typeError, outDir, env);
  if (negative.ok) {
    failed += 1;
    console.log(`${fixture}: executed without error under nbconvert, expected the type error to fail it`);
  } else if (!negative.output.includes("const label: string = n;")) {
    failed += 1;
    console.log(`${fixture}: failed, but nbconvert's message does not name the cell:\n${negative.output}`);
  } else {
    console.log(`${fixture}: fails under jupyter nbconvert as it should (type error in "const label: string = n;")`);
  }
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.rmSync(home, { recursive: true, force: true });
  if (failed > 0) {
    console.error(`check:jupyter: ${failed} problem(s)`);
    process.exit(1);
  }
  console.log(`check:jupyter: ${notebooks.length} notebook(s) ran under Jupyter with the tslab kernel`);
}

runMain(() => {
  const [command, ...args] = process.argv.slice(2);
  if (command === "install") install(python(args));
  else if (command === "check") check(args);
  else
    throw new Error(
      `usage: node lib/cli/jupyter-kernel.js install|check [--python P] [notebook.ipynb ...] (got ${command ?? "nothing"})`,
    );
});
