/**
 * A panel that counts as real (see src/data/provenance.ts): the shipped synthetic panel with every respondent's
 * economy answer shifted, so that no row is a shipped row, and its ids renumbered from `firstId`.
 * @example const file = realLookingPanel(tempDir("real-"), 931_000_001);
 */
import * as fs from "fs";
import * as path from "path";
import { SYNTHETIC_PANEL_FILE } from "../../src/codebook";
import { projectRoot } from "../../src/codebook/project-root";

/** Writes the panel as `panel.csv` in `dir` and returns its path; ids are `firstId`, `firstId + 1`, …. */
export function realLookingPanel(dir: string, firstId = 1, name = "panel.csv"): string {
  const [head, ...rows] = fs.readFileSync(path.join(projectRoot(), SYNTHETIC_PANEL_FILE), "utf8").trimEnd().split("\n");
  const header = head.split(",");
  const id = header.indexOf("id");
  const economy = header.indexOf("oekonomi");
  const changed = rows.map((line, i) => {
    const cells = line.split(",");
    cells[id] = String(firstId + i);
    cells[economy] = String((Number(cells[economy]) % 5) + 1);
    return cells.join(",");
  });
  const file = path.join(dir, name);
  fs.writeFileSync(file, [head, ...changed].join("\n") + "\n");
  return file;
}
