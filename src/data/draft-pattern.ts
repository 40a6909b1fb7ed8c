/** The supplier's numbering (`Q5_{område}_{punkt}`), learnt from the columns matched, places the family's others. */

import { COLUMNS } from "../codebook";
import type { RawVariable } from "./readers/sav-dictionary";

/** A contract column's family and parts: `bar_salg_viden` → `bar`, [salg, viden]; `pot_hr` → `pot`, [hr]. */
function contractParts(name: string): { family: string; parts: string[] } | null {
  const spec = COLUMNS.find((c) => c.name === name);
  if (spec === undefined || spec.kind === "id") return null;
  if (spec.group !== undefined && spec.item !== undefined) {
    const [family, ...area] = spec.group.split("_");
    return { family, parts: [...(area.length > 0 ? [area.join("_")] : []), spec.item] };
  }
  const cut = name.indexOf("_");
  return cut < 0 ? null : { family: name.slice(0, cut), parts: [name.slice(cut + 1)] };
}

/** The most frequent entry of a count map, with its count. */
function top<K>(counts: Map<K, number>): [K, number] | null {
  let best: [K, number] | null = null;
  for (const entry of counts) if (best === null || entry[1] > best[1]) best = entry;
  return best;
}

/** Columns placed by their family's numbering where that differs from their match so far (confidence ≤ 0.9). */
export function patternMatches(
  variables: readonly RawVariable[],
  found: ReadonlyMap<string, { variable: RawVariable }>,
): { contract: string; delivered: string; confidence: number }[] {
  const contractOf = new Map([...found].map(([contract, f]) => [f.variable.name, contract]));
  const families = new Map<string, RawVariable[]>();
  for (const v of variables) {
    let k = 0; // the first number names the question (Q5 in Q5_1_2); the others vary within it
    const shape = v.name.replace(/\d+/g, (d) => (k++ === 0 ? d : "#"));
    if (shape.includes("#")) families.set(shape, [...(families.get(shape) ?? []), v]);
  }
  const out: { contract: string; delivered: string; confidence: number }[] = [];
  for (const members of families.values()) {
    const numbers = members.map((m) => (m.name.match(/\d+/g) ?? []).map(Number));
    const matched = members.flatMap((m, i) => {
      const parts = contractParts(contractOf.get(m.name) ?? "");
      return parts === null ? [] : [{ i, ...parts }];
    });
    const [family, count] = top(counts(matched.map((x) => x.family))) ?? ["", 0];
    if (count < 3 || count < 0.8 * matched.length) continue;
    const inFamily = matched.filter((x) => x.family === family);
    const width = inFamily[0].parts.length;
    const positions = (numbers[0] ?? []).map((_, p) => p).filter((p) => new Set(numbers.map((n) => n[p])).size > 1);
    // for each part, the number position that predicts it best: its number → part table and how consistently
    const rules = Array.from({ length: width }, (_, q) => {
      const candidates = positions.map((p) => {
        const table = new Map<number, string>();
        let agree = 0;
        for (const n of new Set(inFamily.map((x) => numbers[x.i][p]))) {
          const [part, c] = top(counts(inFamily.filter((x) => numbers[x.i][p] === n).map((x) => x.parts[q]))) ?? [
            "",
            0,
          ];
          table.set(n, part);
          agree += c;
        }
        return { p, table, purity: agree / inFamily.length };
      });
      return candidates.sort((a, b) => b.purity - a.purity)[0];
    });
    if (rules.some((r) => r === undefined)) continue;
    const confidence = Math.min(0.9, ...rules.map((r) => r.purity));
    members.forEach((m, i) => {
      const parts = rules.map((r) => r.table.get(numbers[i][r.p]));
      if (parts.some((x) => x === undefined)) return;
      const contract = `${family}_${parts.join("_")}`;
      if (contractOf.get(m.name) !== contract && COLUMNS.some((c) => c.name === contract))
        out.push({ contract, delivered: m.name, confidence });
    });
  }
  return out;
}

function counts<K>(list: readonly K[]): Map<K, number> {
  const out = new Map<K, number>();
  for (const x of list) out.set(x, (out.get(x) ?? 0) + 1);
  return out;
}
