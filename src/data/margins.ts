/** The population margins file (`variable,level,count,source_status`), read, validated and checked against a panel. */

import { basename } from "path";
import { WEIGHTING_VARIABLES, columnSpec, label, type Label } from "../codebook";
import { list } from "../codebook/messages";
import { parseDelimited, printable, readText, type Delimiter } from "./csv";
import { integerLiteral } from "./panel";
import { DataError } from "../survey";
import type { MarginRow, Margins, Panel, SourceStatus } from "../survey";

const MARGIN_COLUMNS = ["variable", "level", "count", "source_status"] as const;
const SOURCE_STATUSES: readonly SourceStatus[] = ["verbatim", "derived", "estimate"];
const oneOf = (xs: readonly (string | number)[]): Label => label(`en af ${list(xs)}`, `one of ${list(xs)}`);
const EVERY_LEVEL = label(
  "hvert niveau af hver vægtningsvariabel præcis én gang",
  "every level of every weighting variable exactly once",
);

/** Reads and validates a margins file. @example readMargins("data/population/margins.csv").total // 177677 */
export function readMargins(path: string): Margins {
  return parseMargins(readText(path, label("en læsbar marginfil", "a readable margins file")), basename(path));
}

/** Options of `parseMargins`. */
export interface ParseMarginsOptions {
  /** Accept counts with a decimal part (R's calibration fixtures); by default a misread separator cannot pass. */
  fractionalCounts?: boolean;
}

/**
 * Parses and validates margins: known variables, levels and statuses, whole counts read by the file's separator,
 * every level once, equal totals, not shares. @example parseMargins(text, "margins.csv").total // 177677
 */
export function parseMargins(text: string, source: string, options: ParseMarginsOptions = {}): Margins {
  const table = parseDelimited(text, source);
  const fail = (column: string | null, problem: Label, expected: Label, row?: number, value?: string): DataError =>
    new DataError({ file: source, row, column, value, problem, expected });
  const missing = MARGIN_COLUMNS.filter((c) => !table.header.includes(c));
  if (missing.length > 0) {
    const field = table.header.length === 1 ? `"${printable(table.header[0], 40)}"` : null;
    const names = missing.map((m) => `"${m}"`).join(", ");
    const problem = label(
      `${missing.length === 1 ? "kolonne" : "kolonner"} mangler: ${names}${field ? ` (overskriften er ét felt ${field})` : ""}`,
      `column${missing.length === 1 ? "" : "s"} missing: ${names}${field ? ` (the header is one field ${field})` : ""}`,
    );
    throw fail(
      missing.join(", "),
      problem,
      label(`kolonnerne ${list(MARGIN_COLUMNS)}`, `the columns ${list(MARGIN_COLUMNS)}`),
    );
  }
  if (table.rows.length === 0)
    throw fail(
      null,
      label("filen har en overskrift, men ingen datarækker", "the file has a header but no data rows"),
      label("en række pr. niveau af hver vægtningsvariabel", "one row per level of each weighting variable"),
    );
  const col = (name: string): number => table.header.indexOf(name);
  const counts = table.rows.map((f) => f[col("count")]);
  checkNotShares(counts, source);
  const rows: MarginRow[] = [];
  const seen = new Map<string, number>();
  table.rows.forEach((fields, r) => {
    const row = r + 1;
    const variable = fields[col("variable")].trim();
    const shown = printable(variable);
    const variables = oneOf(WEIGHTING_VARIABLES);
    if (!(WEIGHTING_VARIABLES as readonly string[]).includes(variable)) {
      const problem = label(`"${shown}" er ikke en vægtningsvariabel`, `"${shown}" is not a weighting variable`);
      throw fail("variable", problem, variables, row, shown);
    }
    const codes = columnSpec(variable).codes.map((c) => c.code);
    const levelText = printable(fields[col("level")]);
    const level = integerLiteral(fields[col("level")]);
    if (level === null || !codes.includes(level)) {
      const problem = label(
        `"${levelText}" er ikke et niveau af ${variable}`,
        `"${levelText}" is not a level of ${variable}`,
      );
      throw fail("level", problem, oneOf(codes), row, levelText);
    }
    const count = readCount(fields[col("count")], table.delimiter, options.fractionalCounts === true, source, row);
    const status = fields[col("source_status")].trim();
    const statusText = printable(status);
    if (!(SOURCE_STATUSES as readonly string[]).includes(status)) {
      const problem = label(`"${statusText}" er ikke en kildestatus`, `"${statusText}" is not a source status`);
      throw fail("source_status", problem, oneOf(SOURCE_STATUSES), row, statusText);
    }
    const key = `${variable}=${level}`;
    const first = seen.get(key);
    if (first !== undefined) {
      const problem = label(
        `${variable} niveau ${level} står to gange (første gang i række ${first})`,
        `${variable} level ${level} appears twice (first in row ${first})`,
      );
      throw fail("level", problem, EVERY_LEVEL, row, String(level));
    }
    seen.set(key, row);
    rows.push({ variable, level, count, sourceStatus: status as SourceStatus });
  });
  const absent = WEIGHTING_VARIABLES.flatMap((v) =>
    columnSpec(v)
      .codes.filter((c) => !seen.has(`${v}=${c.code}`))
      .map((c) => [v, c.code] as const),
  );
  if (absent.length > 0) {
    const column = [...new Set(absent.map(([v]) => v))].join(", ");
    const shown = (level: string): string => absent.map(([v, code]) => `${v} ${level} ${code}`).join(", ");
    const problem = label(
      `${absent.length === 1 ? "margin" : "marginer"} mangler: ${shown("niveau")}`,
      `missing margin${absent.length === 1 ? "" : "s"}: ${shown("level")}`,
    );
    throw fail(column, problem, EVERY_LEVEL);
  }
  const totals = WEIGHTING_VARIABLES.map((v) => rows.filter((m) => m.variable === v).reduce((a, m) => a + m.count, 0));
  const total = totals[0];
  if (totals.some((t) => Math.abs(t - total) > 1e-9 * Math.max(1, Math.abs(total)))) {
    const round = (t: number): number => (Number.isInteger(t) ? t : Math.round(t * 1e6) / 1e6);
    const each = WEIGHTING_VARIABLES.map((v, i) => `${v} ${round(totals[i])}`).join(", ");
    const expected = label(
      "at hver variabels antal summer til samme populationstotal",
      "every variable's counts to sum to the same population total",
    );
    throw fail(
      null,
      label(`variablernes totaler er forskellige: ${each}`, `the variables' totals differ: ${each}`),
      expected,
    );
  }
  return { source, rows, total };
}

/** A margins file of shares (every count at most 1, each variable summing to 1) is an error. */
function checkNotShares(counts: string[], source: string): void {
  const values = counts.map((t) => Number(t.trim().replace(",", ".")));
  if (values.length === 0 || values.some((x) => !Number.isFinite(x) || x < 0 || x > 1)) return;
  const sum = values.reduce((a, b) => a + b, 0);
  if (sum > 0 && Math.abs(sum / WEIGHTING_VARIABLES.length - 1) < 0.02) {
    throw new DataError({
      file: source,
      column: "count",
      problem: label(
        `antallene er andele (hver variabels antal summer til cirka 1, alle fire til ${Math.round(sum * 1000) / 1000})`,
        `the counts are shares (each variable's counts sum to about 1, all four to ${Math.round(sum * 1000) / 1000})`,
      ),
      expected: label(
        "antal virksomheder i populationen (fx 13757), ikke andele eller procenter",
        "numbers of firms in the population (e.g. 13757), not shares or percentages",
      ),
    });
  }
}

/** A DataError for a count of 0 on a level with respondents (raking would weight them 0). */
export function checkMarginsCoverPanel(margins: Margins, panel: Panel): void {
  margins.rows.forEach((m, i) => {
    if (m.count !== 0) return;
    const values = panel.columns[m.variable];
    if (values === undefined) return;
    let n = 0;
    for (const v of values) if (v === m.level) n++;
    if (n > 0) {
      throw new DataError({
        file: margins.source,
        row: i + 1,
        column: "count",
        value: "0",
        problem: label(
          `antallet for ${m.variable} niveau ${m.level} er 0, men ${n} ${n === 1 ? "svarperson" : "svarpersoner"} i ${panel.source} har det niveau (rakning ville give dem vægt 0)`,
          `the count of ${m.variable} level ${m.level} is 0, but ${n} respondent${n === 1 ? "" : "s"} in ${panel.source} ha${n === 1 ? "s" : "ve"} that level (raking would give them weight 0)`,
        ),
        expected: label(
          "et positivt antal virksomheder for hvert niveau, der har svarpersoner",
          "a positive number of firms for every level that has respondents",
        ),
      });
    }
  });
}

/** A whole count by the separator's convention (`;`: `13.757`, `,`: `"13,757"`, tab plain), else a DataError. */
function readCount(text: string, delimiter: Delimiter, fractional: boolean, source: string, row: number): number {
  const t = text.trim();
  if (/^\d+$/.test(t)) return Number(t);
  const group = delimiter === ";" ? "." : delimiter === "," ? "," : null;
  if (group !== null && new RegExp(`^\\d{1,3}(\\${group}\\d{3})+$`).test(t)) return Number(t.split(group).join(""));
  const ambiguous = group === null && /^\d{1,3}([.,]\d{3})+$/.test(t);
  let normal = t.replace(",", ".");
  if (delimiter === ";") normal = t.replace(/\./g, "").replace(",", ".");
  else if (delimiter === ",") normal = t.replace(/,(?=\d{3}(\D|$))/g, "");
  const value = !ambiguous && /^(\d+\.?\d*|\.\d+)$/.test(normal) ? Number(normal) : null;
  if (value !== null && (Number.isInteger(value) || fractional)) return value;
  const shown = printable(text);
  const sep =
    delimiter === ";"
      ? label(
          'i en ";"-adskilt fil er "," decimalkomma og "." tusindtalsseparator',
          'in a ";"-separated file "," is the decimal comma and "." the thousands separator',
        )
      : delimiter === ","
        ? label(
            'i en ","-adskilt fil er "." decimalpunktum og "," (i et felt i anførselstegn) tusindtalsseparator',
            'in a ","-separated file "." is the decimal point and "," (in a quoted field) the thousands separator',
          )
        : label(
            "i en tabulatoradskilt fil kan en tusindtalsseparator ikke skelnes fra et decimaltegn",
            "in a tab-separated file a thousands separator cannot be told from a decimal mark",
          );
  let problem = label(
    `"${shown}" har en decimaldel (${value}); antal er hele antal virksomheder — ${sep.da}`,
    `"${shown}" has a decimal part (${value}); counts are whole numbers of firms — ${sep.en}`,
  );
  if (ambiguous)
    problem = label(
      `"${shown}" har en separator, der kan være tusindtalsseparator eller decimaltegn`,
      `"${shown}" has a separator that could be a thousands separator or a decimal mark`,
    );
  else if (value === null)
    problem = label(
      `"${shown}" er ikke et helt tal på 0 eller derover`,
      `"${shown}" is not a whole non-negative number`,
    );
  const expected = label(
    "et helt antal virksomheder på 0 eller derover, skrevet uden tusindtalsseparator (eller med filens egen)",
    "a whole non-negative number of firms, written without a thousands separator (or with the file's own)",
  );
  throw new DataError({ file: source, row, column: "count", value: shown, problem, expected });
}
