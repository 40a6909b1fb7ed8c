/**
 * `node lib/checks/check-report-pdf.js [--dir DIR]` (after `npm run report -- --pdf`; needs poppler-utils): report/
 * without the PDF is under 8 MB, the PDF under 1 MB; rapport.pdf has a page per notebook, every title, Danish words, no
 * code; it is tagged (charts as figures with alternative text), with an outline, a title page and true contents.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { inflateSync } from "zlib";
import { filesUnder } from "../notebook/report-folder";
import { listNotebooks } from "../notebook/report";
import { notebookTitle } from "../notebook/site";
import { readNotebook } from "../notebook/ipynb";
import { reportDir, runMain } from "./chromium";

/** The site (report/ without the PDF) stays under 8 MB (Plotly once); the tagged PDF, printed from it, under 1 MB. */
const SITE_LIMIT_BYTES = 8 * 1024 * 1024;
const PDF_LIMIT_BYTES = 1024 * 1024;

/** Text without white space: a title wrapped over lines (or joined without its space, as outlines are) still matches. */
const squeezed = (text: string): string => text.replace(/\s+/g, "");

/** A poppler tool's output (`quiet`: its warnings dropped). */
const poppler = (tool: string, args: string[], quiet = false): string =>
  execFileSync(tool, args, {
    encoding: "utf8",
    maxBuffer: 1 << 26,
    stdio: ["pipe", "pipe", quiet ? "ignore" : "inherit"],
  });

/** The text of page `page`. */
const pageText = (pdf: string, page: number): string =>
  poppler("pdftotext", ["-f", String(page), "-l", String(page), "-layout", pdf, "-"]);

/** The dictionaries of the PDF's compressed object streams (where the structure tree is), as text. */
function objectStreamsText(pdf: Buffer): string {
  const text = pdf.toString("latin1");
  const found = text.matchAll(/\/Type \/ObjStm[^>]*\/Length (\d+)>>\s*stream\r?\n/g);
  return Array.from(found, (m) => {
    const start = (m.index ?? 0) + m[0].length;
    return inflateSync(pdf.subarray(start, start + Number(m[1]))).toString("latin1");
  }).join("\n");
}

/** Problems with tagging, outline, title page and contents. */
function structureProblems(pdf: string, titles: string[], charts: number): string[] {
  const problems: string[] = [];
  const info = poppler("pdfinfo", [pdf]);
  if (!/^Tagged:\s+yes/m.test(info)) problems.push("rapport.pdf is not tagged (pdfinfo: Tagged: no)");
  const struct = poppler("pdfinfo", ["-struct", pdf], true);
  for (const tag of ["H1", "H2", "Table", "TH", "TD", "Figure"])
    if (!new RegExp(`^\\s*${tag}\\b`, "m").test(struct)) problems.push(`rapport.pdf's tags have no ${tag}`);
  const alternatives = (objectStreamsText(fs.readFileSync(pdf)).match(/\/S \/Figure\s*\/Alt\s*[<(]/g) ?? []).length;
  if (alternatives < charts)
    problems.push(`rapport.pdf has ${alternatives} figures with alternative text, expected one per chart (${charts})`);
  const xml = poppler("pdftohtml", ["-xml", "-i", "-stdout", "-q", "-f", "1", "-l", "1", pdf]);
  const outline = new Map(
    Array.from(xml.matchAll(/<item page="(\d+)">([^<]*)<\/item>/g), (m) => [
      squeezed(m[2].replace(/&#34;/g, '"').replace(/&amp;/g, "&")),
      Number(m[1]),
    ]),
  );
  const title = /^Title:\s+(.+)$/m.exec(info)?.[1] ?? "";
  if (title === "" || !squeezed(pageText(pdf, 1)).includes(squeezed(title)))
    problems.push(`rapport.pdf's first page is not a title page with its title "${title}"`);
  const contents = pageText(pdf, 2);
  if (!contents.includes("Indhold")) problems.push('rapport.pdf\'s second page is not the contents ("Indhold")');
  for (const name of titles) {
    const line = contents.split("\n").find((l) => squeezed(l).startsWith(squeezed(name)));
    const page = Number(/(\d+)\s*$/.exec(line ?? "")?.[1] ?? "0");
    if (page === 0) problems.push(`rapport.pdf's contents lack "${name}" with a page number`);
    else if (!squeezed(pageText(pdf, page)).includes(squeezed(name)))
      problems.push(`rapport.pdf's contents put "${name}" on page ${page}, which does not show that title`);
    if (outline.get(squeezed(name)) !== page) problems.push(`rapport.pdf's outline lacks "${name}" at page ${page}`);
  }
  return problems;
}

function main(): void {
  const dir = reportDir();
  const problems: string[] = [];
  const pdf = path.join(dir, "rapport.pdf");
  if (!fs.existsSync(pdf)) throw new Error(`${pdf} is missing: run npm run report -- --pdf first`);
  const total = filesUnder(dir).reduce((sum, f) => sum + fs.statSync(path.join(dir, f)).size, 0);
  const [site, pdfBytes] = [total - fs.statSync(pdf).size, fs.statSync(pdf).size];
  const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
  if (site >= SITE_LIMIT_BYTES) problems.push(`${dir} without rapport.pdf is ${mb(site)}, expected under 8 MB`);
  if (pdfBytes >= PDF_LIMIT_BYTES) problems.push(`${pdf} is ${mb(pdfBytes)}, expected under 1 MB`);
  const pages = Number(/^Pages:\s+(\d+)/m.exec(poppler("pdfinfo", [pdf]))?.[1] ?? "0");
  const notebooks = listNotebooks(path.join(dir, "notebooks"));
  if (pages < notebooks.length + 1)
    problems.push(
      `rapport.pdf has ${pages} pages, expected at least ${notebooks.length + 1} (index and a page per notebook)`,
    );
  const text = poppler("pdftotext", ["-layout", pdf, "-"]).replace(/\s+/g, " ");
  const titles = notebooks.map((file) => notebookTitle(readNotebook(file), "").replace(/\s+/g, " "));
  titles.forEach((title, k) => {
    if (title && !text.includes(title))
      problems.push(`rapport.pdf lacks the title of ${path.basename(notebooks[k])}: "${title}"`);
  });
  const charts = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".html") && f !== "spoerg.html")
    .reduce(
      (sum, f) => sum + (fs.readFileSync(path.join(dir, f), "utf8").match(/class="plotly-figure"/g) ?? []).length,
      0,
    );
  problems.push(...structureProblems(pdf, titles, charts));
  for (const word of ["Indhold", "Alle publicerede tal ved siden af genberegningen", "virksomheder", "side 1 af"])
    if (!text.includes(word)) problems.push(`rapport.pdf lacks the Danish text "${word}"`);
  if (/\bimport \{/.test(text)) problems.push("rapport.pdf shows code (import statements), expected code hidden");
  console.log(
    `report: site ${mb(site)}, rapport.pdf ${mb(pdfBytes)}: ${pages} pages for ${notebooks.length} notebooks`,
  );
  for (const problem of problems) console.error(`  ${problem}`);
  if (problems.length > 0) process.exit(1);
  console.log("check-report-pdf: ok");
}

runMain(main);
