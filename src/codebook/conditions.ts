/** Declarative filters on a respondent (bases and skip logic), printable and checkable. */

/** A filter on one respondent: codes of a column, combinations, or every respondent. */
export type Condition =
  | { variable: string; in: readonly number[] }
  | { anyOf: readonly Condition[] }
  | { allOf: readonly Condition[] }
  | { not: Condition }
  | { always: true };

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

/**
 * {@link holds} on every respondent at once, column by column: 1 where it holds, 0 where not.
 * @example holdsMask({ variable: "ai_brug", in: [3, 4, 5] }, () => [4, 1, null], 3) // Uint8Array [1, 0, 0]
 */
export function holdsMask(
  condition: Condition,
  column: (name: string) => ArrayLike<number | null>,
  rows: number,
): Uint8Array {
  const mask = new Uint8Array(rows);
  if ("always" in condition) return mask.fill(1);
  if ("variable" in condition) return foldLeaf(mask, condition.in, column(condition.variable), true);
  if ("not" in condition) return holdsMask(condition.not, column, rows).map((inner) => 1 - inner);
  return foldParts(mask.fill("anyOf" in condition ? 0 : 1), condition, column);
}

/**
 * Folds the parts of an `anyOf` / `allOf` into `mask` (its result so far): the leaves, then the combinations, smaller
 * first, each starting with the rows already decided (held for `anyOf`, failed for `allOf`) decided, so it skips them.
 */
function foldParts(
  mask: Uint8Array,
  condition: { anyOf: readonly Condition[] } | { allOf: readonly Condition[] },
  column: (name: string) => ArrayLike<number | null>,
): Uint8Array {
  const any = "anyOf" in condition;
  const parts = any ? condition.anyOf : condition.allOf;
  for (const part of parts) if ("variable" in part) foldLeaf(mask, part.in, column(part.variable), any);
  const size = (c: Condition): number => JSON.stringify(c).length;
  for (const part of parts.filter((p) => !("variable" in p)).sort((a, b) => size(a) - size(b))) {
    const inner =
      "anyOf" in part || "allOf" in part
        ? foldParts("anyOf" in part === any ? mask.slice() : mask.map((m) => 1 - m), part, column)
        : holdsMask(part, column, mask.length);
    for (let i = 0; i < mask.length; i++) mask[i] = any ? mask[i] | inner[i] : mask[i] & inner[i];
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
