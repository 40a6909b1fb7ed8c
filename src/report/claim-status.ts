/** How a claim of the report is judged: the statuses, their Danish words, and the 5 % rule for a difference. */

/** A claim's status: reproduced by its rule, a test at the 5 % level, or no check possible. */
export type ClaimStatus = "reproduced" | "holds" | "same_direction" | "does_not_hold" | "not_checkable";

/** The level a difference must reach before a claim "holder". @example SIGNIFICANCE // 0.05 */
export const SIGNIFICANCE = 0.05;

/**
 * The statuses in Danish, as the site and the notebooks write them.
 * @example STATUS_WORDS.same_direction // "samme retning, ikke signifikant"
 */
export const STATUS_WORDS: Readonly<Record<ClaimStatus, string>> = {
  reproduced: "gengivet inden for reglen",
  holds: "holder",
  same_direction: "samme retning, ikke signifikant",
  does_not_hold: "holder ikke",
  not_checkable: "kan ikke tjekkes her",
};

/** Worst first: a claim made of several checks has the status of its worst. */
const SEVERITY: Readonly<Record<ClaimStatus, number>> = {
  reproduced: 0,
  holds: 1,
  same_direction: 2,
  not_checkable: 3,
  does_not_hold: 4,
};

/**
 * A directional claim judged on a difference: "holds" only with p < 0.05 in the claimed direction
 * (`expected` +1 or −1; 0 for "they differ", either way), "same_direction" with p ≥ 0.05, else "does_not_hold".
 * @example judgeDifference({ value: 0.048, p: 0.228 }, 1) // "same_direction"
 */
export function judgeDifference(d: { value: number; p: number }, expected: 1 | -1 | 0): ClaimStatus {
  if (!Number.isFinite(d.value) || !Number.isFinite(d.p))
    throw new Error(`judgeDifference: the difference ${d.value} or its p ${d.p} is not a finite number`);
  const rightWay = expected === 0 ? d.value !== 0 : Math.sign(d.value) === expected;
  if (!rightWay) return "does_not_hold";
  return d.p < SIGNIFICANCE ? "holds" : "same_direction";
}

/**
 * The status of several checks together: the worst of them.
 * @example worstStatus(["holds", "same_direction"]) // "same_direction"
 */
export function worstStatus(statuses: readonly ClaimStatus[]): ClaimStatus {
  if (statuses.length === 0) throw new Error("worstStatus: no statuses, expected at least one check");
  return statuses.reduce((a, b) => (SEVERITY[b] > SEVERITY[a] ? b : a));
}
