/** `npm run validate`: the loader's checks, margins, raking and weights, every problem collected; Danish by default. */

import { writeFileSync } from "fs";
import { basename } from "path";
import { COLUMNS, WEIGHTING_VARIABLES, columnSpec, type Lang } from "../codebook";
import { errorText, VALIDATE_MESSAGES as M } from "../codebook/messages";
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
interface ValidateOptions {
  panelFile: string;
  mappingFile?: string;
  marginsFile: string;
  shippedPanelFile: string; // The shipped synthetic panel, to say whether the file is (a copy of) it.
  sheet?: string; // The Excel sheet to read (else the mapping's, else the first visible one).
  /** Where to write a copy with the cells answered where not asked emptied (contract names and codes). */
  blankTo?: string;
  lang?: Lang; // The language of the report: Danish (the default) or English.
}

/** The validation: its printed lines and the number of errors found. */
type ValidationReport = { lines: string[]; errors: number };

/** Rows as listed: the first ones, then "..." when there are more. */
const listRows = (rows: readonly unknown[], count: number): string =>
  `${rows.join(", ")}${count > rows.length ? ", ..." : ""}`;

/** Numbers as the report writes them in `lang`. @example numbers("da")(4128) // "4.128" */
const numbers =
  (lang: Lang) =>
  (x: number, digits = 0): string =>
    x.toLocaleString(lang === "da" ? "da-DK" : "en-GB", {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });

/** Validates a delivered panel against the codebook and margins: `validatePanel({ panelFile, marginsFile, ... })`. */
export function validatePanel(options: ValidateOptions): ValidationReport {
  const out: string[] = [];
  let errors = 0;
  const lang = options.lang ?? "da";
  const num = numbers(lang);
  const problem = (e: DataError | ConvergenceError | string): void => {
    errors++;
    out.push(`  ${M.error[lang]} ${typeof e === "string" ? e : errorText(e, lang)}`);
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
  out.push(`${M.panelFile[lang]}: ${printable(source)}`);
  const mapping = mappingFile === undefined ? NO_MAPPING : attempt(() => readMapping(mappingFile));
  if (mapping === null) return { lines: out, errors };
  const cellErrors: DataError[] = [];
  const onError = (e: DataError): number => cellErrors.push(e);
  const read = attempt(() =>
    unchangedWhileRead(panelFile, (): { panel: LoadedPanel; columns: number; detail: string } => {
      const format = panelFormat(panelFile);
      if (format === "delimited") {
        const r = readDelimitedPanel(readText(panelFile), source, mapping, { onError });
        return { panel: r.panel, columns: r.header.length, detail: M.text(r.delimiter)[lang] };
      }
      const r = readTypedPanel(panelFile, format, mapping, { onError, sheet: options.sheet });
      const known = r.table.detail === "none" || r.table.detail === "zlib" ? M.compression[r.table.detail] : null;
      const compression = (known ?? M.byteCompressed)[lang];
      const detail = format === "sav" ? `SPSS, ${compression}` : `Excel, ${r.table.detail}`;
      return { panel: r.panel, columns: r.table.variables.length, detail };
    }),
  );
  if (read === null) return { lines: out, errors };
  const { panel } = read;
  out.push(`${M.format[lang]}: ${read.detail}`);
  out.push(M.read(num(panel.rowCount), read.columns)[lang]);
  out.push("", `${M.mapping[lang]}: ${mapping === NO_MAPPING ? M.noMapping[lang] : printable(mapping.source)}`);
  const renamed = Object.entries(mapping.columns);
  const renames = renamed.map(([c, d]) => `${c} <- ${printable(d)}`).join(", ");
  if (renamed.length > 0) out.push(M.renamed(renamed.length, renames)[lang]);
  out.push(M.ownName(COLUMNS.length - renamed.length)[lang]);
  const contract = new Set(COLUMNS.map((c) => c.name));
  const extras = [...Object.keys(panel.columns).filter((c) => !contract.has(c)), ...Object.keys(panel.textColumns)];
  out.push(M.extras(extras.length === 0 ? null : extras.map((x) => printable(x)).join(", "))[lang]);
  for (const [name, table] of Object.entries(mapping.codes)) {
    const pairs = Object.entries(table).map(([k, v]) => `${printable(k)} -> ${v === null ? M.empty[lang] : v}`);
    out.push(`${M.codesFor(name)[lang]}: ${pairs.join(", ")}`);
  }
  out.push("", M.cells[lang]);
  const n = panel.rowCount;
  if (n < 2) problem(M.tooFewRows(source, n)[lang]);
  reportCellErrors(cellErrors, out, problem, lang);
  if (cellErrors.length === 0) out.push(M.cellsValid[lang]);
  out.push("", M.counts[lang]);
  for (const spec of COLUMNS) {
    if (spec.kind === "id") continue;
    const counts = new Map<number | null, number>();
    for (const v of panel.columns[spec.name]) counts.set(v, (counts.get(v) ?? 0) + 1);
    const parts = spec.codes.map((c) => `${c.code}=${counts.get(c.code) ?? 0}`);
    const invalid = counts.get(NaN) ?? 0;
    const bad = invalid > 0 ? ` ${M.invalid[lang]}=${invalid}` : "";
    out.push(`  ${spec.name.padEnd(34)} ${parts.join(" ")} -=${counts.get(null) ?? 0}${bad}`);
  }
  out.push("", M.rules[lang]);
  const violations = [...duplicateIds(panel), ...skipLogicViolations(panel), ...multiResponseViolations(panel)];
  if (violations.length === 0) out.push(M.noViolations[lang]);
  else out.push(...violationTable(violations, lang));
  for (const v of violations)
    problem(M.violation(v.column, num(v.count), v.count, listRows(v.rows, v.count), errorText(v.error, lang))[lang]);
  if (options.blankTo !== undefined && cellErrors.length > 0) out.push("", M.notBlanked[lang]);
  else if (options.blankTo !== undefined) {
    const blanked = blankSkipViolations(panel);
    writeFileSync(options.blankTo, contractCsv(panel));
    out.push("", ...M.blanked(num(blanked), blanked, printable(basename(options.blankTo)))[lang].split("\n"));
  }
  const p = panelProvenance(panel, options.shippedPanelFile);
  const what = M.provenance[p.provenance];
  out.push("", M.origin(what, num(p.matchingRows), num(p.rowCount), num(p.syntheticRows))[lang]);
  const { marginsFile } = options;
  const heading = `${M.margins[lang]}: ${printable(basename(marginsFile))}`;
  const margins = attempt(() => readMargins(marginsFile), "", heading);
  if (margins === null) return { lines: out, errors };
  out.push("", M.sample(printable(margins.source), num(margins.total))[lang]);
  attempt(() => checkMarginsCoverPanel(margins, panel));
  reportComposition(panel, margins, out, lang);
  const emptyWeighting = WEIGHTING_VARIABLES.filter((v) => panel.columns[v].some((x) => x === null || Number.isNaN(x)));
  if (emptyWeighting.length === 0 && panel.rowCount >= 2) reportRaking(panel, margins, out, problem, lang);
  else out.push("", M.rakingNotTried(emptyWeighting)[lang]);
  out.push("", M.errors(errors, num(errors))[lang]);
  return { lines: out, errors };
}

/** The violations as a table: column, what is wrong, how many rows, the first rows. */
function violationTable(violations: readonly Violation[], lang: Lang): string[] {
  const [column, what, rows, first] = M.violationHead.map((h) => h[lang]);
  const num = numbers(lang);
  return [
    `  ${column.padEnd(30)} ${what.padEnd(28)} ${rows.padStart(7)}  ${first}`,
    ...violations.map(
      (v) =>
        `  ${v.column.padEnd(30)} ${v.kind[lang].padEnd(28)} ${num(v.count).padStart(7)}  ${listRows(v.rows, v.count)}`,
    ),
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

function reportCellErrors(cellErrors: DataError[], out: string[], problem: (e: DataError) => void, lang: Lang): void {
  const num = numbers(lang);
  const byColumn = new Map<string, DataError[]>();
  for (const e of cellErrors) {
    const key = e.column ?? "";
    byColumn.set(key, [...(byColumn.get(key) ?? []), e]);
  }
  for (const [column, list] of byColumn) {
    const rows = listRows(
      list.slice(0, 5).map((e) => e.row),
      list.length,
    );
    out.push(M.invalidCells(printable(column), num(list.length), list.length, rows)[lang]);
    problem(list[0]);
  }
}

function reportComposition(panel: LoadedPanel, margins: Margins, out: string[], lang: Lang): void {
  const [sampleWord, populationWord, ratioWord] = M.composition.map((w) => w[lang]);
  const num = numbers(lang);
  const pct = (x: number): string => `${num(100 * x, 1)} %`;
  for (const variable of WEIGHTING_VARIABLES) {
    out.push(`  ${variable}:`);
    const values = panel.columns[variable];
    for (const row of margins.rows.filter((m) => m.variable === variable)) {
      let n = 0;
      for (let i = 0; i < values.length; i++) if (values[i] === row.level) n++;
      const sample = panel.rowCount > 0 ? n / panel.rowCount : 0;
      const population = row.count / margins.total;
      const label = columnSpec(variable).codes.find((c) => c.code === row.level)?.label[lang] ?? "";
      const ratio = population > 0 ? sample / population : NaN;
      out.push(
        `    ${String(row.level).padStart(2)} ${label.padEnd(51)} ${sampleWord} ${num(n).padStart(7)} ${pct(sample).padStart(7)}   ${populationWord} ${num(row.count).padStart(9)} ${pct(population).padStart(7)}   ${ratioWord} ${Number.isFinite(ratio) ? num(ratio, 2) : "-"}`,
      );
    }
  }
}

function reportRaking(
  panel: LoadedPanel,
  margins: Margins,
  out: string[],
  problem: (e: DataError | ConvergenceError) => void,
  lang: Lang,
): void {
  const num = numbers(lang);
  const data = Object.fromEntries(WEIGHTING_VARIABLES.map((v) => [v, panel.columns[v]]));
  try {
    const design = rake(svydesign({ data, source: panel.source }), margins);
    const raking = design.raking;
    const w = weightSummary(design);
    const exponent = raking ? raking.maxRelativeError.toExponential(1) : "?";
    const error = lang === "da" ? exponent.replace(".", ",") : exponent;
    out.push(
      "",
      M.converged(String(raking?.iterations ?? "?"), error)[lang],
      M.weights(num(w.n), num(w.sum), num(w.min, 2), num(w.median, 2), num(w.max, 2), num(w.max / w.min, 1))[lang],
      M.deff(num(w.deff, 3), num(w.effectiveN), num(w.n))[lang],
    );
  } catch (e) {
    if (!(e instanceof DataError) && !(e instanceof ConvergenceError)) throw e;
    out.push("", M.rakingFailed[lang]);
    problem(e);
  }
}
