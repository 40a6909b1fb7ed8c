/** The one way code reaches the browser: an esbuild bundle of a compiled module and all it imports. */
import * as fs from "fs";
import * as path from "path";

/**
 * `stem` in `dir` (its compiled .js, else the .ts when run from src/) bundled as one minified script; fails if any
 * of it needs Node. `define` replaces global names by JavaScript expressions (e.g. a string of another bundle).
 * @example fs.writeFileSync("report/spoerg.js", browserBundle(__dirname, "browser"))
 */
export function browserBundle(dir: string, stem: string, define: Record<string, string> = {}): string {
  const compiled = path.join(dir, `${stem}.js`);
  const entry = fs.existsSync(compiled) ? compiled : path.join(dir, `${stem}.ts`);
  const esbuild = require("esbuild") as typeof import("esbuild");
  const statistics = path.dirname(require.resolve("simple-statistics/package.json"));
  const out = esbuild.buildSync({
    entryPoints: [entry],
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
