/** The report folder: a lock beside it, a temporary sibling swapped in on success, `--out` checked first. */
import * as fs from "fs";
import * as path from "path";

/** The manifest of a report folder: every file the build wrote, one per line, sorted. */
export const MANIFEST_FILE = ".report-files";

/** A mistake in how the build was asked for (bad option, unusable folder): exit code 2, no stack. */
export class UsageError extends Error {
  name = "UsageError";
}

/** Another build holds the folder's lock. */
export class BuildLockedError extends Error {
  name = "BuildLockedError";
}

/** What a report from before the manifest holds at its top (such a folder is accepted by its names). */
const LEGACY_ENTRY = /^(index\.html|\d\d-[\w.-]+\.html|figures\.json|weights\.csv|plotly\.min\.js|notebooks)$/;

/** Every file under a folder, relative, sorted. @example filesUnder("report") // ["figures.json", "index.html", …] */
export function filesUnder(dir: string, prefix = ""): string[] {
  const entries = fs.readdirSync(dir, { withFileTypes: true });
  const files = entries.flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
  return files.sort();
}

/** Throws a {@link UsageError} unless `outDir` is missing, empty or a report. @example checkOutFolder("report") */
export function checkOutFolder(outDir: string): void {
  if (!fs.existsSync(outDir)) return;
  if (!fs.statSync(outDir).isDirectory())
    throw new UsageError(`--out ${outDir}: is a file, expected a folder for the report`);
  const entries = fs.readdirSync(outDir);
  if (entries.length === 0) return;
  const manifest = path.join(outDir, MANIFEST_FILE);
  let foreign = entries.filter((name) => !LEGACY_ENTRY.test(name)).sort();
  if (fs.existsSync(manifest)) {
    const listed = new Set(fs.readFileSync(manifest, "utf8").split("\n"));
    foreign = filesUnder(outDir).filter((f) => f !== MANIFEST_FILE && !listed.has(f));
  } else if (foreign.length === 0 && !entries.includes("index.html")) foreign = entries.slice().sort();
  if (foreign.length === 0) return;
  const shown = foreign.slice(0, 3).map((f) => JSON.stringify(f));
  const more = foreign.length > 3 ? ` and ${foreign.length - 3} more` : "";
  throw new UsageError(
    `--out ${outDir}: the folder holds files this build did not write (${shown.join(", ")}${more}); ` +
      `the report replaces its whole folder, so give a new or empty folder or a previous report`,
  );
}

const siblings = (outDir: string) => ({
  parent: path.dirname(path.resolve(outDir)),
  name: path.basename(path.resolve(outDir)),
});

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Restores a report a killed build moved aside and removes dead builds' temporary folders. */
function repairAfterKill(outDir: string): void {
  const { parent, name } = siblings(outDir);
  const entries = fs.readdirSync(parent).sort();
  for (const entry of entries.filter((e) => e.startsWith(`.${name}.build-`) || e.startsWith(`.${name}.old-`))) {
    const pid = Number(entry.slice(entry.lastIndexOf("-") + 1));
    if (processAlive(pid) && pid !== process.pid) continue;
    const full = path.join(parent, entry);
    if (entry.startsWith(`.${name}.old-`) && !fs.existsSync(outDir)) fs.renameSync(full, outDir);
    else fs.rmSync(full, { recursive: true, force: true });
  }
}

/** A held build lock: `tempDir` where it writes; `commit` swaps it in for the report, `abandon` removes it. */
export interface ReportBuild {
  tempDir: string;
  commit(): void;
  abandon(): void;
}

/** Takes the folder's lock, repairs a killed build's leftovers, makes a temp folder.
 * @example startReportBuild("report") */
export function startReportBuild(outDir: string): ReportBuild {
  const { parent, name } = siblings(outDir);
  fs.mkdirSync(parent, { recursive: true });
  const lock = path.join(parent, `.${name}.lock`);
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(lock, `${process.pid}\n`, { flag: "wx" });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 0) throw error;
      const holder = Number(fs.readFileSync(lock, "utf8").trim());
      if (processAlive(holder))
        throw new BuildLockedError(
          `${outDir}: another report build (process ${holder}) is writing this folder; wait for it to finish ` +
            `(or, if that process is gone, remove the lock ${lock})`,
        );
      fs.rmSync(lock, { force: true });
    }
  }
  let released = false; // once: the lock may be another build's by then
  const release = (): void => {
    if (!released) fs.rmSync(lock, { force: true });
    released = true;
  };
  try {
    repairAfterKill(outDir);
  } catch (error) {
    release();
    throw error;
  }
  const tempDir = path.join(parent, `.${name}.build-${process.pid}`);
  fs.rmSync(tempDir, { recursive: true, force: true });
  fs.mkdirSync(tempDir);
  return {
    tempDir,
    commit(): void {
      const files = filesUnder(tempDir).filter((f) => f !== MANIFEST_FILE);
      fs.writeFileSync(path.join(tempDir, MANIFEST_FILE), `${files.join("\n")}\n`);
      const old = path.join(parent, `.${name}.old-${process.pid}`);
      if (fs.existsSync(outDir)) fs.renameSync(outDir, old);
      fs.renameSync(tempDir, outDir);
      fs.rmSync(old, { recursive: true, force: true });
      release();
    },
    abandon(): void {
      fs.rmSync(tempDir, { recursive: true, force: true });
      release();
    },
  };
}
