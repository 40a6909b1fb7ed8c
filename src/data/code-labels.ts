/** Value labels against the contract's: those differing from their code's, and contradictions (a reversed scale). */

import { COLUMNS, label, type ColumnSpec } from "../codebook";
import { DataError } from "../survey";
import { printable } from "./csv";
import { deliveredName, type PanelMapping } from "./mapping";
import { integerLiteral, numberKey } from "./panel";
import { labelWords, pairBest, similarity } from "./label-match";
import type { RawVariable } from "./readers/sav-dictionary";

/** A delivered value as the mapping file writes it. @example valueKey(99) // "99" */
export const valueKey = (v: number | string): string => (typeof v === "number" ? numberKey(v) : String(v).trim());

/** The code each value label reads as (one to one), those read clearly, the labels' fit: `labelCodes(spec, v)`. */
export function labelCodes(
  spec: ColumnSpec,
  variable: RawVariable,
): { codes: Map<string, number>; clear: Set<string>; fit: number } {
  const missing = new Set(variable.missing.map(valueKey));
  const labels = variable.valueLabels.filter((l) => !missing.has(valueKey(l.value)));
  const words = (ls: readonly { label: string }[]): string[][] => ls.map((l) => labelWords(l.label));
  const codeWords = spec.codes.map((c) => labelWords(c.label.da));
  const scoreOf = (ls: string[][]): number[][] => ls.map((w) => codeWords.map((c) => similarity(w, c)));
  const codes = new Map<string, number>();
  const clear = new Set<string>();
  let total = 0;
  for (const p of pairBest(scoreOf(words(labels)), 0.4, true)) {
    codes.set(valueKey(labels[p.left].value), spec.codes[p.right].code);
    if (p.score >= 0.6) clear.add(valueKey(labels[p.left].value));
    total += p.score;
  }
  const rest = spec.codes.filter((c) => ![...codes.values()].includes(c.code));
  const extra = variable.valueLabels.filter((l) => missing.has(valueKey(l.value)));
  const restWords = rest.map((c) => labelWords(c.label.da));
  const missingScores = words(extra).map((w) => restWords.map((c) => similarity(w, c)));
  for (const p of pairBest(missingScores, 0.8)) {
    codes.set(valueKey(extra[p.left].value), rest[p.right].code);
    clear.add(valueKey(extra[p.left].value));
  }
  return { codes, clear, fit: total / Math.max(labels.length, spec.codes.length, 1) };
}

/** A delivered code whose label differs from its code's; `readsAs`: the code its label clearly reads as, if another. */
export interface CodeLabelDifference {
  contract: string;
  delivered: string;
  value: string;
  label: string;
  code: number;
  contractLabel: string;
  readsAs: number | null;
}

/** Value labels differing from the contract's labels of the codes they become: `codeLabelDifferences(spec, v, {})`. */
export function codeLabelDifferences(
  spec: ColumnSpec,
  variable: RawVariable,
  codes: Readonly<Record<string, number | null>> = {},
): CodeLabelDifference[] {
  const out: CodeLabelDifference[] = [];
  const { codes: readAs, clear } = labelCodes(spec, variable);
  for (const { value, label } of variable.valueLabels) {
    const text = valueKey(value);
    const code = text in codes ? codes[text] : integerLiteral(text);
    const k = spec.codes.findIndex((c) => c.code === code);
    if (code === null || k < 0) continue;
    if (labelWords(label).join(" ") === labelWords(spec.codes[k].label.da).join(" ")) continue;
    const other = readAs.get(text);
    const readsAs = other !== undefined && other !== code && clear.has(text) ? other : null;
    const contractLabel = spec.codes[k].label.da;
    out.push({ contract: spec.name, delivered: variable.name, value: text, label, code, contractLabel, readsAs });
  }
  return out;
}

/** A DataError for the first unconfirmed column whose labels contradict its codes: `checkCodeLabels(vars, m, f)`. */
export function checkCodeLabels(variables: readonly RawVariable[], mapping: PanelMapping, source: string): void {
  for (const spec of COLUMNS) {
    if (spec.kind === "id" || mapping.confirmed.includes(spec.name)) continue;
    const variable = variables.find((v) => v.name === deliveredName(mapping, spec.name));
    if (variable === undefined) continue;
    const differences = codeLabelDifferences(spec, variable, mapping.codes[spec.name]);
    const contradictions = differences.filter((d) => d.readsAs !== null);
    if (contradictions.length === 0) continue;
    const shown = (becomes: string, but: string): string =>
      contradictions
        .map(
          (d) =>
            `${printable(d.value)} "${printable(d.label)}" ${becomes} ${d.code} "${d.contractLabel}", ${but} ${d.readsAs}`,
        )
        .join("; ");
    const codes = `"codes": {"${spec.name}": ...}`;
    const confirmed = `"confirmed": ["${spec.name}"]`;
    throw new DataError({
      file: source,
      column: variable.name,
      problem: label(
        `etiketterne modsiger kontraktens koder for ${spec.name}: ${shown("bliver kode", "men etiketten svarer til kode")}`,
        `the labels contradict the contract's codes of ${spec.name}: ${shown("becomes code", "but the label matches code")}`,
      ),
      expected: label(
        `at mapningen oversætter koderne (under ${codes}), eller ${confirmed} i mapningen, hvis koderne er rigtige`,
        `the mapping to translate the codes (under ${codes}), or ${confirmed} in the mapping if the codes are right`,
      ),
    });
  }
}
