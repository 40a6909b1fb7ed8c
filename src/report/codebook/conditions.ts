/**
 * Declarative filters on a respondent. Bases and skip logic are written with these, so they can be
 * printed, checked and evaluated without code.
 */

/** A filter on one respondent: codes of a column, combinations, or every respondent. */
export type Condition =
  | { variable: string; in: readonly number[] }
  | { anyOf: readonly Condition[] }
  | { allOf: readonly Condition[] }
  | { not: Condition }
  | { always: true };

/**
 * The condition every respondent meets.
 * @example holds(ALWAYS, () => null) // true
 */
export const ALWAYS: Condition = { always: true };

/**
 * Evaluates a condition on one respondent, given a lookup of its (possibly empty) cells.
 * @example holds({ variable: "ai_brug", in: [3, 4, 5] }, () => 4) // true
 */
export function holds(condition: Condition, value: (column: string) => number | null): boolean {
  if ("always" in condition) return true;
  if ("not" in condition) return !holds(condition.not, value);
  if ("anyOf" in condition) return condition.anyOf.some((c) => holds(c, value));
  if ("allOf" in condition) return condition.allOf.every((c) => holds(c, value));
  const v = value(condition.variable);
  return v !== null && condition.in.includes(v);
}
