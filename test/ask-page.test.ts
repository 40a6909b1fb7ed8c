/**
 * The "Spørg data" page without a browser: the packed panel rebuilds exactly the design the command
 * line uses (same weights, same answers), the bundle builds for the browser with no Node module, and
 * the page file links its scripts locally. (The page itself in Chromium: `npm run check:ask-page`.)
 */
import { describe, expect, it } from "vitest";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadDataset } from "../src/report/dataset";
import { askResult } from "../src/ask/compute";
import { pageData, pageDataScript, sourceFromPageData } from "../src/ask/page-data";
import { writeAskPage } from "../src/ask/page";
import { browserBundle } from "../src/present/browser-bundle";
import { specFromQuery } from "../src/ask/parse";

describe("page data", () => {
  it("packed and read back, it gives the command line's weights and results exactly", () => {
    const ds = loadDataset();
    const script = pageDataScript(pageData(ds));
    const data = JSON.parse(script.slice("window.ASK_DATA = ".length, -2));
    const page = sourceFromPageData(data);
    expect(Array.from(page.design.weights)).toEqual(Array.from(ds.design.weights));
    for (const q of [
      "question=tilbud&by=stoerrelse",
      "question=digi_produktivitet&stat=mean&filter=alder%3D1",
      "question=ai_brug&stat=total&by=branche",
    ]) {
      expect(JSON.stringify(askResult(page, specFromQuery(q)))).toBe(JSON.stringify(askResult(ds, specFromQuery(q))));
    }
  });

  it("a code that does not fit one character is refused, naming the row and column", () => {
    const ds = loadDataset();
    const bad = {
      ...ds,
      design: {
        ...ds.design,
        data: { ...ds.design.data, alder: Array.from(ds.design.data.alder, (v, i) => (i === 6 ? 99 : v)) },
      },
    };
    expect(() => pageData(bad)).toThrow(/row 7.*alder|alder.*row 7/s);
  });
});

describe("page files", () => {
  it("the bundle is browser code (no require of Node modules) and the page loads only local files", () => {
    const bundle = browserBundle("ask/browser");
    expect(bundle).not.toMatch(/require\(["'](fs|path|os|child_process)["']\)/);
    expect(bundle).toContain("askRecompute");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "spoerg-"));
    const files = writeAskPage(dir, loadDataset(), { nav: '<a href="index.html">Oversigt</a>' });
    for (const f of files) expect(fs.existsSync(path.join(dir, f))).toBe(true);
    const html = fs.readFileSync(path.join(dir, "spoerg.html"), "utf8");
    const sources = [...html.matchAll(/src="([^"]+)"/g)].map((m) => m[1]);
    expect(html).toContain('<script id="plotly-script" src="plotly.min.js" async>');
    expect(sources).toEqual(["plotly.min.js", "spoerg-data.js", "spoerg.js"]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
