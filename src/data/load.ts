/**
 * Reading and validating the panel file against the codebook, from any delivered format, and the
 * population margins. Every problem is a `DataError` naming the file, row, column, value and what
 * was expected.
 */

import { basename } from "path";
import { toLoadedPanel, type CompactPanel, type LoadedPanel } from "./compact";
import { NO_MAPPING, readMapping, type PanelMapping } from "./mapping";
import { checkPanel } from "./panel-checks";
import { scanDelimitedPanel } from "./readers/delimited";
import { scanDelimitedFile } from "./readers/delimited-parallel";
import { panelFormat, readTypedPanel } from "./readers/typed";

export type { LoadedPanel } from "./compact";
export { parseMargins, readMargins, checkMarginsCoverPanel } from "./margins";
export { describeCondition } from "./panel-checks";

/** Options of `readPanel` / `parsePanel`. */
export interface ReadPanelOptions {
  /** A mapping from the delivered names and codes to the contract (a parsed mapping or a path to its JSON). */
  mapping?: PanelMapping | string;
}

/**
 * Reads, maps and validates a panel file — `.csv`/`.txt`/`.tsv` (`,` `;` or tab), `.sav` (SPSS) or
 * `.xlsx` (first sheet), chosen by extension — into a validated panel. Error messages name the
 * file by its base name.
 *
 * @example
 * readPanel("data/survey/panel-2025-synthetic.csv").rowCount;            // 4128
 * readPanel("levering.sav", { mapping: "mapping.json" }).columns.ai_brug; // contract codes
 */
export function readPanel(path: string, options: ReadPanelOptions = {}): LoadedPanel {
  return toLoadedPanel(readCompactPanel(path, options));
}

/**
 * As `readPanel`, but the compact panel (one byte per answer) without the engine's view.
 * @example readCompactPanel("panel.csv").codes.ai_brug[0]; // 3
 */
export function readCompactPanel(path: string, options: ReadPanelOptions = {}): CompactPanel {
  const mapping = resolveMapping(options.mapping);
  const source = basename(path);
  const format = panelFormat(path);
  let compact: CompactPanel;
  if (format === "delimited") compact = scanDelimitedFile(path, source, mapping).compact;
  else compact = readTypedPanel(path, format, mapping).compact;
  checkPanel(compact);
  return compact;
}

/**
 * Parses and validates delimited panel text: every contract column present (extra columns are
 * kept); `id` unique integers (kept as text); every code an integer literal among the column's
 * codes; skip logic — a cell is filled exactly when the column's `askedOf` condition holds, empty
 * meaning not asked (null); multi-response groups within their number of choices, with the
 * exclusive item chosen alone.
 *
 * @example
 * const panel = parsePanel(fs.readFileSync("data/survey/panel-2025-synthetic.csv", "utf8"), "panel-2025-synthetic.csv");
 * panel.columns.ai_brug[0]; // 3
 */
export function parsePanel(text: string, source: string, options: ReadPanelOptions = {}): LoadedPanel {
  const compact = scanDelimitedPanel(Buffer.from(text, "utf8"), source, resolveMapping(options.mapping)).compact;
  checkPanel(compact);
  return toLoadedPanel(compact);
}

function resolveMapping(mapping: PanelMapping | string | undefined): PanelMapping {
  if (mapping === undefined) return NO_MAPPING;
  return typeof mapping === "string" ? readMapping(mapping) : mapping;
}
