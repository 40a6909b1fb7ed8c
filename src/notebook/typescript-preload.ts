/**
 * Imported first by the notebook worker (child.ts), before tslab: loads tslab's TypeScript compiler
 * with the V8 code cache (code-cache.ts), so the worker starts in about half the time. The cache
 * lives in `<compile cache>/v8` and is off when the compile cache is (`NOTEBOOK_COMPILE_CACHE=off`).
 */
import * as path from "path";
import { preloadWithCodeCache, tslabTypeScriptFile } from "./code-cache";
import { compileCacheDir } from "./compile-cache";

const cacheDir = compileCacheDir(path.resolve(__dirname, "..", ".."));
if (cacheDir !== null) preloadWithCodeCache(tslabTypeScriptFile(), path.join(cacheDir, "v8"));
