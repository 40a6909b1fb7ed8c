/** `npm run validate`: the loader's checks, margins, raking and weights, every problem collected; printed in Danish. */

import { writeFileSync } from "fs";
import { basename } from "path";
import { COLUMNS, WEIGHTING_VARIABLES, columnSpec } from "../codebook";
import { printable, readText } from "./csv";
import { readDelimitedPanel, unchangedWhileRead } from "./load";
import { checkMarginsCoverPanel, readMargins } from "./margins";
import { NO_MAPPING, readMapping } from "./mapping";
import type { LoadedPanel } from "./panel";
import {
  blankSkipViolations,
  duplicateIds,
  multiResponseViolations,
  skipLogicViolations,
  type Violation,
} from "./panel-checks";
import { panelFormat, readTypedPanel } from "./readers/typed";
import { panelProvenance } from "./provenance";
import { ConvergenceError, DataError, rake, svydesign, weightSummary } from "../survey";
import type { Margins } from "../survey";

/** What to validate. */
export interface ValidateOptions {
  panelFile: string;
  mappingFile?: string;
  marginsFile: string;
  shippedPanelFile: string; // The shipped synthetic panel, to say whether the file is (a copy of) it.
  sheet?: string; // The Excel sheet to read (else the mapping's, else the first visible one).
  /** Where to write a copy with the cells answered where not asked emptied (contract names and codes). */
  blankTo?: string;
}

/** The validation: its printed lines and the number of errors found. */
export interface ValidationReport {
  lines: string[];
  errors: number;
}

const COMPRESSION: Record<string, string> = { none: "ukomprimeret", zlib: "ZLIB-komprimeret (zsav)" };
const PROVENANCE = {
  synthetic: "det syntetiske panel",
  "modified-synthetic": "en ændret kopi af det syntetiske panel",
  real: "rigtige besvarelser",
};
const num = (x: number, digits = 0): string =>
  x.toLocaleString("da-DK", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (x: number): string => `${num(100 * x, 1)} %`;

/**
 * Validates a delivered panel (through a mapping) against the codebook and the margins.
 * @example
 * const { lines, errors } = validatePanel({ panelFile: "levering.sav", mappingFile: "mapping.json",
 *   marginsFile: "data/population/margins.csv", shippedPanelFile: "data/survey/panel-2025-synthetic.csv" });
 */
export function validatePanel(options: ValidateOptions): ValidationReport {
  const out: string[] = [];
  let errors = 0;
  const problem = (e: DataError | ConvergenceError | string): void => {
    errors++;
    out.push(`  FEJL ${typeof e === "string" ? e : e.message}`);
  };
  /** What `read` returns, or null once its DataError is reported (after the lines `heading`). */
  const attempt = <T>(read: () => T, ...heading: string[]): T | null => {
    try {
      return read();
    } catch (e) {
      if (!(e instanceof DataError)) throw e;
      out.push(...heading);
      problem(e);
      return null;
    }
  };
  const { panelFile, mappingFile } = options;
  const source = basename(panelFile);
  out.push(`Panelfil: ${printable(source)}`);
  const mapping = mappingFile === undefined ? NO_MAPPING : attempt(() => readMapping(mappingFile));
  if (mapping === null) return { lines: out, errors };
  const cellErrors: DataError[] = [];
  const onError = (e: DataError): number => cellErrors.push(e);
  const read = attempt(() =>
    unchangedWhileRead(panelFile, (): { panel: LoadedPanel; columns: number; detail: string } => {
      const format = panelFormat(panelFile);
      if (format === "delimited") {
        const r = readDelimitedPanel(readText(panelFile), source, mapping, { onError });
        const detail = `tekst, adskilt af ${r.delimiter === "\t" ? "tabulator" : `"${r.delimiter}"`}`;
        return { panel: r.panel, columns: r.header.length, detail };
      }
      const r = readTypedPanel(panelFile, format, mapping, { onError, sheet: options.sheet });
      const compression = COMPRESSION[r.table.detail] ?? "byte-komprimeret";
      const detail = format === "sav" ? `SPSS, ${compression}` : `Excel, ${r.table.detail}`;
      return { panel: r.panel, columns: r.table.variables.length, detail };
    }),
  );
  if (read === null) return { lines: out, errors };
  const { panel } = read;
  out.push(`Format: ${read.detail}`);
  out.push(`Læst: ${num(panel.rowCount)} rækker, ${read.columns} kolonner`);
  out.push("", `Mapning: ${mapping === NO_MAPPING ? "ingen (kontraktens navne og koder)" : printable(mapping.source)}`);
  const renamed = Object.entries(mapping.columns);
  const renames = renamed.map(([c, d]) => `${c} <- ${printable(d)}`).join(", ");
  if (renamed.length > 0) out.push(`  kolonner læst under et andet navn (${renamed.length}): ${renames}`);
  out.push(`  kontraktkolonner læst under eget navn: ${COLUMNS.length - renamed.length}`);
  const contract = new Set(COLUMNS.map((c) => c.name));
  const extras = [...Object.keys(panel.columns).filter((c) => !contract.has(c)), ...Object.keys(panel.textColumns)];
  const kept = extras.length === 0 ? "ingen" : extras.map((x) => printable(x)).join(", ");
  out.push(`  leverede kolonner uden for kontrakten (beholdt som ekstra kolonner): ${kept}`);
  for (const [name, table] of Object.entries(mapping.codes)) {
    const pairs = Object.entries(table).map(([k, v]) => `${printable(k)} -> ${v === null ? "tom" : v}`);
    out.push(`  koder for ${name}: ${pairs.join(", ")}`);
  }

  out.push("", "Celler:");
  const n = panel.rowCount;
  if (n < 2)
    problem(
      `${source}: filen har kun ${n} ${n === 1 ? "datarække" : "datarækker"}; der skal være mindst 2 respondenter`,
    );
  reportCellErrors(cellErrors, out, problem);
  if (cellErrors.length === 0) out.push("  hver celle er en gyldig kode i sin kolonne");

  out.push("", "Antal pr. kode (kode=rækker; '-' = tom, ikke stillet):");
  for (const spec of COLUMNS) {
    if (spec.kind === "id") continue;
    const counts = new Map<number | null, number>();
    for (const v of panel.columns[spec.name]) counts.set(v, (counts.get(v) ?? 0) + 1);
    const parts = spec.codes.map((c) => `${c.code}=${counts.get(c.code) ?? 0}`);
    const invalid = counts.get(NaN) ?? 0;
    const bad = invalid > 0 ? ` ugyldige=${invalid}` : "";
    out.push(`  ${spec.name.padEnd(34)} ${parts.join(" ")} -=${counts.get(null) ?? 0}${bad}`);
  }

  out.push("", "Id'er, springregler og flervalgsregler:");
  const violations = [...duplicateIds(panel), ...skipLogicViolations(panel), ...multiResponseViolations(panel)];
  if (violations.length === 0) out.push("  ingen overtrædelser");
  else out.push(...violationTable(violations));
  for (const v of violations) {
    const first = `${v.rows.join(", ")}${v.count > v.rows.length ? ", ..." : ""}`;
    problem(
      `${v.column}: ${num(v.count)} ${v.count === 1 ? "række" : "rækker"} (første: ${first}) — ${v.error.message}`,
    );
  }

  if (options.blankTo !== undefined && cellErrors.length > 0)
    out.push("", "Rettet kopi: ikke skrevet, da filen har ugyldige celler (se ovenfor); ret dem først.");
  else if (options.blankTo !== undefined) {
    const blanked = blankSkipViolations(panel);
    writeFileSync(options.blankTo, contractCsv(panel));
    out.push(
      "",
      `Rettet kopi: ${num(blanked)} ${blanked === 1 ? "celle" : "celler"} besvaret, hvor spørgsmålet ikke blev stillet, er tømt;`,
      `  skrevet til ${printable(basename(options.blankTo))} med kontraktens navne og koder (kun kontraktens kolonner).`,
      "  Tomme celler, hvor spørgsmålet blev stillet, kan ikke rettes sådan. Kør validate på kopien.",
    );
  }

  const p = panelProvenance(panel, options.shippedPanelFile);
  const identical = `${num(p.matchingRows)} af ${num(p.rowCount)} rækker magen til det medfølgende syntetiske panels`;
  out.push("", `Oprindelse (efter indhold): ${PROVENANCE[p.provenance]} (${identical} ${num(p.syntheticRows)})`);

  const { marginsFile } = options;
  const margins = attempt(() => readMargins(marginsFile), "", `Marginaler: ${printable(basename(marginsFile))}`);
  if (margins === null) return { lines: out, errors };
  out.push("", `Stikprøve mod population (${printable(margins.source)}, i alt ${num(margins.total)}):`);
  attempt(() => checkMarginsCoverPanel(margins, panel));
  reportComposition(panel, margins, out);
  const emptyWeighting = WEIGHTING_VARIABLES.filter((v) => panel.columns[v].some((x) => x === null || Number.isNaN(x)));
  const invalid = `tomme eller ugyldige celler i ${emptyWeighting.join(", ")}`;
  if (emptyWeighting.length === 0 && panel.rowCount >= 2) reportRaking(panel, margins, out, problem);
  else out.push("", `Rakning: ikke forsøgt (${emptyWeighting.length > 0 ? invalid : "for få rækker"})`);
  out.push("", errors === 0 ? "OK: ingen fejl." : `${num(errors)} fejl.`);
  return { lines: out, errors };
}

/** The violations as a table (Danish): column, what is wrong, how many rows, the first rows. */
function violationTable(violations: readonly Violation[]): string[] {
  const head = `  ${"kolonne".padEnd(30)} ${"problem".padEnd(28)} ${"rækker".padStart(7)}  første rækker`;
  return [
    head,
    ...violations.map((v) => {
      const first = `${v.rows.join(", ")}${v.count > v.rows.length ? ", ..." : ""}`;
      return `  ${v.column.padEnd(30)} ${v.kind.padEnd(28)} ${num(v.count).padStart(7)}  ${first}`;
    }),
  ];
}

/** The panel as the contract's CSV: codebook columns in order, ids as read, empty cell = not asked. */
function contractCsv(panel: LoadedPanel): string {
  const names = COLUMNS.map((c) => c.name);
  const lines = [names.join(",")];
  for (let i = 0; i < panel.rowCount; i++)
    lines.push(names.map((n) => (n === "id" ? panel.ids[i] : (panel.columns[n][i] ?? ""))).join(","));
  return lines.join("\n") + "\n";
}

function reportCellErrors(cellErrors: DataError[], out: string[], problem: (e: DataError) => void): void {
  const byColumn = new Map<string, DataError[]>();
  for (const e of cellErrors) {
    const key = e.column ?? "";
    byColumn.set(key, [...(byColumn.get(key) ?? []), e]);
  }
  for (const [column, list] of byColumn) {
    const rows = `${list
      .slice(0, 5)
      .map((e) => e.row)
      .join(", ")}${list.length > 5 ? ", ..." : ""}`;
    out.push(
      `  ${printable(column)}: ${num(list.length)} ${list.length === 1 ? "ugyldig celle" : "ugyldige celler"} (første rækker: ${rows})`,
    );
    problem(list[0]);
  }
}

function reportComposition(panel: LoadedPanel, margins: Margins, out: string[]): void {
  for (const variable of WEIGHTING_VARIABLES) {
    out.push(`  ${variable}:`);
    const values = panel.columns[variable];
    for (const row of margins.rows.filter((m) => m.variable === variable)) {
      let n = 0;
      for (let i = 0; i < values.length; i++) if (values[i] === row.level) n++;
      const sample = panel.rowCount > 0 ? n / panel.rowCount : 0;
      const population = row.count / margins.total;
      const label = columnSpec(variable).codes.find((c) => c.code === row.level)?.label.da ?? "";
      const ratio = population > 0 ? sample / population : NaN;
      out.push(
        `    ${String(row.level).padStart(2)} ${label.padEnd(51)} stikprøve ${num(n).padStart(7)} ${pct(sample).padStart(7)}   population ${num(row.count).padStart(9)} ${pct(population).padStart(7)}   forhold ${Number.isFinite(ratio) ? num(ratio, 2) : "-"}`,
      );
    }
  }
}

function reportRaking(
  panel: LoadedPanel,
  margins: Margins,
  out: string[],
  problem: (e: DataError | ConvergenceError) => void,
): void {
  const data = Object.fromEntries(WEIGHTING_VARIABLES.map((v) => [v, panel.columns[v]]));
  try {
    const design = rake(svydesign({ data, source: panel.source }), margins);
    const raking = design.raking;
    const w = weightSummary(design);
    const error = raking ? raking.maxRelativeError.toExponential(1).replace(".", ",") : "?";
    out.push(
      "",
      `Rakning: konvergeret efter ${raking?.iterations ?? "?"} iterationer (største relative fejl på en margin ${error})`,
      `Vægte: n ${num(w.n)}, sum ${num(w.sum)}, min ${num(w.min, 2)}, median ${num(w.median, 2)}, maks ${num(w.max, 2)} (maks/min ${num(w.max / w.min, 1)})`,
      `Vægtenes designeffekt (Kish): ${num(w.deff, 3)}; effektivt n ${num(w.effectiveN)} af ${num(w.n)}`,
    );
  } catch (e) {
    if (!(e instanceof DataError) && !(e instanceof ConvergenceError)) throw e;
    out.push("", "Rakning: mislykkedes");
    problem(e);
  }
}
