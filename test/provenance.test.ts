import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../src/codebook/project-root";
import { loadDataset, SYNTHETIC_NOTICE } from "../src/report/dataset";
import { SYNTHETIC_PANEL_FILE } from "../src/codebook";
import { realLookingPanel } from "./helpers/real-panel";

const shipped = join(projectRoot(), SYNTHETIC_PANEL_FILE);
const dir = mkdtempSync(join(tmpdir(), "provenance-"));
const shippedText = readFileSync(shipped, "utf8");
const lines = shippedText.trimEnd().split("\n");

describe("synthetic or real, decided by content (issue 10 item 5)", () => {
  it("the shipped file is synthetic, and only its name is exposed for display", () => {
    const ds = loadDataset({ panelFile: shipped });
    expect(ds.provenance).toBe("synthetic");
    expect(ds.isSynthetic).toBe(true);
    expect(ds.panelName).toBe("panel-2025-synthetic.csv");
    expect(ds.notice("da")).toBe(SYNTHETIC_NOTICE.da);
  });

  it("a renamed copy, re-saved the Danish Excel way (';', CRLF, BOM), is still synthetic", () => {
    const copy = join(dir, "panel-2025.csv");
    writeFileSync(copy, "\uFEFF" + shippedText.replace(/,/g, ";").replace(/\n/g, "\r\n"));
    const ds = loadDataset({ panelFile: copy });
    expect(ds.provenance).toBe("synthetic");
    expect(ds.panelName).toBe("panel-2025.csv");
    expect(ds.notice("en")).toBe(SYNTHETIC_NOTICE.en);
  });

  it("renumbered ids (every id plus 1,000,000, nothing else changed) stay synthetic: decided by the answers", () => {
    const copy = join(dir, "omnummereret.csv");
    const header = lines[0].split(",");
    const idColumn = header.indexOf("id");
    expect(idColumn).toBeGreaterThanOrEqual(0);
    const renumbered = lines.slice(1).map((line) => {
      const cells = line.split(",");
      cells[idColumn] = String(Number(cells[idColumn]) + 1_000_000);
      return cells.join(",");
    });
    writeFileSync(copy, [lines[0], ...renumbered].join("\n") + "\n");
    const ds = loadDataset({ panelFile: copy });
    expect(ds.provenance).toBe("synthetic");
    expect(ds.isSynthetic).toBe(true);
    expect(ds.notice("da")).toBe(SYNTHETIC_NOTICE.da);
  });

  it("a copy minus 500 rows is a modified synthetic panel, and the notice says so with the counts", () => {
    const copy = join(dir, "rigtige-svar.csv");
    writeFileSync(copy, lines.slice(0, lines.length - 500).join("\n") + "\n");
    const ds = loadDataset({ panelFile: copy });
    const kept = lines.length - 1 - 500;
    expect(ds.provenance).toBe("modified-synthetic");
    expect(ds.isSynthetic).toBe(true);
    expect(ds.provenanceDetail).toEqual({
      provenance: "modified-synthetic",
      matchingRows: kept,
      rowCount: kept,
      syntheticRows: lines.length - 1,
    });
    expect(ds.notice("da")).toMatch(/^Bemærk: Panelfilen er en ændret kopi af projektets syntetiske panel/);
    expect(ds.notice("da")).toContain(kept.toLocaleString("da-DK"));
  });

  it("a file named 'synthetic' with other respondents is real", () => {
    // every respondent's economy answer shifted: no row is a shipped row
    const ds = loadDataset({ panelFile: realLookingPanel(dir, 1, "panel-synthetic-looking.csv") });
    expect(ds.provenance).toBe("real");
    expect(ds.isSynthetic).toBe(false);
    expect(ds.notice("da")).toBe("");
  });

  it("loadDataset reads PANEL_MAPPING: the shipped panel delivered with other names and codes is still synthetic", () => {
    const header = lines[0].split(",");
    const k = header.indexOf("alder");
    const delivered = lines.map((line, i) => {
      const cells = line.split(",");
      if (i === 0) return cells.map((c) => (c === "ai_brug" ? "Q7" : c)).join(",");
      cells[k] = String(Number(cells[k]) + 10);
      return cells.join(";");
    });
    delivered[0] = delivered[0].replace(/,/g, ";");
    const file = join(dir, "levering.csv");
    writeFileSync(file, delivered.join("\n") + "\n");
    const mapping = join(dir, "mapping.json");
    writeFileSync(
      mapping,
      JSON.stringify({ columns: { ai_brug: "Q7" }, codes: { alder: { "11": 1, "12": 2, "13": 3 } } }),
    );
    expect(() => loadDataset({ env: { PANEL_FILE: file } })).toThrowError(/contract column missing: "ai_brug"/);
    const ds = loadDataset({ env: { PANEL_FILE: file, PANEL_MAPPING: mapping } });
    expect(ds.panel.rowCount).toBe(lines.length - 1);
    expect(ds.mappingName).toBe("mapping.json");
    expect(ds.provenance).toBe("synthetic");
  });
});
