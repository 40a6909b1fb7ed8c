/**
 * Conditions (bases, skip logic) evaluated column-wise on a compact panel: one byte per row, 1 where
 * the condition holds. A million rows take milliseconds per condition, with no column unpacked.
 */

import type { Condition } from "./codebook";
import { INVALID_CODE, type CompactPanel } from "./compact";

/**
 * Whether a condition holds on each row (1) or not (0), evaluated column-wise.
 * @example conditionMask({ variable: "ai_brug", in: [2, 3, 4, 5] }, compact)
 */
export function conditionMask(condition: Condition, compact: CompactPanel, cache = new Map<string, Uint8Array>()): Uint8Array {
  const key = JSON.stringify(condition);
  const hit = cache.get(key);
  if (hit) return hit;
  const n = compact.rowCount;
  const out = new Uint8Array(n);
  if ("always" in condition) out.fill(1);
  else if ("not" in condition) notInto(out, conditionMask(condition.not, compact, cache));
  else if ("anyOf" in condition) for (const part of condition.anyOf) orInto(out, conditionMask(part, compact, cache));
  else if ("allOf" in condition) {
    out.fill(1);
    for (const part of condition.allOf) andInto(out, conditionMask(part, compact, cache));
  } else {
    const values = compact.codes[condition.variable];
    if (values !== undefined) {
      const set = new Uint8Array(256);
      for (const v of condition.in) if (Number.isInteger(v) && v > INVALID_CODE && v <= 127) set[v + 128] = 1;
      leafInto(out, values, set); // EMPTY_CODE and INVALID_CODE are in no set
    }
  }
  cache.set(key, out);
  return out;
}

function notInto(out: Uint8Array, m: Uint8Array): void {
  for (let i = 0; i < out.length; i++) out[i] = 1 - m[i];
}
function orInto(out: Uint8Array, m: Uint8Array): void {
  for (let i = 0; i < out.length; i++) out[i] |= m[i];
}
function andInto(out: Uint8Array, m: Uint8Array): void {
  for (let i = 0; i < out.length; i++) out[i] &= m[i];
}
function leafInto(out: Uint8Array, values: Int8Array, set: Uint8Array): void {
  for (let i = 0; i < out.length; i++) out[i] = set[values[i] + 128];
}
