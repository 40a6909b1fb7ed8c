/**
 * The panel's consistency checks, column-wise on the compact panel: unique ids, skip logic (a cell
 * is filled exactly when its question was asked) and multi-response groups. Each check lists
 * every violation with its count and first rows (for `validate`), and `checkPanel` raises the
 * first one as the loader's DataError.
 */

import { COLUMNS, MULTI_RESPONSE_GROUPS, type ColumnSpec, type Condition } from "../codebook";
import { DataError } from "../survey";
import { EMPTY_CODE, INVALID_CODE, idTextOf, type CompactPanel } from "./compact";
import { conditionMask } from "./condition-mask";

export { conditionMask } from "./condition-mask";
import { printable } from "./cells";

/** One kind of violation in one column: how many rows, the first of them (1-based), and the error the loader raises for the first. */
export interface Violation {
  column: string;
  count: number;
  rows: number[];
  error: DataError;
}

/** Describes a condition in words, for error messages. @example describeCondition({ variable: "ai_brug", in: [2, 3] }) // "ai_brug in 2, 3" */
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

/**
 * Every skip-logic violation: per column, cells empty where the question was asked, and cells
 * answered where it was not.
 * @example skipLogicViolations(compact).map((v) => `${v.column}: ${v.count}`)
 */
export function skipLogicViolations(compact: CompactPanel, firstRows = 5): Violation[] {
  const out: Violation[] = [];
  for (const spec of COLUMNS) {
    const values = compact.codes[spec.name];
    if (values === undefined) continue;
    const asked = conditionMask(spec.askedOf, compact);
    if (countMismatches(values, asked) === 0) continue;
    const empty: number[] = [];
    const answered: number[] = [];
    let emptyCount = 0;
    let answeredCount = 0;
    for (let i = 0; i < compact.rowCount; i++) {
      const isEmpty = values[i] === EMPTY_CODE;
      if (values[i] === INVALID_CODE) continue; // reported where it was read
      if (asked[i] === 1 && isEmpty) {
        if (emptyCount++ < firstRows) empty.push(i + 1);
      } else if (asked[i] === 0 && !isEmpty) {
        if (answeredCount++ < firstRows) answered.push(i + 1);
      }
    }
    if (emptyCount > 0) out.push({ column: spec.name, count: emptyCount, rows: empty, error: emptyError(compact.source, spec, empty[0]) });
    if (answeredCount > 0) out.push({ column: spec.name, count: answeredCount, rows: answered, error: answeredError(compact.source, spec, answered[0], values[answered[0] - 1]) });
  }
  return out;
}

/** Rows where a cell is empty though asked, or filled though not asked (invalid cells included; the caller sorts them out). */
function countMismatches(values: Int8Array, asked: Uint8Array): number {
  // Four rows at a time: an empty (or invalid) cell is the only one with its high bit set.
  let bad = 0;
  let i = 0;
  if (values.byteOffset % 4 === 0 && asked.byteOffset % 4 === 0) {
    const words = values.length >>> 2;
    const v32 = new Uint32Array(values.buffer, values.byteOffset, words);
    const a32 = new Uint32Array(asked.buffer, asked.byteOffset, words);
    for (let k = 0; k < words; k++) {
      const m = ((v32[k] >>> 7) & 0x01010101) ^ a32[k] ^ 0x01010101;
      bad += Math.imul(m, 0x01010101) >>> 24;
    }
    i = words * 4;
  }
  for (; i < values.length; i++) bad += (values[i] < -126 ? 1 : 0) ^ (1 - asked[i]);
  return bad;
}

function emptyError(file: string, spec: ColumnSpec, row: number): DataError {
  const always = "always" in spec.askedOf;
  return new DataError({
    file,
    row,
    column: spec.name,
    value: "",
    problem: always ? "the cell is empty but every respondent is asked this" : `the cell is empty but the question was asked (${describeCondition(spec.askedOf)})`,
    expected: `one of ${spec.codes.map((c) => c.code).join(", ")}`,
  });
}

function answeredError(file: string, spec: ColumnSpec, row: number, cell: number): DataError {
  return new DataError({
    file,
    row,
    column: spec.name,
    value: String(cell),
    problem: `value "${cell}" is answered where the question was not asked (asked only where ${describeCondition(spec.askedOf)})`,
    expected: "an empty cell (not asked)",
  });
}

/**
 * Every multi-response violation: rows choosing too few or too many items, and the exclusive item chosen with others.
 * @example multiResponseViolations(compact).length // 0 for a valid panel
 */
export function multiResponseViolations(compact: CompactPanel, firstRows = 5): Violation[] {
  const out: Violation[] = [];
  for (const group of MULTI_RESPONSE_GROUPS) {
    const cols = group.columns.map((c) => compact.codes[c]);
    if (cols.some((c) => c === undefined)) continue;
    const exclusive = group.exclusiveColumn !== undefined ? compact.codes[group.exclusiveColumn] : undefined;
    const { min, max } = group.choices;
    const count: number[] = [];
    const both: number[] = [];
    let countN = 0;
    let bothN = 0;
    let countError: DataError | null = null;
    let bothError: DataError | null = null;
    const counts = chosenCounts(cols, compact.rowCount);
    const bad = (from: number): number => nextBadRow(cols[0], counts, exclusive ?? null, min, max, from);
    for (let r = bad(0); r >= 0; r = bad(r + 1)) {
      const chosen = counts[r];
      if (chosen < min || chosen > max) {
        if (countN++ < firstRows) count.push(r + 1);
        if (countError === null) {
          const names = group.columns.filter((_, k) => cols[k][r] === 1);
          countError = new DataError({
            file: compact.source,
            row: r + 1,
            column: group.name,
            value: String(chosen),
            problem: `${chosen} item${chosen === 1 ? "" : "s"} chosen in multi-response question "${group.name}"${chosen ? ` (${names.join(", ")})` : ""}`,
            expected: min === max ? `exactly ${min}` : `between ${min} and ${max} items chosen`,
          });
        }
      } else if (exclusive !== undefined && exclusive[r] === 1 && chosen > 1) {
        if (bothN++ < firstRows) both.push(r + 1);
        if (bothError === null) {
          const others = group.columns.filter((c, k) => cols[k][r] === 1 && c !== group.exclusiveColumn);
          bothError = new DataError({ file: compact.source, row: r + 1, column: group.exclusiveColumn, value: "1", problem: `the exclusive item "${group.exclusiveColumn}" is chosen together with ${others.join(", ")}`, expected: `"${group.exclusiveColumn}" alone, or 0` });
        }
      }
    }
    if (countError) out.push({ column: group.name, count: countN, rows: count, error: countError });
    if (bothError) out.push({ column: group.exclusiveColumn ?? group.name, count: bothN, rows: both, error: bothError });
  }
  return out;
}

/** The first row from `from` on that was asked (first column not empty) and breaks the group's rules, or −1. */
function nextBadRow(first: Int8Array, counts: Uint8Array, exclusive: Int8Array | null, min: number, max: number, from: number): number {
  for (let r = from; r < first.length; r++) {
    if (first[r] === EMPTY_CODE) continue;
    const chosen = counts[r];
    if (chosen < min || chosen > max || (exclusive !== null && exclusive[r] === 1 && chosen > 1)) return r;
  }
  return -1;
}

/** Per row, how many of the 0/1 columns are 1 (four rows at a time where the arrays are aligned). */
function chosenCounts(cols: readonly Int8Array[], rowCount: number): Uint8Array {
  const counts = new Uint8Array(rowCount);
  const words = rowCount >>> 2;
  const aligned = cols.every((c) => c.byteOffset % 4 === 0);
  const c32 = new Uint32Array(counts.buffer, 0, words);
  for (const c of cols) {
    let r = 0;
    if (aligned) {
      const v32 = new Uint32Array(c.buffer, c.byteOffset, words);
      for (let k = 0; k < words; k++) c32[k] += v32[k] & 0x01010101 & ~(v32[k] >>> 7);
      r = words * 4;
    }
    for (; r < rowCount; r++) counts[r] += c[r] === 1 ? 1 : 0;
  }
  return counts;
}

/**
 * Ids used more than once (compared as the text read).
 * @example duplicateIds(compact)[0]?.error.message
 */
export function duplicateIds(compact: CompactPanel, firstRows = 5): Violation[] {
  if (idsSurelyUnique(idTextOf(compact), compact.rowCount)) return [];
  const seen = new Map<string, number>();
  const rows: number[] = [];
  let count = 0;
  let error: DataError | null = null;
  compact.ids.forEach((id, r) => {
    if (id === "") return; // an invalid id, reported where it was read
    const first = seen.get(id);
    if (first === undefined) {
      seen.set(id, r + 1);
      return;
    }
    if (count++ < firstRows) rows.push(r + 1);
    error ??= new DataError({ file: compact.source, row: r + 1, column: "id", value: printable(id), problem: `id ${printable(id)} is used twice (first in row ${first})`, expected: "a unique integer per row" });
  });
  return error ? [{ column: "id", count, rows, error }] : [];
}

/**
 * True when every id is digits without a leading zero, at most 15 long (so exact as a number), and
 * no number repeats. Reads the ids joined by line feeds (`idTextOf`), so that a million ids need no
 * million strings.
 */
function idsSurelyUnique(text: string, count: number): boolean {
  const numbers = new Float64Array(count);
  const increasing = idNumbers(text, numbers);
  if (increasing === null) return false;
  if (increasing) return true; // ids in rising order (the usual 1, 2, 3, …) are unique without sorting
  numbers.sort();
  for (let i = 1; i < numbers.length; i++) if (numbers[i] === numbers[i - 1]) return false;
  return true;
}

/** Each line of `text` as a number into `numbers`: null when a line is not 1–15 digits without a leading zero (or the count differs), else whether they rise. */
function idNumbers(text: string, numbers: Float64Array): boolean | null {
  let increasing = true;
  let row = 0;
  let x = 0;
  let length = 0;
  let first = 0;
  for (let k = 0; k <= text.length; k++) {
    const c = k < text.length ? text.charCodeAt(k) : 0x0a;
    if (c === 0x0a) {
      if (length === 0 || length > 15 || (length > 1 && first === 0x30) || row >= numbers.length) return null;
      numbers[row] = x;
      if (row > 0 && !(x > numbers[row - 1])) increasing = false;
      row++;
      x = 0;
      length = 0;
    } else {
      if (c < 0x30 || c > 0x39) return null;
      if (length === 0) first = c;
      x = x * 10 + (c - 0x30);
      length++;
    }
  }
  return row === numbers.length ? increasing : null;
}

/**
 * Raises the first problem as a DataError: duplicate ids, then the earliest skip-logic violation
 * (by row, then column order), then multi-response; also too few rows.
 * @example checkPanel(compact); // throws or returns
 */
export function checkPanel(compact: CompactPanel): void {
  if (compact.rowCount < 2) {
    throw new DataError({ file: compact.source, row: null, problem: `the file has only ${compact.rowCount} data row${compact.rowCount === 1 ? "" : "s"}`, expected: "at least 2 respondents (a variance needs two)" });
  }
  const dup = duplicateIds(compact, 1);
  if (dup.length > 0) throw dup[0].error;
  const skip = skipLogicViolations(compact, 1);
  if (skip.length > 0) throw skip.reduce((a, b) => (b.rows[0] < a.rows[0] ? b : a)).error;
  const multi = multiResponseViolations(compact, 1);
  if (multi.length > 0) throw multi.reduce((a, b) => (b.rows[0] < a.rows[0] ? b : a)).error;
}
