/**
 * Small notebooks for tests, each in a folder named by its content under the project's
 * .cache: the same cells give the same folder, so the notebook compile cache (keyed by
 * the folder) serves them again within a run and across runs instead of starting the compiler.
 * @example const dir = notebookFolder(['console.log("ok")']); // ".../.cache/test-notebooks/3f9a…"
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { serializeNotebook, type Notebook } from "../../src/notebook/ipynb";

const root = path.resolve(__dirname, "..", "..");

/** Writes `text` to `file` unless it already holds exactly that (atomically: test files run in parallel). */
function writeOnce(file: string, text: string): void {
  if (fs.existsSync(file) && fs.readFileSync(file, "utf8") === text) return;
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, text);
  fs.renameSync(temporary, file);
}

/** A folder holding one notebook, `01-test.ipynb`, whose code cells are `cells`, and the files of `others`. */
export function notebookFolder(cells: string[], others: Record<string, string> = {}): string {
  const notebook: Notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: cells.map((source) => ({ cell_type: "code", metadata: {}, source, execution_count: null, outputs: [] })),
  };
  return folderWith({ "01-test.ipynb": serializeNotebook(notebook), ...others });
}

/** A folder holding these files (name → text), named by their content. */
export function folderWith(files: Record<string, string>): string {
  const hash = createHash("sha256")
    .update(JSON.stringify(Object.entries(files).sort()))
    .digest("hex")
    .slice(0, 16);
  const dir = path.join(root, ".cache", "test-notebooks", hash);
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeOnce(path.join(dir, name), text);
  return dir;
}
