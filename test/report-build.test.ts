/**
 * `npm run report`'s command line and build safety, on small notebooks written here: usage errors
 * exit 2 (unknown option, --jobs 0, missing or empty notebooks folder, --out a folder of other
 * files, left untouched), a data error or a type error names itself and the notebook and cell without a stack, a
 * build killed mid-way leaves the previous report and no worker behind, and a second build into a
 * folder being built is refused with a clear message.
 */
import { ChildProcess, spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { afterEach, describe, expect, it } from "vitest";
import { tempDir } from "./helpers/temp-dirs";
import { notebookFolder } from "./helpers/notebook-folders";
import { MANIFEST_FILE } from "../src/notebook/report-folder";

/** The quick notebook of these tests: one cell that prints. */
const QUICK = ['console.log("ok")'];
/** A cell that waits an hour: a build running it is still running whenever a test looks (the test ends it). */
const WAIT = "await new Promise((resolve) => setTimeout(resolve, 3600000));";

const root = path.resolve(__dirname, "..");
const cli = path.join(root, "lib", "cli", "report.js");

function report(
  args: string[],
  env: Record<string, string> = {},
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Processes whose environment carries `tag` (the build's workers inherit it). */
function processesTagged(tag: string): number[] {
  return fs
    .readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .filter((pid) => {
      try {
        return fs.readFileSync(`/proc/${pid}/environ`, "utf8").includes(tag);
      } catch {
        return false;
      }
    })
    .map(Number);
}

/**
 * A folder `report` in a new temporary folder holding a previous report as a build leaves it (a page
 * and the manifest of the files it wrote), without running a build; returns the folder and its page.
 */
function previousReport(prefix: string): { out: string; before: Buffer } {
  const out = path.join(tempDir(prefix), "report");
  fs.mkdirSync(out);
  fs.writeFileSync(path.join(out, "index.html"), "<p>the previous report</p>\n");
  fs.writeFileSync(path.join(out, MANIFEST_FILE), "index.html\n");
  return { out, before: fs.readFileSync(path.join(out, "index.html")) };
}

/** Resolves once `condition` holds (checked every 100 ms; the test's own timeout is the only bound). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 100));
}

describe("usage errors exit 2 and build nothing", () => {
  const out = (): string => path.join(tempDir("report-out-"), "report");
  it.each([
    [["--bogus"], /unknown option "--bogus"/],
    [["--jobs", "0"], /--jobs 0: expected a whole number of at least 1/],
    [["--jobs", "two"], /--jobs two/],
    [["--notebooks", "/nonexistent/notebooks"], /--notebooks \/nonexistent\/notebooks: no such folder/],
    [["--out"], /--out: expected a value/],
  ])("%j", (args, message) => {
    const target = out();
    const result = report([...args, ...(args.includes("--out") ? [] : ["--out", target])]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain("usage: npm run report");
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(fs.existsSync(target)).toBe(false);
  });

  it("an empty notebooks folder", () => {
    const result = report(["--notebooks", tempDir("report-empty-"), "--out", out()]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/no \.ipynb notebooks in the folder/);
  });

  it("--out a folder holding other files, which it leaves alone", () => {
    const target = tempDir("report-foreign-");
    fs.writeFileSync(path.join(target, "index.html"), "the user's own page");
    fs.writeFileSync(path.join(target, "budget.xlsx"), "the user's");
    const result = report(["--notebooks", notebookFolder(QUICK), "--out", target]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/holds files this build did not write \("budget\.xlsx"\)/);
    expect(fs.readdirSync(target).sort()).toEqual(["budget.xlsx", "index.html"]);
    expect(fs.readFileSync(path.join(target, "index.html"), "utf8")).toBe("the user's own page");
  });
});

describe("errors while building", () => {
  it("--pdf without Chromium says so in one line and builds nothing", () => {
    const target = path.join(tempDir("report-nochrome-"), "report");
    const result = report(["--pdf", "--notebooks", notebookFolder(QUICK), "--out", target], {
      CHROMIUM: "/nonexistent/chromium",
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      "report: --pdf needs Chromium, which is not installed at /nonexistent/chromium (install the Debian package chromium, or set CHROMIUM=/path/to/chromium)\n",
    );
    expect(fs.existsSync(target)).toBe(false);
  });

  it("a bad panel file stops the build before any notebook runs: the named error, no stack trace, the previous report kept", () => {
    const { out: previous, before } = previousReport("report-prev-");
    const bad = path.join(tempDir("report-bad-"), "panel.csv");
    fs.writeFileSync(bad, "id,ai_brug\n1,9\n");
    const result = report(["--notebooks", notebookFolder(QUICK), "--out", previous], { PANEL_FILE: bad });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^report: panel\.csv, kolonne .*kontraktkolonner mangler/);
    expect(result.stdout).not.toContain("01-test.ipynb");
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(fs.readFileSync(path.join(previous, "index.html")).equals(before)).toBe(true);
  });

  it("a data error and a type error in notebooks: each named with its notebook and cell, without a stack trace, exit 1, the previous report kept", () => {
    const { out: previous, before } = previousReport("report-prev-");
    const dataset = JSON.stringify(path.join(root, "lib", "report", "dataset"));
    const survey = JSON.stringify(path.join(root, "lib", "survey"));
    const typeError = fs.readFileSync(path.join(root, "test", "fixtures", "notebooks", "type-error.ipynb"), "utf8");
    const dir = notebookFolder(
      [
        'console.log("first")',
        `import { loadDataset } from ${dataset};\nimport { svyciprop } from ${survey};\nsvyciprop(loadDataset().design, "ai_brugg", [3]);`,
      ],
      { "02-type-error.ipynb": typeError },
    );
    // One worker: one compiler start for both notebooks.
    const result = report(["--notebooks", dir, "--out", previous, "--jobs", "1"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /01-test\.ipynb: cell 1 \("import \{ loadDataset \}.*"\) failed with DataError:\nDataError: .*panel-2025-synthetic\.csv, column "ai_brugg"/,
    );
    expect(result.stderr).toContain(
      '02-type-error.ipynb: cell 2 ("const label: string = n; // deliberate type error") failed with TypeScriptError',
    );
    expect(result.stderr).toMatch(/report: 2 notebook\(s\) failed; the previous report is unchanged\n$/);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(fs.readFileSync(path.join(previous, "index.html")).equals(before)).toBe(true);
    expect(fs.readdirSync(path.dirname(previous))).toEqual(["report"]); // no build folder or lock left
  });
});

describe("interrupted and concurrent builds", () => {
  // A build a test started and did not end (it failed before): killed, so that it does not wait out its hour.
  const started: ChildProcess[] = [];
  afterEach(() => {
    for (const child of started.splice(0))
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });

  it("killed mid-build: the previous report stays, the workers end, the next build takes over the lock", async () => {
    const { out, before } = previousReport("report-kill-");
    const base = path.dirname(out);
    const quick = notebookFolder(QUICK);
    const tag = `REPORT_KILL_TEST_${process.pid}_${Date.now()}`;
    const slow = notebookFolder(['console.log("start")', WAIT]);
    const child: ChildProcess = spawn(process.execPath, [cli, "--notebooks", slow, "--out", out], {
      env: { ...process.env, [tag]: "1" },
      stdio: "ignore",
    });
    started.push(child);
    await until(() => processesTagged(tag).length >= 2);
    expect(fs.readdirSync(base).sort()).toEqual([`.report.build-${child.pid}`, ".report.lock", "report"]);

    // A second build into the same folder is refused while the first runs.
    const second = report(["--notebooks", quick, "--out", out]);
    expect(second.status).toBe(2);
    expect(second.stderr).toMatch(new RegExp(`another report build \\(process ${child.pid}\\) is writing this folder`));

    // Wait for the build's exit (reaped: a zombie still holds its pid, and so the lock) and for its workers
    // to end (a worker busy starting the compiler notices the lost parent only when that is done).
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGKILL");
    await exited;
    await until(() => processesTagged(tag).length === 0);
    expect(fs.readFileSync(path.join(out, "index.html")).equals(before)).toBe(true);

    // The next build takes over the lock and clears the killed build's folder: it gets as far as reading the
    // panel (here a bad one, so that it stops there instead of building the whole site again).
    const bad = path.join(tempDir("report-bad-"), "panel.csv");
    fs.writeFileSync(bad, "id,ai_brug\n1,9\n");
    const next = report(["--notebooks", quick, "--out", out], { PANEL_FILE: bad });
    expect(next.stderr).toMatch(/^report: panel\.csv, kolonne .*kontraktkolonner mangler/);
    expect(next.status).toBe(1);
    expect(fs.readdirSync(base).sort()).toEqual(["report"]);
    expect(fs.readFileSync(path.join(out, "index.html")).equals(before)).toBe(true);
  });

  it("stopped with SIGTERM: removes its temporary folder and lock and says the report is unchanged", async () => {
    const base = tempDir("report-term-");
    const out = path.join(base, "report");
    const slow = notebookFolder([WAIT]);
    let stderr = "";
    const child = spawn(process.execPath, [cli, "--notebooks", slow, "--out", out], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    started.push(child);
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    await until(() => fs.existsSync(path.join(base, `.report.build-${child.pid}`)));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(143);
    expect(stderr).toContain("interrupted (SIGTERM); the previous report is unchanged");
    expect(fs.readdirSync(base)).toEqual([]);
  });
});
