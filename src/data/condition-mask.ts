/**
 * Conditions (bases, skip logic) evaluated column-wise on a compact panel: one byte per row, 1 where
 * the condition holds. A million rows take milliseconds per condition, with no column unpacked.
 */

import type { Condition } from "../codebook";
import { INVALID_CODE, type CompactPanel } from "./compact";

/** The masks made on each compact panel (a compact panel is not changed once read), so that the skip-logic checks and the bases share them. */
const panelMasks = new WeakMap<CompactPanel, Map<string, Uint8Array>>();

function masksOf(compact: CompactPanel): Map<string, Uint8Array> {
  let masks = panelMasks.get(compact);
  if (masks === undefined) {
    masks = new Map();
    panelMasks.set(compact, masks);
  }
  return masks;
}

/**
 * Whether a condition holds on each row (1) or not (0), evaluated column-wise. The mask is kept
 * with the panel (or in `cache`) and returned again for the same condition: do not change it.
 * @example conditionMask({ variable: "ai_brug", in: [2, 3, 4, 5] }, compact)
 */
export function conditionMask(condition: Condition, compact: CompactPanel, cache = masksOf(compact)): Uint8Array {
  const key = JSON.stringify(condition);
  const hit = cache.get(key);
  if (hit) return hit;
  const out = new Uint8Array(compact.rowCount);
  if ("always" in condition) out.fill(1);
  else if ("not" in condition) combine(out, conditionMask(condition.not, compact, cache), "not");
  else if ("variable" in condition) combineLeaf(out, compact, condition, "set");
  else {
    const op = "anyOf" in condition ? "or" : "and";
    if (op === "and") out.fill(1);
    for (const part of "anyOf" in condition ? condition.anyOf : condition.allOf) {
      // A leaf is folded in as it is read (no mask of its own); anything else is a mask, cached.
      if ("variable" in part) combineLeaf(out, compact, part, op);
      else combine(out, conditionMask(part, compact, cache), op);
    }
  }
  cache.set(key, out);
  return out;
}

type Op = "set" | "or" | "and" | "not";

/** Four rows at a time where both arrays start on a 4-byte boundary; the rest byte by byte. */
function words(a: Uint8Array | Int8Array, b: Uint8Array): number {
  return a.byteOffset % 4 === 0 && b.byteOffset % 4 === 0 ? b.length >>> 2 : 0;
}

function view32(a: Uint8Array | Int8Array, w: number): Uint32Array {
  return w === 0 ? new Uint32Array(0) : new Uint32Array(a.buffer, a.byteOffset, w);
}

function combine(out: Uint8Array, m: Uint8Array, op: Op): void {
  const w = words(m, out);
  const o32 = view32(out, w);
  const m32 = view32(m, w);
  if (op === "or") orWords(o32, m32);
  else if (op === "and") andWords(o32, m32);
  else if (op === "not") notWords(o32, m32);
  else o32.set(m32);
  for (let i = w * 4; i < out.length; i++) out[i] = op === "or" ? out[i] | m[i] : op === "and" ? out[i] & m[i] : op === "not" ? 1 - m[i] : m[i];
}

/** Folds "the cell is one of the condition's codes" into `out` (a missing column holds nowhere; empty and invalid cells hold for no code). */
function combineLeaf(out: Uint8Array, compact: CompactPanel, leaf: { variable: string; in: readonly number[] }, op: Op): void {
  const values = compact.codes[leaf.variable];
  const codes = leaf.in.filter((v) => Number.isInteger(v) && v > INVALID_CODE && v <= 127);
  if (values === undefined || codes.length === 0) {
    if (op === "set" || op === "and") out.fill(0);
    return;
  }
  const w = words(values, out);
  const o32 = view32(out, w);
  const v32 = view32(values, w);
  // 0x01 in each byte equal to a code: the exact zero-byte test on the word XOR the code repeated.
  const hits = op === "or" ? o32 : new Uint32Array(w);
  for (const c of codes) matchInto(hits, v32, Math.imul(c & 0xff, 0x01010101));
  if (op === "and") andWords(o32, hits);
  else if (op === "set") o32.set(hits);
  const set = new Uint8Array(256);
  for (const c of codes) set[c + 128] = 1;
  for (let i = w * 4; i < out.length; i++) {
    const hit = set[values[i] + 128];
    out[i] = op === "or" ? out[i] | hit : op === "and" ? out[i] & hit : hit;
  }
}

function matchInto(hits: Uint32Array, v32: Uint32Array, pattern: number): void {
  for (let k = 0; k < v32.length; k++) {
    const x = v32[k] ^ pattern;
    hits[k] |= (~((((x & 0x7f7f7f7f) + 0x7f7f7f7f) | 0) | x) & 0x80808080) >>> 7;
  }
}

function orWords(out: Uint32Array, m: Uint32Array): void {
  for (let k = 0; k < out.length; k++) out[k] |= m[k];
}
function andWords(out: Uint32Array, m: Uint32Array): void {
  for (let k = 0; k < out.length; k++) out[k] &= m[k];
}
function notWords(out: Uint32Array, m: Uint32Array): void {
  for (let k = 0; k < out.length; k++) out[k] = m[k] ^ 0x01010101;
}
