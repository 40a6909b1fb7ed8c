/** A claim's checks in Danish words: the value with its interval and p, the status, a verdict on a difference. */
import { STATUS_WORDS, judgeDifference } from "../report/claim-tests";
import type { ClaimCheck } from "../report/claim-tests";
import { decimal, integer, pText, percent, range, signedPoints } from "./format";
import type { TableValue } from "./table";

/** Barriers per firm with a sign, two decimals. */
const signedBarriers = (x: number): string => `${x > 0 ? "+" : x < 0 ? "−" : ""}${decimal(Math.abs(x), 2)}`;

/** A check's value, 95 % interval and p. @example checkText(c) // "+4,8 point (95 %-KI −3,0 til +12,7; p = 0,228)" */
export function checkText(c: ClaimCheck): string {
  const p = c.p === null ? "" : `; ${pText(c.p)}`;
  if (c.unit === "count") return integer(c.value);
  if (c.ciLow === null || c.ciHigh === null) return c.unit === "share" ? `${percent(c.value)} %` : decimal(c.value);
  if (c.unit === "share") return `${percent(c.value)} % (95 %-KI ${range(100 * c.ciLow, 100 * c.ciHigh)} %${p})`;
  const [f, unit] = c.unit === "points" ? [signedPoints, "point"] : [signedBarriers, "barrierer pr. virksomhed"];
  return `${f(c.value)} ${unit} (95 %-KI ${f(c.ciLow)} til ${f(c.ciHigh)}${p})`;
}

/** Checks as table rows: what is compared, the result, the status. @example showTable(checkRows(checks)) */
export function checkRows(checks: readonly ClaimCheck[]): Record<string, TableValue>[] {
  return checks.map((c) => ({ Tjek: c.label, Resultat: checkText(c), Status: STATUS_WORDS[c.status] }));
}

/** A claim's verdict on a difference: "holder" only at p < 0,05 in its direction. @example verdict(d, 1) // "holder" */
export function verdict(d: { value: number; p: number }, expected: 1 | -1 | 0): string {
  return STATUS_WORDS[judgeDifference(d, expected)];
}
