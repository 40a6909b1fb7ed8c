/**
 * The V8 code cache the notebook workers load tslab's TypeScript with (src/notebook/code-cache.ts):
 * the first process writes it, the next uses it, a changed or damaged module is compiled from its
 * source again, and the module behaves the same either way.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { tempDir } from "./helpers/temp-dirs";

const root = path.resolve(__dirname, "..");
const compiled = path.join(root, "lib", "notebook", "code-cache.js");

/** Loads `file` through the cache in a new Node process: whether the cache was used, and the module's exports. */
function loadInNewProcess(file: string, cacheDir: string): { used: boolean; exports: unknown } {
  const script = `const { preloadWithCodeCache } = require(${JSON.stringify(compiled)});
const used = preloadWithCodeCache(${JSON.stringify(file)}, ${JSON.stringify(cacheDir)});
console.log(JSON.stringify({ used, exports: require(${JSON.stringify(file)}) }));`;
  return JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" })) as {
    used: boolean;
    exports: unknown;
  };
}

describe("V8 code cache", () => {
  it("is written by the first load, used by the next, and gives the same module", () => {
    const dir = tempDir("code-cache-");
    const file = path.join(dir, "module.js");
    fs.writeFileSync(
      file,
      "const path = require('path');\nmodule.exports = { answer: 6 * 7, name: path.basename(__filename), dir: __dirname };\n",
    );
    const cacheDir = path.join(dir, "v8");
    const first = loadInNewProcess(file, cacheDir);
    expect(first).toEqual({ used: false, exports: { answer: 42, name: "module.js", dir } });
    expect(fs.readdirSync(cacheDir)).toHaveLength(1);
    expect(loadInNewProcess(file, cacheDir)).toEqual({ ...first, used: true });

    fs.writeFileSync(file, "module.exports = { answer: 43 };\n");
    expect(loadInNewProcess(file, cacheDir)).toEqual({ used: false, exports: { answer: 43 } });
    expect(loadInNewProcess(file, cacheDir)).toEqual({ used: true, exports: { answer: 43 } });

    for (const name of fs.readdirSync(cacheDir)) fs.writeFileSync(path.join(cacheDir, name), "not V8's data");
    expect(loadInNewProcess(file, cacheDir)).toEqual({ used: false, exports: { answer: 43 } });
    expect(loadInNewProcess(file, cacheDir)).toEqual({ used: true, exports: { answer: 43 } });
  });
});
