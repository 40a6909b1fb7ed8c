/** The one way code reaches the browser: an esbuild bundle of a module of src/ and all it imports. */
import * as path from "path";

/** src/ of this checkout (this file is src/present/ or, compiled, lib/present/). */
const SOURCE_DIR = path.resolve(__dirname, "..", "..", "src");

/**
 * `entry` (a module of src/, without .ts) bundled from its TypeScript source as one minified script: ES modules,
 * so esbuild leaves out what is never used; fails if any of it needs Node. `define` replaces global names by
 * JavaScript expressions (e.g. a string holding another bundle).
 * @example fs.writeFileSync("report/spoerg.js", browserBundle("ask/browser"))
 */
export function browserBundle(entry: string, define: Record<string, string> = {}): string {
  const esbuild = require("esbuild") as typeof import("esbuild");
  const statistics = path.dirname(require.resolve("simple-statistics/package.json"));
  const out = esbuild.buildSync({
    entryPoints: [path.join(SOURCE_DIR, `${entry}.ts`)],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2020",
    minify: true,
    write: false,
    legalComments: "none",
    charset: "utf8",
    logLevel: "silent",
    define,
    // simple-statistics' "browser" export is a UMD file whose exports esbuild's iife does not see: take its ES module.
    alias: { "simple-statistics": path.join(statistics, "dist", "simple-statistics.mjs") },
  });
  return out.outputFiles[0].text;
}
