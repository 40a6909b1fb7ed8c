/**
 * Reading and validating the panel file and the population margins against the codebook. Every
 * problem is a `DataError` naming the file, row, column, value and what was expected.
 */

import { readFileSync } from "fs";
import { basename } from "path";
import { COLUMNS, MULTI_RESPONSE_GROUPS, WEIGHTING_VARIABLES, holds, type ColumnSpec, type Condition } from "./codebook";
import { parseDelimited, parseNumber, type DelimitedTable } from "./csv";
import { DataError } from "../survey/errors";
import type { MarginRow, Margins, Panel, SourceStatus } from "../survey/types";

/** A panel as read from a file: the validated `Panel`, plus any extra non-numeric columns kept as text. */
export interface LoadedPanel extends Panel {
  /** Extra (non-contract) columns that are not numeric, kept verbatim; "" where empty. */
  textColumns: Record<string, string[]>;
}

/** Reads and validates a panel file (see `parsePanel`). Error messages name the file by its base name. */
export function readPanel(path: string): LoadedPanel {
  return parsePanel(readText(path), basename(path));
}

/** Reads and validates a margins file (see `parseMargins`). */
export function readMargins(path: string): Margins {
  return parseMargins(readText(path), basename(path));
}

function readText(path: string): string {
  let buffer: Buffer;
  try {
    buffer = readFileSync(path);
  } catch (e) {
    throw new Error(`Cannot read ${path}: ${(e as Error).message}`);
  }
  const text = buffer.toString("utf8");
  const bad = text.indexOf("\uFFFD");
  if (bad >= 0) {
    const line = text.slice(0, bad).split("\n").length;
    throw new DataError({
      file: basename(path),
      row: line > 1 ? line - 1 : null,
      problem: `the file is not valid UTF-8 (first bad byte on line ${line})`,
      expected: 'UTF-8 text (in Excel: save as "CSV UTF-8")',
    });
  }
  return text;
}

/**
 * Parses and validates panel text: every contract column present (extra columns are kept); `id`
 * unique integers; every code one of the column's codes; skip logic — a cell is filled exactly when
 * the column's `askedOf` condition holds, empty meaning not asked (null); multi-response groups
 * within their number of choices, with the exclusive item chosen alone.
 *
 * @example
 * const panel = parsePanel(fs.readFileSync("data/survey/panel-2025-synthetic.csv", "utf8"), "panel-2025-synthetic.csv");
 * panel.columns.ai_brug[0]; // 3
 */
export function parsePanel(text: string, source: string): LoadedPanel {
  const table = parseDelimited(text, source);
  const decimalComma = table.delimiter === ";";
  const missing = COLUMNS.map((c) => c.name).filter((name) => !table.header.includes(name));
  if (missing.length > 0) {
    throw new DataError({
      file: source,
      column: missing.join(", "),
      problem: `${missing.length === 1 ? "contract column" : `${missing.length} contract columns`} missing: ${missing.map((m) => `"${m}"`).join(", ")}`,
      expected: `every column of the data contract (${COLUMNS.length} columns: ${COLUMNS.slice(0, 6).map((c) => c.name).join(", ")}, ...)`,
    });
  }
  const rowCount = table.rows.length;
  const columns: Record<string, (number | null)[]> = {};
  for (const spec of COLUMNS) columns[spec.name] = parseContractColumn(table, spec, decimalComma);
  const textColumns: Record<string, string[]> = {};
  for (const name of table.header) {
    if (name in columns) continue;
    const parsed = parseExtraColumn(table, name, decimalComma);
    if (parsed) columns[name] = parsed;
    else textColumns[name] = table.rows.map((r) => r[table.header.indexOf(name)]);
  }
  checkUniqueIds(columns.id, source);
  checkSkipLogic(columns, rowCount, source);
  checkMultiResponse(columns, rowCount, source);
  return { source, rowCount, columns, textColumns };
}

function parseContractColumn(table: DelimitedTable, spec: ColumnSpec, decimalComma: boolean): (number | null)[] {
  const index = table.header.indexOf(spec.name);
  const codes = spec.codes.map((c) => c.code);
  return table.rows.map((row, r) => {
    const raw = row[index];
    if (raw.trim() === "") return null;
    const x = parseNumber(raw, { decimalComma });
    if (spec.kind === "id") {
      if (x === null || !Number.isInteger(x)) {
        throw new DataError({ file: table.source, row: r + 1, column: spec.name, value: raw, problem: `value "${raw}" is not an integer id`, expected: "a unique integer" });
      }
      return x;
    }
    if (x === null || !codes.includes(x)) {
      throw new DataError({
        file: table.source,
        row: r + 1,
        column: spec.name,
        value: raw,
        problem: `value "${raw}" is not a valid code`,
        expected: `one of ${codes.join(", ")}${"always" in spec.askedOf ? "" : " (or empty where not asked)"}`,
      });
    }
    return x;
  });
}

/** An extra column as numbers, or null when any non-empty cell is not a number. */
function parseExtraColumn(table: DelimitedTable, name: string, decimalComma: boolean): (number | null)[] | null {
  const index = table.header.indexOf(name);
  const out: (number | null)[] = [];
  for (const row of table.rows) {
    const raw = row[index];
    if (raw.trim() === "") {
      out.push(null);
      continue;
    }
    const x = parseNumber(raw, { decimalComma });
    if (x === null) return null;
    out.push(x);
  }
  return out;
}

function checkUniqueIds(ids: (number | null)[], source: string): void {
  const seen = new Map<number, number>();
  ids.forEach((id, r) => {
    if (id === null) {
      throw new DataError({ file: source, row: r + 1, column: "id", value: "", problem: "the id is empty", expected: "a unique integer" });
    }
    const first = seen.get(id);
    if (first !== undefined) {
      throw new DataError({
        file: source,
        row: r + 1,
        column: "id",
        value: String(id),
        problem: `id ${id} is used twice (first in row ${first})`,
        expected: "a unique integer per row",
      });
    }
    seen.set(id, r + 1);
  });
}

/** Describes a condition in words, for error messages. */
export function describeCondition(condition: Condition): string {
  if ("always" in condition) return "always";
  if ("not" in condition) return `not (${describeCondition(condition.not)})`;
  if ("variable" in condition) {
    return condition.in.length === 1 ? `${condition.variable} = ${condition.in[0]}` : `${condition.variable} in ${condition.in.join(", ")}`;
  }
  const parts = "anyOf" in condition ? condition.anyOf : condition.allOf;
  const joiner = "anyOf" in condition ? " or " : " and ";
  if (parts.length <= 4) return parts.map(describeCondition).join(joiner);
  return `${"anyOf" in condition ? "any" : "all"} of ${parts.length} conditions (${parts.slice(0, 2).map(describeCondition).join(joiner)}${joiner}...)`;
}

function checkSkipLogic(columns: Record<string, (number | null)[]>, rowCount: number, source: string): void {
  const conditional = COLUMNS.filter((c) => !("always" in c.askedOf));
  for (let r = 0; r < rowCount; r++) {
    const value = (name: string): number | null => columns[name]?.[r] ?? null;
    const askedCache = new Map<Condition, boolean>();
    for (const spec of COLUMNS) {
      let asked = askedCache.get(spec.askedOf);
      if (asked === undefined) {
        asked = holds(spec.askedOf, value);
        askedCache.set(spec.askedOf, asked);
      }
      const cell = columns[spec.name][r];
      if (asked && cell === null) {
        const always = !conditional.includes(spec);
        throw new DataError({
          file: source,
          row: r + 1,
          column: spec.name,
          value: "",
          problem: always ? "the cell is empty but every respondent is asked this" : `the cell is empty but the question was asked (${describeCondition(spec.askedOf)})`,
          expected: `one of ${spec.codes.map((c) => c.code).join(", ")}`,
        });
      }
      if (!asked && cell !== null) {
        throw new DataError({
          file: source,
          row: r + 1,
          column: spec.name,
          value: String(cell),
          problem: `value "${cell}" is answered where the question was not asked (asked only where ${describeCondition(spec.askedOf)})`,
          expected: "an empty cell (not asked)",
        });
      }
    }
  }
}

function checkMultiResponse(columns: Record<string, (number | null)[]>, rowCount: number, source: string): void {
  for (const group of MULTI_RESPONSE_GROUPS) {
    for (let r = 0; r < rowCount; r++) {
      if (columns[group.columns[0]][r] === null) continue; // not asked (skip logic already checked the group is all-or-nothing)
      const chosen = group.columns.filter((c) => columns[c][r] === 1);
      const { min, max } = group.choices;
      if (chosen.length < min || chosen.length > max) {
        throw new DataError({
          file: source,
          row: r + 1,
          column: group.name,
          value: String(chosen.length),
          problem: `${chosen.length} item${chosen.length === 1 ? "" : "s"} chosen in multi-response question "${group.name}"${chosen.length ? ` (${chosen.join(", ")})` : ""}`,
          expected: min === max ? `exactly ${min}` : `between ${min} and ${max} items chosen`,
        });
      }
      const exclusive = group.exclusiveColumn;
      if (exclusive && columns[exclusive][r] === 1 && chosen.length > 1) {
        throw new DataError({
          file: source,
          row: r + 1,
          column: exclusive,
          value: "1",
          problem: `the exclusive item "${exclusive}" is chosen together with ${chosen.filter((c) => c !== exclusive).join(", ")}`,
          expected: `"${exclusive}" alone, or 0`,
        });
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Margins
// ---------------------------------------------------------------------------------------------

const MARGIN_COLUMNS = ["variable", "level", "count", "source_status"] as const;
const SOURCE_STATUSES: readonly SourceStatus[] = ["verbatim", "derived", "estimate"];

/**
 * Parses and validates margins text (`variable,level,count,source_status`): known weighting
 * variable, known level code, count a non-negative number (decimal comma accepted in `;` files),
 * status verbatim|derived|estimate, every level of every weighting variable exactly once, and all
 * variables summing to the same total.
 *
 * @example
 * const margins = parseMargins(fs.readFileSync("data/population/margins.csv", "utf8"), "margins.csv");
 * margins.total; // 177677
 */
export function parseMargins(text: string, source: string): Margins {
  const table = parseDelimited(text, source);
  const decimalComma = table.delimiter === ";";
  const missing = MARGIN_COLUMNS.filter((c) => !table.header.includes(c));
  if (missing.length > 0) {
    throw new DataError({
      file: source,
      column: missing.join(", "),
      problem: `column${missing.length === 1 ? "" : "s"} missing: ${missing.map((m) => `"${m}"`).join(", ")}`,
      expected: `the columns ${MARGIN_COLUMNS.join(", ")}`,
    });
  }
  const col = (name: string): number => table.header.indexOf(name);
  const rows: MarginRow[] = [];
  const seen = new Map<string, number>();
  table.rows.forEach((fields, r) => {
    const row = r + 1;
    const variable = fields[col("variable")].trim();
    if (!(WEIGHTING_VARIABLES as readonly string[]).includes(variable)) {
      throw new DataError({ file: source, row, column: "variable", value: variable, problem: `"${variable}" is not a weighting variable`, expected: `one of ${WEIGHTING_VARIABLES.join(", ")}` });
    }
    const codes = COLUMNS.find((c) => c.name === variable)?.codes.map((c) => c.code) ?? [];
    const levelText = fields[col("level")];
    const level = parseNumber(levelText);
    if (level === null || !codes.includes(level)) {
      throw new DataError({ file: source, row, column: "level", value: levelText, problem: `"${levelText}" is not a level of ${variable}`, expected: `one of ${codes.join(", ")}` });
    }
    const countText = fields[col("count")];
    const count = parseNumber(countText, { decimalComma });
    if (count === null || count < 0) {
      throw new DataError({ file: source, row, column: "count", value: countText, problem: `"${countText}" is not a non-negative number`, expected: `a non-negative number${decimalComma ? " (decimal comma allowed)" : ""}` });
    }
    const status = fields[col("source_status")].trim();
    if (!(SOURCE_STATUSES as readonly string[]).includes(status)) {
      throw new DataError({ file: source, row, column: "source_status", value: status, problem: `"${status}" is not a source status`, expected: `one of ${SOURCE_STATUSES.join(", ")}` });
    }
    const key = `${variable}=${level}`;
    const first = seen.get(key);
    if (first !== undefined) {
      throw new DataError({ file: source, row, column: "level", value: String(level), problem: `${variable} level ${level} appears twice (first in row ${first})`, expected: "every level of every variable exactly once" });
    }
    seen.set(key, row);
    rows.push({ variable, level, count, sourceStatus: status as SourceStatus });
  });
  const absent = WEIGHTING_VARIABLES.flatMap((v) =>
    (COLUMNS.find((c) => c.name === v)?.codes ?? []).filter((c) => !seen.has(`${v}=${c.code}`)).map((c) => `${v} level ${c.code}`),
  );
  if (absent.length > 0) {
    throw new DataError({
      file: source,
      column: [...new Set(absent.map((a) => a.split(" ")[0]))].join(", "),
      problem: `missing margin${absent.length === 1 ? "" : "s"}: ${absent.join(", ")}`,
      expected: "every level of every weighting variable exactly once",
    });
  }
  const totals = WEIGHTING_VARIABLES.map((v) => rows.filter((m) => m.variable === v).reduce((a, m) => a + m.count, 0));
  const total = totals[0];
  if (totals.some((t) => Math.abs(t - total) > 1e-9 * Math.max(1, Math.abs(total)))) {
    throw new DataError({
      file: source,
      problem: `the variables' totals differ: ${WEIGHTING_VARIABLES.map((v, i) => `${v} ${formatTotal(totals[i])}`).join(", ")}`,
      expected: "every variable's counts to sum to the same population total",
    });
  }
  return { source, rows, total };
}

function formatTotal(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Math.round(x * 1e6) / 1e6);
}
