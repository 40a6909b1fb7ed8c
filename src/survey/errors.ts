/** The error types of the survey engine. */

/** A text in Danish and English (as the codebook's labels); a plain string is the same text in both. */
export type Bilingual = string | { da: string; en: string };

/** Where and what a data problem is: file and what was expected, and the row (1-based), column, value and problem. */
interface DataErrorDetails {
  file: string;
  row?: number | null;
  column?: string | null;
  value?: string | null;
  expected: Bilingual;
  /** Default: `value "<value>" is not valid` (or `invalid input`). */
  problem?: Bilingual;
}

const english = (text: Bilingual): string => (typeof text === "object" ? text.en : text);
const danish = (text: Bilingual): string => (typeof text === "string" ? text : text.da);

/**
 * A problem in input data, located by file, row and column; `problem` and `expected` keep their Danish in `da`.
 * @example new DataError({ file: "panel.csv", row: 17, column: "ai_brug", value: "7", expected: "one of 1, 2, 3" })
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
    const [row, column, value] = [details.row ?? null, details.column ?? null, details.value ?? null];
    const given = details.problem === undefined ? undefined : english(details.problem);
    const problem = given ?? (value !== null ? `value "${value}" is not valid` : "invalid input");
    let where = details.file;
    if (row !== null) where += `, row ${row}`;
    if (column !== null) where += `, column "${column}"`;
    super(`${where}: ${problem}; expected ${english(details.expected)}`);
    this.name = "DataError";
    [this.file, this.row, this.column, this.value] = [details.file, row, column, value];
    this.expected = english(details.expected);
    this.problem = problem;
    const daProblem = details.problem === undefined ? null : danish(details.problem);
    this.da = { problem: daProblem, expected: danish(details.expected) };
  }
}

/** One margin cell of a failed calibration: what was wanted and what the last iteration achieved. */
export interface UnmetTarget {
  variable: string;
  level: number;
  target: number;
  achieved: number;
}

/**
 * Raking or calibration that did not reach its targets: lists every margin cell with its target and achieved total.
 * @example throw new ConvergenceError("Raking (IPF)", 1000, 1e-10, [{ variable: "sex", level: 1, target: 4, achieved: 3.9 }]);
 */
export class ConvergenceError extends Error {
  readonly iterations: number;
  readonly tolerance: number;
  readonly cells: readonly UnmetTarget[];

  constructor(what: string, iterations: number, tolerance: number, cells: readonly UnmetTarget[]) {
    const shown = (x: number) => (Number.isInteger(x) ? String(x) : x.toPrecision(10));
    const lines = cells.map((c) => {
      const rel = c.target > 0 ? Math.abs(c.achieved - c.target) / c.target : Math.abs(c.achieved - c.target);
      const flag = rel > tolerance ? "  <-- off" : "";
      return `  ${c.variable}=${c.level}: target ${shown(c.target)}, achieved ${shown(c.achieved)} (relative error ${rel.toExponential(2)})${flag}`;
    });
    super(
      `${what} did not converge to relative tolerance ${tolerance} within ${iterations} iterations.\n` +
        `Achieved vs target per margin cell:\n${lines.join("\n")}`,
    );
    this.name = "ConvergenceError";
    [this.iterations, this.tolerance, this.cells] = [iterations, tolerance, cells];
  }
}

/** The error for a domain without a row of positive weight: `throw emptyDomain("panel.csv", "ai_brug ∈ {9}");`. */
export function emptyDomain(source: string, label?: string): DataError {
  return new DataError({
    file: source,
    column: "domain",
    problem: `the domain${label ? ` (${label})` : ""} is empty (no row with positive weight)`,
    expected: "at least one row in the domain",
  });
}
