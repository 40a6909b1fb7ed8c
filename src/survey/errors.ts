/** The error types of the survey engine. */

/** A text in Danish and English (as the codebook's labels); a plain string is the same text in both. */
export type Bilingual = string | { da: string; en: string };

/** Where and what a data problem is. Every field but `file` and `expected` is optional. */
export interface DataErrorDetails {
  /** The file (or label of an in-memory input) the value came from. */
  file: string;
  /** 1-based data row (the first row after the header is row 1), or null when the problem is not in one row. */
  row?: number | null;
  /** Column (or variable) name, or null when the problem is not in one column. */
  column?: string | null;
  /** The offending value as it appeared in the input, or null. */
  value?: string | null;
  /** What was expected, in words: `one of 1, 2, 3`, `a non-negative number`, ... */
  expected: Bilingual;
  /** What is wrong, in words. Defaults to `value "<value>" is not valid` (or `invalid input`). */
  problem?: Bilingual;
}

/**
 * A problem in input data, located by file, row and column.
 * @example
 * throw new DataError({ file: "panel.csv", row: 17, column: "ai_brug", value: "7",
 *   problem: 'value "7" is not a valid code', expected: "one of 1, 2, 3, 4, 5" });
 * // message: panel.csv, row 17, column "ai_brug": value "7" is not a valid code; expected one of 1, 2, 3, 4, 5
 * Given as `{ da, en }`, `problem` and `expected` keep their Danish in `da` (the message is the English); the
 * commands print either through the message catalogue (`errorText` in src/codebook/messages).
 */
export class DataError extends Error {
  readonly file: string;
  readonly row: number | null;
  readonly column: string | null;
  readonly value: string | null;
  readonly expected: string;
  readonly problem: string;
  /** The problem (null: the default) and what was expected in Danish, for the message catalogue's frame. */
  readonly da: { problem: string | null; expected: string };

  constructor(details: DataErrorDetails) {
    const row = details.row ?? null;
    const column = details.column ?? null;
    const value = details.value ?? null;
    const problem = english(details.problem) ?? (value !== null ? `value "${value}" is not valid` : "invalid input");
    super(`${dataErrorLocation(details.file, row, column)}: ${problem}; expected ${english(details.expected)}`);
    this.name = "DataError";
    this.file = details.file;
    this.row = row;
    this.column = column;
    this.value = value;
    this.expected = english(details.expected);
    this.problem = problem;
    const danish = (text: Bilingual): string => (typeof text === "string" ? text : text.da);
    this.da = {
      problem: details.problem === undefined ? null : danish(details.problem),
      expected: danish(details.expected),
    };
  }
}

function english(text: Bilingual): string;
function english(text: Bilingual | undefined): string | undefined;
function english(text: Bilingual | undefined): string | undefined {
  return typeof text === "object" ? text.en : text;
}

/**
 * The location part of a DataError message.
 * @example dataErrorLocation("panel.csv", 3, "x") // 'panel.csv, row 3, column "x"'
 */
export function dataErrorLocation(file: string, row: number | null, column: string | null): string {
  let where = file;
  if (row !== null) where += `, row ${row}`;
  if (column !== null) where += `, column "${column}"`;
  return where;
}

/** One margin cell of a failed calibration: what was wanted and what the last iteration achieved. */
export interface UnmetTarget {
  variable: string;
  level: number;
  target: number;
  achieved: number;
}

/**
 * Raking or calibration that did not reach its targets within the iteration limit (for example
 * because the bounds are infeasible). Lists every margin cell with its target and achieved total.
 * @example throw new ConvergenceError("Raking (IPF)", 1000, 1e-10, [{ variable: "sex", level: 1, target: 4, achieved: 3.9 }]);
 */
export class ConvergenceError extends Error {
  readonly iterations: number;
  readonly tolerance: number;
  readonly cells: readonly UnmetTarget[];

  constructor(what: string, iterations: number, tolerance: number, cells: readonly UnmetTarget[]) {
    const lines = cells.map((c) => {
      const rel = c.target > 0 ? Math.abs(c.achieved - c.target) / c.target : Math.abs(c.achieved - c.target);
      const flag = rel > tolerance ? "  <-- off" : "";
      return `  ${c.variable}=${c.level}: target ${formatNumber(c.target)}, achieved ${formatNumber(c.achieved)} (relative error ${rel.toExponential(2)})${flag}`;
    });
    super(
      `${what} did not converge to relative tolerance ${tolerance} within ${iterations} iterations.\n` +
        `Achieved vs target per margin cell:\n${lines.join("\n")}`,
    );
    this.name = "ConvergenceError";
    this.iterations = iterations;
    this.tolerance = tolerance;
    this.cells = cells;
  }
}

function formatNumber(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(10);
}

/**
 * The error for a domain without a row of positive weight.
 * @example throw emptyDomain("panel.csv", "ai_brug ∈ {9}");
 */
export function emptyDomain(source: string, label?: string): DataError {
  return new DataError({
    file: source,
    column: "domain",
    problem: `the domain${label ? ` (${label})` : ""} is empty (no row with positive weight)`,
    expected: "at least one row in the domain",
  });
}
