/**
 * Issue 24 item 1: a site built from a real panel holds no respondent-level data (no ids, no column of
 * weights, no answers), only aggregates; `--with-microdata` adds them in files marked INTERN and a banner
 * on every page. Built by the CLI from a notebook drawing the weight charts notebooks 05 and 07 draw.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadDataset } from "../src/report/dataset";
import { INTERNAL_MARK } from "../src/notebook/privacy";
import { filesUnder } from "../src/notebook/report-folder";
import { notebookFolder } from "./helpers/notebook-folders";
import { realLookingPanel } from "./helpers/real-panel";
import { tempDir } from "./helpers/temp-dirs";

const root = path.resolve(__dirname, "..");
const cli = path.join(root, "lib", "cli", "report.js");
const FIRST_ID = 931_000_001; // ids no other file holds by chance

const lib = (module: string): string => JSON.stringify(path.join(root, "lib", module));
/** The weight charts of notebooks 05 (histogram by size) and 07 (box plots by size), on the panel read. */
const WEIGHT_CHARTS = notebookFolder([
  `import { openDataset, weightGroups } from ${lib("present/kit")};\n` +
    `import { boxPlot, histogram, showPlot } from ${lib("present/plot")};\n` +
    `const des = openDataset().design;\n` +
    `showPlot(histogram(weightGroups(des, "stoerrelse"), { binSize: 5 }));\n` +
    `showPlot(boxPlot(weightGroups(des, "stoerrelse"), { log: true }));`,
]);

let panel: string;
let weights: number[];
let answers: string; // the first 64 answers of ai_brug, as the Spørg data page packs them

function build(extra: string[]): { out: string; files: string[] } {
  const out = path.join(tempDir("report-privacy-"), "report");
  const result = spawnSync(process.execPath, [cli, "--notebooks", WEIGHT_CHARTS, "--out", out, ...extra], {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", PANEL_FILE: panel },
  });
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  return { out, files: filesUnder(out) };
}

/** How many numbers in `text` are a respondent's weight (to 6 significant digits). */
function weightsIn(text: string): number {
  const known = new Set(weights.map((w) => w.toPrecision(6)));
  return (text.match(/\d+\.\d+/g) ?? []).filter((t) => known.has(Number(t).toPrecision(6))).length;
}

/** Every file of the site whose text holds an id, an answer column or more than 20 respondents' weights. */
function respondentLevelFiles(out: string, files: string[]): string[] {
  return files.filter((file) => {
    const text = fs.readFileSync(path.join(out, file), "utf8");
    return /\b931\d{6}\b/.test(text) || text.includes(answers) || weightsIn(text) > 20;
  });
}

beforeAll(() => {
  panel = realLookingPanel(tempDir("report-privacy-panel-"), FIRST_ID);
  const dataset = loadDataset({ panelFile: panel });
  expect(dataset.provenance).toBe("real");
  weights = Array.from(dataset.design.weights);
  answers = dataset.panel.columns.ai_brug.slice(0, 64).join("");
});

describe("a site from a real panel (issue 24 item 1)", () => {
  it("without --with-microdata holds no respondent-level data, and the index says so", () => {
    const { out, files } = build([]);
    expect(respondentLevelFiles(out, files)).toEqual([]);
    expect(files.filter((f) => /weights|spoerg-data|panel/.test(f))).toEqual([]);
    // Spørg data is there, asking the local server (npm run serve) instead of carrying the answers
    expect(fs.readFileSync(path.join(out, "spoerg.html"), "utf8")).toContain("data-answers=");
    const index = fs.readFileSync(path.join(out, "index.html"), "utf8");
    expect(index).toContain(
      "<strong>Rigtige besvarelser – ingen data på respondentniveau.</strong> Panelfil: <code>panel.csv</code>",
    );
    expect(index).not.toContain(INTERNAL_MARK);
    // the charts are still drawn, from counts and quartiles
    const page = fs.readFileSync(path.join(out, "01-test.html"), "utf8");
    expect(page.match(/Plotly\.newPlot/g)).toHaveLength(2);
  });

  it("with --with-microdata writes them into files marked INTERN, and every page carries the banner", () => {
    const { out, files } = build(["--with-microdata"]);
    expect(respondentLevelFiles(out, files)).toEqual(["INTERN-weights.csv", "spoerg-data.js"]);
    const weightLines = fs.readFileSync(path.join(out, "INTERN-weights.csv"), "utf8").trimEnd().split("\n");
    expect(weightLines[0]).toBe("id,weight");
    expect(weightLines).toHaveLength(weights.length + 1);
    expect(fs.readFileSync(path.join(out, "spoerg-data.js"), "utf8").split("\n")[0]).toBe(`/* ${INTERNAL_MARK} */`);
    const pages = files.filter((f) => f.endsWith(".html"));
    expect(pages).toEqual(["01-test.html", "index.html", "spoerg.html", "udsagn.html"]);
    for (const page of pages)
      expect(fs.readFileSync(path.join(out, page), "utf8")).toMatch(
        new RegExp(`<p class="internal-banner" role="note"[^>]*><strong>${INTERNAL_MARK}\\.</strong>`),
      );
  });
});
