/**
 * `npm run check:notebooks [-- --dir DIR | x.ipynb …]`: committed notebooks carry no outputs or execution counts
 * (fails naming each cell); `--strip` (`npm run strip`) removes them in place.
 */
import * as fs from "fs";
import * as path from "path";
import { cellsWithOutputs, readNotebook, serializeNotebook, stripOutputs } from "../notebook/ipynb";
import { listNotebooks } from "../notebook/report";
import { option, runMain } from "./chromium";

function main(): void {
  const args = process.argv.slice(2);
  const strip = args.includes("--strip");
  const dir = option("--dir") ?? path.join(__dirname, "..", "..", "notebooks");
  const explicit = args.filter((a, i) => a.endsWith(".ipynb") && args[i - 1] !== "--dir");
  const files = explicit.length > 0 ? explicit : listNotebooks(dir);
  let dirty = 0;
  for (const file of files) {
    const notebook = readNotebook(file);
    const problems = cellsWithOutputs(notebook);
    const shown = path.relative(process.cwd(), file) || file;
    if (strip) {
      const text = serializeNotebook(stripOutputs(notebook));
      if (text !== fs.readFileSync(file, "utf8")) {
        fs.writeFileSync(file, text);
        console.log(`${shown}: stripped (${problems.length} cell(s) had outputs or counts)`);
      }
      continue;
    }
    if (problems.length > 0) {
      dirty += 1;
      console.error(`${shown}: carries outputs; run npm run strip`);
      for (const problem of problems) console.error(`  ${problem}`);
    }
  }
  if (dirty > 0) {
    console.error(`check:notebooks: ${dirty} of ${files.length} notebook(s) carry outputs or execution counts`);
    process.exit(1);
  }
  if (!strip) console.log(`check:notebooks: ${files.length} notebook(s) clean`);
}

runMain(main);
