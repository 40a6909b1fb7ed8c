/** tslab's compile of each cell kept on disk, keyed by all it depends on (`NOTEBOOK_COMPILE_CACHE=off` or a folder). */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import type { ConvertResult, Converter } from "tslab/dist/converter";
import { filesUnder } from "./report-folder";

/** Where the cache lives, or null when it is off. @example compileCacheDir(root) // "<root>/.cache/notebook-compile" */
export function compileCacheDir(root: string): string | null {
  const setting = process.env.NOTEBOOK_COMPILE_CACHE;
  if (setting === "off" || setting === "0") return null;
  return setting && setting.length > 0 ? path.resolve(setting) : path.join(root, ".cache", "notebook-compile");
}

/** The hash of what a cell's conversion depends on besides its text. @example compileFingerprint(root, cwd) */
export function compileFingerprint(root: string, cwd: string): string {
  const hash = createHash("sha256");
  const add = (label: string, content: string | Buffer): void => {
    hash.update(`${label}\u0000${content.length}\u0000`);
    hash.update(content);
  };
  add("tslab", fs.readFileSync(require.resolve("tslab/package.json")));
  add("node", process.versions.node.split(".")[0]);
  add("cwd", cwd);
  const lock = path.join(root, "package-lock.json");
  if (fs.existsSync(lock)) add("lock", fs.readFileSync(lock));
  // Type-checking reads lib/'s .d.ts, not a .js beside one: a change in an implementation keeps the cache.
  const lib = path.join(root, "lib");
  const libFiles = fs.existsSync(lib) ? filesUnder(lib).map((f) => path.join(lib, f)) : [];
  const declarations = new Set(libFiles.filter((f) => f.endsWith(".d.ts")));
  for (const file of libFiles) {
    const typedElsewhere = file.endsWith(".js") && declarations.has(file.replace(/\.js$/, ".d.ts"));
    if (!typedElsewhere && !file.endsWith(".map")) add(path.relative(root, file), fs.readFileSync(file));
  }
  for (const name of fs.readdirSync(cwd).sort()) {
    const file = path.join(cwd, name);
    if (/\.(ts|tsx|js|json)$/.test(name) && fs.statSync(file).isFile()) add(`cwd/${name}`, fs.readFileSync(file));
  }
  return hash.digest("hex");
}

const KEEP_FOLDERS = 24; // fingerprints' folders kept…
const KEEP_DAYS = 14; // …and for how long after their last use

/** Marks `keep` as just used and removes folders beyond the newest KEEP_FOLDERS or unused for KEEP_DAYS. */
function pruneOld(cacheDir: string, keep: string): void {
  const now = new Date();
  fs.utimesSync(path.join(cacheDir, keep), now, now);
  const oldest = now.getTime() - KEEP_DAYS * 86_400_000;
  const folders = fs
    .readdirSync(cacheDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name !== keep && /^[0-9a-f]{32}$/.test(e.name))
    .map((e) => ({ name: e.name, mtime: fs.statSync(path.join(cacheDir, e.name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  folders.forEach((folder, index) => {
    if (index >= KEEP_FOLDERS - 1 || folder.mtime < oldest)
      fs.rmSync(path.join(cacheDir, folder.name), { recursive: true, force: true });
  });
}

/** A converter answering `convert` from the cache, starting the real one only when needed.
 * @example cachedConverter(create, dir, fp) */
export function cachedConverter(create: () => Converter, cacheDir: string | null, fingerprint: string): Converter {
  let real: Converter | null = null;
  let modulesAdded = false; // a `%module` cell changes what later cells compile against: stop caching
  const converter = (): Converter => (real ??= create());
  const folder = cacheDir === null ? null : path.join(cacheDir, fingerprint.slice(0, 32));
  try {
    if (folder !== null && cacheDir !== null) {
      fs.mkdirSync(folder, { recursive: true });
      pruneOld(cacheDir, path.basename(folder));
    }
  } catch {
    // a cache that cannot be written is only slower
  }
  const entryPath = (prevDecl: string, src: string): string | null => {
    if (folder === null || modulesAdded) return null;
    const key = createHash("sha256").update(`${fingerprint}\u0000${prevDecl}\u0000${src}`).digest("hex");
    return path.join(folder, `${key}.json`);
  };
  return {
    convert(prevDecl: string, src: string): ConvertResult {
      const file = entryPath(prevDecl, src);
      if (file !== null && fs.existsSync(file)) {
        try {
          return JSON.parse(fs.readFileSync(file, "utf8")) as ConvertResult;
        } catch {
          // A damaged entry is converted again below.
        }
      }
      const result = converter().convert(prevDecl, src);
      if (file !== null && (result.sideOutputs === undefined || result.sideOutputs.length === 0)) {
        try {
          const temporary = `${file}.${process.pid}.tmp`; // so that another worker never reads half of it
          fs.writeFileSync(temporary, JSON.stringify(result));
          fs.renameSync(temporary, file);
        } catch {
          // Not cached; the next build converts this cell again.
        }
      }
      return result;
    },
    inspect: (prevDecl, src, position) => converter().inspect(prevDecl, src, position),
    complete: (prevDecl, src, position) => converter().complete(prevDecl, src, position),
    addModule: (name, content, meta) => {
      modulesAdded = true;
      return converter().addModule(name, content, meta);
    },
    close: () => real?.close(),
  };
}
