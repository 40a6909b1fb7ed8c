/**
 * `node lib/checks/check-site-safety.js [--chromium PATH] [--keep]`: a report built from hostile text (file name,
 * notebook, figure rows, downloads) opened in headless Chromium; fails if a script runs or text shows as HTML.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pathToFileURL } from "url";
import { Notebook } from "../notebook/ipynb";
import { buildSite } from "../notebook/site-index";
import { chromiumPath, launch, offline, runMain } from "./chromium";

const HOSTILE = "pa`nel<img src=x onerror=alert(1)>\"'<script>alert(2)</script>";

const HOSTILE_NOTEBOOK: Notebook = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {},
  cells: [
    {
      cell_type: "markdown",
      metadata: {},
      source: `# Fjendtlig ${HOSTILE}\n\nTekst <img src=x onerror=alert(3)> [klik](javascript:alert(4))`,
    },
    {
      cell_type: "code",
      metadata: {},
      execution_count: 1,
      source: `console.log(${JSON.stringify(HOSTILE)})`,
      outputs: [
        { output_type: "stream", name: "stdout", text: [`${HOSTILE}\n`] },
        {
          output_type: "display_data",
          metadata: {},
          data: { "text/markdown": `> Panelfil: \`${HOSTILE}.csv\``, "text/plain": HOSTILE },
        },
        { output_type: "error", ename: HOSTILE, evalue: HOSTILE, traceback: [] },
      ],
    },
  ],
};

async function main(): Promise<void> {
  const root = path.resolve(__dirname, "..", "..");
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "site-safety-"));
  const panel = path.join(work, `${HOSTILE.replace(/\//g, "_")}.csv`);
  fs.copyFileSync(path.join(root, "data", "survey", "panel-2025-synthetic.csv"), panel);
  const out = path.join(work, "report");
  const build = spawnSync(process.execPath, [path.join(root, "lib", "cli", "report.js"), "--out", out], {
    encoding: "utf8",
    env: { ...process.env, PANEL_FILE: panel },
  });
  if (build.status !== 0)
    throw new Error(`the report build with the hostile panel name failed (exit ${build.status}):\n${build.stderr}`);
  const [hostileIndex, hostilePage] = buildSite(
    [["99-fjendtlig", HOSTILE_NOTEBOOK]],
    [
      {
        ...{ id: HOSTILE, section: HOSTILE, name: HOSTILE, quote: HOSTILE, base: HOSTILE, rule: HOSTILE },
        ...{ isCount: false, published: 44, estimate: 44, ciLow: 43, ciHigh: 45, n: 10, holds: false, status: HOSTILE },
      },
    ],
    {
      title: HOSTILE,
      intro: `Panelfil: \`${HOSTILE}\``,
      downloads: [{ file: HOSTILE, label: HOSTILE, note: HOSTILE }],
    },
  );
  fs.writeFileSync(path.join(out, "fjendtlig-index.html"), hostileIndex.html);
  fs.writeFileSync(path.join(out, hostilePage.file), hostilePage.html);
  const pages = fs.readdirSync(out).filter((f) => f.endsWith(".html"));
  pages.sort();
  const browser = await launch(chromiumPath());
  let failed = 0;
  try {
    for (const file of pages) {
      const problems: string[] = [];
      const page = await browser.newPage();
      await page.addInitScript(
        `for (const name of ["alert", "confirm", "prompt"]) window[name] = (...args) => { (window.__ran = window.__ran || []).push(name + "(" + args.join(",") + ")"); };`,
      );
      page.on("dialog", (dialog) => {
        problems.push(`a dialog opened: ${dialog.message()}`);
        void dialog.dismiss();
      });
      await offline(page, problems);
      await page.goto(pathToFileURL(path.join(out, file)).href, { waitUntil: "load" });
      await page.waitForTimeout(200);
      const found = (await page.evaluate(
        `({ ran: window.__ran || [], handlers: Array.from(document.querySelectorAll("*")).filter((el) => Array.from(el.attributes).some((a) => /^on/i.test(a.name))).map((el) => el.outerHTML.slice(0, 80)), ` +
          `images: Array.from(document.querySelectorAll("img")).filter((img) => !img.src.startsWith("data:")).map((img) => img.src), ` +
          `jsLinks: Array.from(document.querySelectorAll("a[href]")).filter((a) => /^javascript:/i.test(a.getAttribute("href").trim())).length, ` +
          `text: document.body.innerText })`,
      )) as { ran: string[]; handlers: string[]; images: string[]; jsLinks: number; text: string };
      for (const call of found.ran) problems.push(`script ran: ${call}`);
      for (const element of found.handlers) problems.push(`element with an inline event handler: ${element}`);
      for (const image of found.images) problems.push(`image element from text: ${image}`);
      if (found.jsLinks > 0) problems.push(`${found.jsLinks} javascript: link(s)`);
      const expectsText = file === "index.html" || file === "00-overblik.html" || file.includes("fjendtlig");
      if (expectsText && !found.text.includes("<img src=x onerror=alert(1)>"))
        problems.push("the hostile file name is not shown as text");
      await page.close();
      console.log(`${file}: ${problems.length === 0 ? "ok" : "FAILED"}`);
      for (const problem of problems) console.log(`  ${problem}`);
      if (problems.length > 0) failed += 1;
    }
  } finally {
    await browser.close();
    if (!process.argv.includes("--keep")) fs.rmSync(work, { recursive: true, force: true });
    else console.log(`kept ${work}`);
  }
  if (failed > 0) {
    console.error(`check-site-safety: ${failed} of ${pages.length} page(s) ran or showed hostile text as HTML`);
    process.exit(1);
  }
  console.log(`check-site-safety: ${pages.length} page(s) ok; nothing from the hostile names ran`);
}

runMain(main);
