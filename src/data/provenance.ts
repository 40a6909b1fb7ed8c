/**
 * Synthetic or real, decided by content, not by file name: a panel is compared, respondent by
 * respondent, with the project's shipped synthetic panel. Same respondents with the same answers
 * (in any format, under any name) is the synthetic panel; mostly the shipped respondents with
 * some rows dropped, added or changed is a modified synthetic panel; anything else is real.
 */

import { existsSync } from "fs";
import { COLUMNS } from "../codebook";
import { readPanel } from "./load";
import type { LoadedPanel } from "./panel";

/** Where a panel came from: the shipped synthetic file (possibly renamed or re-saved), a modified copy of it, or other respondents. */
export type Provenance = "synthetic" | "modified-synthetic" | "real";

/** A panel's provenance with the counts it was decided on. */
export interface ProvenanceResult {
  provenance: Provenance;
  /** Rows of the panel identical (id and every contract answer) to a row of the shipped synthetic panel. */
  matchingRows: number;
  rowCount: number;
  /** Rows of the shipped synthetic panel. */
  syntheticRows: number;
}

/**
 * Compares a panel with the shipped synthetic panel (`shippedPath`, the project's
 * data/survey/panel-2025-synthetic.csv). "synthetic" when every row is a shipped row and no
 * shipped row is missing; "modified-synthetic" when at least half of the panel's rows are shipped
 * rows; else "real". When the shipped file is missing, every panel is "real".
 *
 * @example
 * panelProvenance(readPanel("kopi.csv"), "/repo/data/survey/panel-2025-synthetic.csv").provenance; // "synthetic"
 */
export function panelProvenance(panel: LoadedPanel, shippedPath: string): ProvenanceResult {
  if (!existsSync(shippedPath)) return { provenance: "real", matchingRows: 0, rowCount: panel.rowCount, syntheticRows: 0 };
  const reference = readPanel(shippedPath);
  const rowOf = new Map<string, number>();
  reference.ids.forEach((id, r) => rowOf.set(id, r));
  const names = COLUMNS.filter((c) => c.kind !== "id").map((c) => c.name);
  const mine = names.map((n) => panel.columns[n]);
  const theirs = names.map((n) => reference.columns[n]);
  let matching = 0;
  const matchedShipped = new Uint8Array(reference.rowCount);
  panel.ids.forEach((id, r) => {
    const s = rowOf.get(id);
    if (s === undefined || matchedShipped[s] === 1) return;
    for (let k = 0; k < names.length; k++) if (mine[k][r] !== theirs[k][s]) return;
    matchedShipped[s] = 1;
    matching++;
  });
  const all = matching === panel.rowCount && matching === reference.rowCount;
  const provenance: Provenance = all ? "synthetic" : matching * 2 >= panel.rowCount && matching > 0 ? "modified-synthetic" : "real";
  return { provenance, matchingRows: matching, rowCount: panel.rowCount, syntheticRows: reference.rowCount };
}
