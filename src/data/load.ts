/** Reading and validating a panel file (any format) and the margins; every problem a `DataError`. */

import { statSync } from "fs";
import { basename } from "path";
import { DataError } from "../survey";
import { label } from "../codebook";
import { readText, scanDelimited, type Delimiter } from "./csv";
import { NO_MAPPING, readMapping, type PanelMapping } from "./mapping";
import { NO_ROWS, PanelBuilder, type LoadedPanel, type PanelBuilderOptions } from "./panel";
import { checkPanel } from "./panel-checks";
import { panelFormat, readTypedPanel } from "./readers/typed";

export type { LoadedPanel } from "./panel";
export { parseMargins, readMargins, checkMarginsCoverPanel } from "./margins";

/** Options of `readPanel` / `parsePanel`: the mapping (parsed, or its JSON's path) and the Excel sheet. */
interface ReadPanelOptions {
  mapping?: PanelMapping | string;
  sheet?: string; // The Excel sheet to read (else the mapping's `sheet`, else the first visible one).
}

/** Reads, maps and validates a panel file (by extension). @example readPanel("levering.sav", { mapping: "m.json" }) */
export function readPanel(path: string, options: ReadPanelOptions = {}): LoadedPanel {
  const mapping = resolveMapping(options.mapping);
  const format = panelFormat(path);
  const panel =
    format === "delimited"
      ? readDelimitedPanel(readText(path), basename(path), mapping).panel
      : readTypedPanel(path, format, mapping, { sheet: options.sheet }).panel;
  checkPanel(panel);
  return panel;
}

/** Parses and validates delimited panel text, as `readPanel`. @example parsePanel(text, "panel.csv").columns */
export function parsePanel(text: string, source: string, options: ReadPanelOptions = {}): LoadedPanel {
  const { panel } = readDelimitedPanel(text, source, resolveMapping(options.mapping));
  checkPanel(panel);
  return panel;
}

/** Delimited panel text through a mapping, every cell checked (not `checkPanel`): `readDelimitedPanel(t, f, m)`. */
export function readDelimitedPanel(
  text: string,
  source: string,
  mapping: PanelMapping,
  options: Pick<PanelBuilderOptions, "onError"> = {},
): { panel: LoadedPanel; delimiter: Delimiter; header: string[] } {
  let builder = null as PanelBuilder | null;
  let capacity = 1; // the lines: at least the rows
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) capacity++;
  if (capacity === 1) capacity = text.split("\r").length;
  const { delimiter, header } = scanDelimited(text, source, (header, delimiter) => {
    const b = new PanelBuilder(source, header, mapping, { ...options, capacity, decimalComma: delimiter === ";" });
    builder = b;
    return (fields, row) => b.row(fields, row);
  });
  const panel = builder?.finish();
  if (panel === undefined || panel.rowCount === 0) throw new DataError({ file: source, ...NO_ROWS });
  return { panel, delimiter, header };
}

/** A file's size, times and inode ("" when it cannot be read). @example fileStamp("margins.csv") // "1234:…:…:56" */
export function fileStamp(path: string): string {
  try {
    const s = statSync(path, { bigint: true });
    return `${s.size}:${s.mtimeNs}:${s.ctimeNs}:${s.ino}`;
  } catch {
    return "";
  }
}

/** `read()`'s result, or a DataError when the file changed meanwhile: `unchangedWhileRead(f, () => readPanel(f))`. */
export function unchangedWhileRead<T>(path: string, read: () => T): T {
  const before = fileStamp(path);
  const result = read();
  if (fileStamp(path) !== before)
    throw new DataError({
      file: basename(path),
      problem: label(
        "filen blev ændret, mens den blev læst, så svarene kan være blandet fra to udgaver",
        "the file changed while it was read, so the answers may be mixed from two versions",
      ),
      expected: label(
        "en fil, der ikke ændres undervejs: vent, til den er skrevet færdig, og kør igen",
        "a file that does not change meanwhile: wait until it is written in full, and run again",
      ),
    });
  return result;
}

function resolveMapping(mapping: PanelMapping | string | undefined): PanelMapping {
  if (mapping === undefined) return NO_MAPPING;
  return typeof mapping === "string" ? readMapping(mapping) : mapping;
}
