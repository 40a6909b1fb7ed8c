/**
 * `node lib/checks/check-report-pdf.js [--dir DIR]` (after `npm run report -- --pdf`; needs poppler-utils): report/
 * is under 8 MB and rapport.pdf has a page per notebook, every title, Danish words, page numbers, no code.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { filesUnder } from "../notebook/report-folder";
import { listNotebooks } from "../notebook/report";
import { notebookTitle } from "../notebook/site";
import { readNotebook } from "../notebook/ipynb";

const LIMIT_BYTES = 8 * 1024 * 1024;

function main(): void {
  const root = path.resolve(__dirname, "..", "..");
  const index = process.argv.indexOf("--dir");
  const dir = path.resolve(index >= 0 ? process.argv[index + 1] : path.join(root, "report"));
  const problems: string[] = [];
  const total = filesUnder(dir).reduce((sum, f) => sum + fs.statSync(path.join(dir, f)).size, 0);
  if (total >= LIMIT_BYTES) problems.push(`${dir} is ${(total / 1024 / 1024).toFixed(1)} MB, expected under 8 MB`);
  const pdf = path.join(dir, "rapport.pdf");
  if (!fs.existsSync(pdf)) throw new Error(`${pdf} is missing: run npm run report -- --pdf first`);
  const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? "0");
  const notebooks = listNotebooks(path.join(dir, "notebooks"));
  if (pages < notebooks.length + 1)
    problems.push(
      `rapport.pdf has ${pages} pages, expected at least ${notebooks.length + 1} (index and a page per notebook)`,
    );
  const text = execFileSync("pdftotext", ["-layout", pdf, "-"], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  }).replace(/\s+/g, " ");
  for (const file of notebooks) {
    const title = notebookTitle(readNotebook(file), "").replace(/\s+/g, " ");
    if (title && !text.includes(title))
      problems.push(`rapport.pdf lacks the title of ${path.basename(file)}: "${title}"`);
  }
  for (const word of ["Publicerede tal mod genberegningen", "Data og downloads", "virksomheder", "side 1 af"]) {
    if (!text.includes(word)) problems.push(`rapport.pdf lacks the Danish text "${word}"`);
  }
  if (/\bimport \{/.test(text)) problems.push("rapport.pdf shows code (import statements), expected code hidden");
  console.log(
    `report: ${(total / 1024 / 1024).toFixed(1)} MB; rapport.pdf: ${pages} pages for ${notebooks.length} notebooks`,
  );
  for (const problem of problems) console.error(`  ${problem}`);
  if (problems.length > 0) process.exit(1);
  console.log("check-report-pdf: ok");
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
