/**
 * A V8 code cache for the one big module every notebook worker loads: tslab's TypeScript (8 MB of
 * JavaScript, which Node 20 compiles from source in each process, about 0.6 s of a worker's start).
 * The compiled code is kept on disk beside the compile cache, keyed by a hash of the file, Node's
 * version and the architecture; V8 checks it again and rejects data that does not fit, and then
 * the module is simply compiled from source (and the cache written anew).
 */
import { createHash } from "crypto";
import * as fs from "fs";
import Module, { createRequire } from "module";
import * as path from "path";
import * as vm from "vm";
import { writeAtomically } from "./compile-cache";

type ModuleWrapper = (
  exports: unknown,
  require: NodeJS.Require,
  module: Module,
  filename: string,
  dirname: string,
) => void;

/**
 * Loads a CommonJS file into `require.cache` with V8's compiled code from `cacheDir` (writing it
 * there on the first load), so a later `require` of the same file returns it at once. Returns
 * whether the cached code was used. Does nothing (false) when the file is already loaded.
 * @example preloadWithCodeCache(require.resolve("@tslab/typescript-for-tslab"), "node_modules/.cache/v8")
 */
export function preloadWithCodeCache(file: string, cacheDir: string): boolean {
  if (require.cache[file] !== undefined) return false;
  const source = fs.readFileSync(file, "utf8");
  const key = createHash("sha256")
    .update(`${process.version}\u0000${process.arch}\u0000`)
    .update(source)
    .digest("hex")
    .slice(0, 32);
  const cacheFile = path.join(cacheDir, `${path.basename(file, ".js")}-${key}.bin`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const wrapper = script.runInThisContext() as ModuleWrapper;
  const loaded = new Module(file);
  loaded.filename = file;
  wrapper.call(loaded.exports, loaded.exports, createRequire(file), loaded, file, path.dirname(file));
  loaded.loaded = true;
  require.cache[file] = loaded;
  const used = cachedData !== undefined && !script.cachedDataRejected;
  if (!used) {
    try {
      fs.mkdirSync(cacheDir, { recursive: true });
      writeAtomically(cacheFile, script.createCachedData());
    } catch {
      // Without a cache the next worker compiles the module from source again: only slower.
    }
  }
  return used;
}

/**
 * The TypeScript compiler tslab loads, as its own `require` resolves it.
 * @example tslabTypeScriptFile() // "/project/node_modules/@tslab/typescript-for-tslab/lib/typescript.js"
 */
export function tslabTypeScriptFile(): string {
  return createRequire(require.resolve("tslab")).resolve("@tslab/typescript-for-tslab");
}
