/**
 * Synthetic or real, decided by content, not by file name: a panel is compared, respondent by
 * respondent, with the project's shipped synthetic panel. Same respondents with the same answers
 * (in any format, under any name) is the synthetic panel; mostly the shipped respondents with
 * some rows dropped, added or changed is a modified synthetic panel; anything else is real.
 */

import { statSync } from "fs";
import { COLUMNS } from "../codebook";
import { idTextOf, type CompactPanel, type Provenance } from "./compact";
import { readCompactPanel } from "./load";

/** A panel's provenance with the counts it was decided on. */
export interface ProvenanceResult {
  provenance: Provenance;
  /** Rows of the panel identical (id and every contract answer) to a row of the shipped synthetic panel. */
  matchingRows: number;
  rowCount: number;
  /** Rows of the shipped synthetic panel. */
  syntheticRows: number;
}

let shipped: { key: string; compact: CompactPanel } | null = null;

/**
 * Compares a panel with the shipped synthetic panel (`shippedPath`, the project's
 * data/survey/panel-2025-synthetic.csv). "synthetic" when every row is a shipped row and no
 * shipped row is missing; "modified-synthetic" when at least half of the panel's rows are shipped
 * rows; else "real". When the shipped file cannot be read, every panel is "real".
 *
 * @example
 * panelProvenance(readCompactPanel("kopi.csv"), "/repo/data/survey/panel-2025-synthetic.csv").provenance; // "synthetic"
 */
export function panelProvenance(compact: CompactPanel, shippedPath: string): ProvenanceResult {
  const reference = shippedPanel(shippedPath);
  if (reference === null) return { provenance: "real", matchingRows: 0, rowCount: compact.rowCount, syntheticRows: 0 };
  const rowOf = new Map<string, number>();
  let longest = 0;
  reference.ids.forEach((id, r) => {
    rowOf.set(id, r);
    longest = Math.max(longest, id.length);
  });
  const names = COLUMNS.filter((c) => c.kind !== "id").map((c) => c.name);
  const mine = names.map((n) => compact.codes[n]);
  const theirs = names.map((n) => reference.codes[n]);
  let matching = 0;
  const matchedShipped = new Uint8Array(reference.rowCount);
  // The ids read from their joined text: an id longer than every shipped one is none of them (and
  // is never made into a string of its own).
  const text = idTextOf(compact);
  for (let r = 0, start = 0; r < compact.rowCount; r++) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const s = end - start > longest ? undefined : rowOf.get(text.slice(start, end));
    start = end + 1;
    if (s === undefined) continue;
    let same = true;
    for (let k = 0; k < names.length && same; k++) same = mine[k][r] === theirs[k][s];
    if (same && matchedShipped[s] === 0) {
      matchedShipped[s] = 1;
      matching++;
    }
  }
  const provenance: Provenance =
    matching === compact.rowCount && matching === reference.rowCount ? "synthetic" : matching * 2 >= compact.rowCount && matching > 0 ? "modified-synthetic" : "real";
  return { provenance, matchingRows: matching, rowCount: compact.rowCount, syntheticRows: reference.rowCount };
}

function shippedPanel(path: string): CompactPanel | null {
  let key: string;
  try {
    const st = statSync(path);
    key = `${path}:${st.size}:${st.mtimeMs}`;
  } catch {
    return null;
  }
  if (shipped?.key !== key) shipped = { key, compact: readCompactPanel(path) };
  return shipped.compact;
}
