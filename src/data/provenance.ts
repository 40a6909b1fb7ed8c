/** Synthetic or real, by content: the shipped synthetic panel (any format or name), a modified one, or real. */

import { existsSync, readFileSync, statSync } from "fs";
import { COLUMNS } from "../codebook";
import { readText } from "./csv";
import { NO_MAPPING } from "./mapping";
import { readDelimitedPanel } from "./load";
import type { LoadedPanel } from "./panel";

/** Where a panel came from: the shipped synthetic file (maybe renamed or re-saved), a modified copy, or elsewhere. */
export type Provenance = "synthetic" | "modified-synthetic" | "real";

/** A panel's provenance with the counts it was decided on. */
export interface ProvenanceResult {
  provenance: Provenance;
  /** Rows of the panel identical in every contract answer (ids aside) to a row of the shipped synthetic panel, one to one. */
  matchingRows: number;
  rowCount: number;
  syntheticRows: number; // Rows of the shipped synthetic panel.
}

/**
 * "synthetic": the shipped panel's rows exactly (or, given `panelPath`, its bytes); "modified-synthetic": at least half
 * its rows shipped ones; else "real". @example panelProvenance(readPanel("kopi.csv"), shipped).provenance
 */
export function panelProvenance(panel: LoadedPanel, shippedPath: string, panelPath?: string): ProvenanceResult {
  const rowCount = panel.rowCount;
  if (!existsSync(shippedPath)) return { provenance: "real", matchingRows: 0, rowCount, syntheticRows: 0 };
  if (panelPath !== undefined && sameBytes(panelPath, shippedPath))
    return { provenance: "synthetic", matchingRows: rowCount, rowCount, syntheticRows: rowCount };
  const reference = readDelimitedPanel(readText(shippedPath), "shipped panel", NO_MAPPING).panel;
  // Rows are matched by their answers, not their ids: a panel with renumbered ids is still the shipped one.
  const names = COLUMNS.filter((c) => c.kind !== "id").map((c) => c.name);
  const mine = names.map((n) => panel.columns[n]);
  const theirs = names.map((n) => reference.columns[n]);
  const hashOf = (columns: readonly (readonly (number | null)[])[], r: number): number => {
    let h = 2166136261;
    for (const c of columns) h = Math.imul(h ^ (c[r] === null ? -1 : (c[r] as number)), 16777619);
    return h;
  };
  const shippedByHash = new Map<number, number[]>();
  for (let s = 0; s < reference.rowCount; s++) {
    const h = hashOf(theirs, s);
    shippedByHash.set(h, [...(shippedByHash.get(h) ?? []), s]);
  }
  let matching = 0;
  const matchedShipped = new Uint8Array(reference.rowCount);
  for (let r = 0; r < panel.rowCount && panel.rowCount <= 2 * reference.rowCount; r++) {
    const s = shippedByHash
      .get(hashOf(mine, r))
      ?.find((s) => matchedShipped[s] === 0 && mine.every((c, k) => c[r] === theirs[k][s]));
    if (s === undefined) continue;
    matchedShipped[s] = 1;
    matching++;
  }
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
