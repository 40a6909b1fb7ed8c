/** Declarative filters on a respondent (bases and skip logic), printable and checkable. */

/** A filter on one respondent: codes of a column, combinations, or every respondent. */
export type Condition =
  | { variable: string; in: readonly number[] }
  | { anyOf: readonly Condition[] }
  | { allOf: readonly Condition[] }
  | { not: Condition }
  | { always: true };

/** A column's cells by its name. @example const column: ColumnOf = (name) => design.data[name]; */
export type ColumnOf = (name: string) => ArrayLike<number | null>;

/** The condition every respondent meets. @example holds(ALWAYS, () => null) // true */
export const ALWAYS: Condition = { always: true };

/** Whether one respondent meets it. @example holds({ variable: "ai_brug", in: [3, 4, 5] }, () => 4) // true */
export function holds(condition: Condition, value: (column: string) => number | null): boolean {
  if ("always" in condition) return true;
  if ("not" in condition) return !holds(condition.not, value);
  if ("anyOf" in condition) return condition.anyOf.some((c) => holds(c, value));
  if ("allOf" in condition) return condition.allOf.every((c) => holds(c, value));
  const v = value(condition.variable);
  return v !== null && condition.in.includes(v);
}

/** {@link holds} on every row at once: 1 where it holds. @example holdsMask(cond, (c) => design.data[c], design.n) */
export function holdsMask(condition: Condition, column: ColumnOf, rows: number): Uint8Array {
  const mask = new Uint8Array(rows);
  if ("always" in condition) return mask.fill(1);
  if ("variable" in condition) return foldLeaf(mask, condition.in, column(condition.variable), true);
  if ("not" in condition) {
    const inner = holdsMask(condition.not, column, rows);
    for (let i = 0; i < rows; i++) mask[i] = 1 - inner[i];
    return mask;
  }
  const any = "anyOf" in condition;
  if (!any) mask.fill(1);
  for (const part of any ? condition.anyOf : condition.allOf) {
    if ("variable" in part) foldLeaf(mask, part.in, column(part.variable), any);
    else {
      const inner = holdsMask(part, column, rows);
      for (let i = 0; i < rows; i++) mask[i] = any ? mask[i] | inner[i] : mask[i] & inner[i];
    }
  }
  return mask;
}

/** Folds "the cell is one of `codes`" into `mask`: sets the rows where it holds (`any`), or clears those where not. */
function foldLeaf(
  mask: Uint8Array,
  codes: readonly number[],
  values: ArrayLike<number | null>,
  any: boolean,
): Uint8Array {
  // Codes 0–255 (all of today's): a table lookup; a cell that is not a whole number finds no entry.
  const small = codes.every((c) => Number.isInteger(c) && c >= 0 && c < 256);
  const table = new Uint8Array(256);
  if (small) for (const c of codes) table[c] = 1;
  const n = mask.length;
  // One loop per case, so that the hot loop tests nothing it could decide once.
  if (small && any) {
    for (let i = 0; i < n; i++) {
      if (mask[i] === 1) continue; // holds already
      const v = values[i];
      if (v !== null && v >= 0 && v < 256 && table[v] === 1) mask[i] = 1;
    }
  } else if (small) {
    for (let i = 0; i < n; i++) {
      if (mask[i] === 0) continue; // fails already
      const v = values[i];
      if (v === null || !(v >= 0 && v < 256 && table[v] === 1)) mask[i] = 0;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (mask[i] !== (any ? 1 : 0) && (v !== null && codes.includes(v)) === any) mask[i] = any ? 1 : 0;
    }
  }
  return mask;
}
