/**
 * Synthetic or real, by content: the shipped synthetic panel (any format or name), a modified one
 * (mostly its respondents), or real.
 */

import { existsSync, readFileSync, statSync } from "fs";
import { COLUMNS } from "../codebook";
import { readText } from "./csv";
import { NO_MAPPING } from "./mapping";
import { readDelimitedPanel } from "./load";
import type { LoadedPanel } from "./panel";

/** Where a panel came from: the shipped synthetic file (possibly renamed or re-saved), a modified copy of it, or other respondents. */
export type Provenance = "synthetic" | "modified-synthetic" | "real";

/** A panel's provenance with the counts it was decided on. */
export interface ProvenanceResult {
  provenance: Provenance;
  /** Rows of the panel identical (id and every contract answer) to a row of the shipped synthetic panel. */
  matchingRows: number;
  rowCount: number;
  syntheticRows: number; // Rows of the shipped synthetic panel.
}

/**
 * "synthetic" when the panel's rows are exactly the shipped panel's (or, given `panelPath`, its bytes are);
 * "modified-synthetic" when at least half its rows are shipped rows; else (or with no shipped file) "real".
 * @example panelProvenance(readPanel("kopi.csv"), shippedPath).provenance // "synthetic"
 */
export function panelProvenance(panel: LoadedPanel, shippedPath: string, panelPath?: string): ProvenanceResult {
  const rowCount = panel.rowCount;
  if (!existsSync(shippedPath)) return { provenance: "real", matchingRows: 0, rowCount, syntheticRows: 0 };
  if (panelPath !== undefined && sameBytes(panelPath, shippedPath))
    return { provenance: "synthetic", matchingRows: rowCount, rowCount, syntheticRows: rowCount };
  const reference = readDelimitedPanel(readText(shippedPath), "shipped panel", NO_MAPPING).panel;
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
  const provenance: Provenance = all
    ? "synthetic"
    : matching * 2 >= panel.rowCount && matching > 0
      ? "modified-synthetic"
      : "real";
  return { provenance, matchingRows: matching, rowCount: panel.rowCount, syntheticRows: reference.rowCount };
}

function sameBytes(a: string, b: string): boolean {
  return statSync(a).size === statSync(b).size && readFileSync(a).equals(readFileSync(b));
}
