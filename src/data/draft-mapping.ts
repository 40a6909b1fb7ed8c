/**
 * A draft mapping for `npm run map`, matched as a person would: by name, question text (rare words counting more),
 * value labels and the supplier's numbering (`Q5_{område}_{punkt}`); codes by label. What is not matched is listed.
 */

import { COLUMNS, type ColumnSpec } from "../codebook";
import { cellText, integerLiteral } from "./panel";
import type { DeliveredTable } from "./readers/typed";
import type { RawVariable } from "./readers/sav-dictionary";
import { labelWords, pairBest, rarity, similarity } from "./label-match";
import { patternMatches } from "./draft-pattern";
import { codeLabelDifferences, labelCodes, valueKey, type CodeLabelDifference } from "./code-labels";

/** How a contract column was found. */
type MatchedBy = "name" | "label" | "pattern";

/** A drafted mapping, with how each column was matched and what was not. */
export interface DraftMapping {
  /** The mapping JSON to write (`columns` only lists renamed columns; `codes` only values that change). */
  mapping: { columns: Record<string, string>; codes: Record<string, Record<string, number | null>> };
  /** Each contract column found: the delivered name, how, and how sure (0–1). */
  matched: { contract: string; delivered: string; how: MatchedBy; confidence: number }[];
  unmatchedColumns: string[]; // Contract columns not found in the file.
  extraVariables: string[]; // Delivered variables not used for any contract column (kept as extra columns).
  /** Delivered values that are neither a contract code nor matched by label, per contract column. */
  unmatchedValues: { contract: string; delivered: string; value: string; label: string | null; rows: number }[];
  /** Declared SPSS user-missing values mapped to null ("not asked / no answer"): check them. */
  missingToNull: { contract: string; delivered: string; value: string; label: string | null }[];
  /** Value labels differing from the contract's labels of the codes they become under the draft. */
  labelDifferences: CodeLabelDifference[];
}

const MIN_SCORE = 0.35; // a column pairing below this is left for the user
const SURE_SCORE = 0.6; // pairings at least this sure teach the numbering pattern

/** Drafts a mapping for a delivered table. @example draftMapping(readDelivered("levering.sav")).mapping.columns */
export function draftMapping(table: DeliveredTable): DraftMapping {
  const found = new Map<string, { variable: RawVariable; how: MatchedBy; confidence: number }>();
  const used = new Set<RawVariable>();
  for (const spec of COLUMNS) {
    const v = table.variables.find((x) => !used.has(x) && x.name.toLowerCase() === spec.name.toLowerCase());
    if (v === undefined) continue;
    found.set(spec.name, { variable: v, how: "name", confidence: 1 });
    used.add(v);
  }
  // sure label matches first, then the numbering they show, then the weaker label matches
  for (const min of [SURE_SCORE, MIN_SCORE]) {
    const specs = COLUMNS.filter((s) => !found.has(s.name));
    const variables = table.variables.filter((v) => !used.has(v));
    for (const p of pairBest(columnScores(specs, variables, table), min)) {
      found.set(specs[p.left].name, { variable: variables[p.right], how: "label", confidence: p.score });
      used.add(variables[p.right]);
    }
    if (min === MIN_SCORE) break;
    for (const p of patternMatches(table.variables, found)) {
      const variable = table.variables.find((v) => v.name === p.delivered);
      const before = [...found].find(([, f]) => f.variable === variable);
      const holder = found.get(p.contract);
      if (variable === undefined || Math.max(before?.[1].confidence ?? 0, holder?.confidence ?? 0) >= p.confidence)
        continue;
      if (before !== undefined) found.delete(before[0]);
      if (holder !== undefined) used.delete(holder.variable);
      found.set(p.contract, { variable, how: "pattern", confidence: p.confidence });
      used.add(variable);
    }
  }

  const draft: DraftMapping = {
    mapping: { columns: {}, codes: {} },
    matched: [],
    unmatchedColumns: [],
    extraVariables: table.variables.filter((v) => !used.has(v)).map((v) => v.name),
    unmatchedValues: [],
    missingToNull: [],
    labelDifferences: [],
  };
  for (const spec of COLUMNS) {
    const hit = found.get(spec.name);
    if (!hit) {
      draft.unmatchedColumns.push(spec.name);
      continue;
    }
    const { variable, how, confidence } = hit;
    draft.matched.push({ contract: spec.name, delivered: variable.name, how, confidence });
    if (variable.name !== spec.name) draft.mapping.columns[spec.name] = variable.name;
    if (spec.kind === "id") continue;
    draftCodes(spec, variable, table, draft);
    draft.labelDifferences.push(...codeLabelDifferences(spec, variable, draft.mapping.codes[spec.name]));
  }
  return draft;
}

/** Scores of every contract column (rows) against every delivered variable (columns), 0–1. */
function columnScores(specs: readonly ColumnSpec[], variables: readonly RawVariable[], table: DeliveredTable) {
  const specWords = specs.map((s) => labelWords(s.label.da));
  const varWords = variables.map((v) => (v.label === null ? labelWords(v.name) : labelWords(v.label, v.name)));
  const weight = rarity([...specWords, ...varWords]);
  const ids = variables.map((v) => v.valueLabels.length === 0 && holdsIds(table, table.variables.indexOf(v)));
  return specs.map((spec, i) =>
    variables.map((v, j) => {
      const text = similarity(specWords[i], varWords[j], weight);
      if (spec.kind === "id") return ids[j] ? 0.5 + 0.5 * text : 0;
      if (v.valueLabels.length === 0) return ids[j] ? 0 : 0.8 * text;
      return 0.5 * text + 0.5 * labelCodes(spec, v).fit;
    }),
  );
}

/** True when every cell of the column is filled with a distinct whole number (as ids are). */
function holdsIds(table: DeliveredTable, col: number): boolean {
  const seen = new Set<string>();
  for (const row of table.rows) {
    const text = cellText(row[col] ?? null).trim();
    if (integerLiteral(text) === null || seen.has(text)) return false;
    seen.add(text);
  }
  return seen.size > 1;
}

function draftCodes(spec: ColumnSpec, variable: RawVariable, table: DeliveredTable, draft: DraftMapping): void {
  const codes: Record<string, number | null> = {};
  const byLabel = labelCodes(spec, variable).codes;
  const valid = new Set(spec.codes.map((c) => c.code));
  const labelOf = new Map(variable.valueLabels.map((l) => [valueKey(l.value), l.label]));
  const missing = new Set(variable.missing.map(valueKey));
  const col = table.variables.indexOf(variable);
  const seen = new Map<string, number>();
  for (const row of table.rows) {
    const text = cellText(row[col] ?? null).trim();
    if (text !== "") seen.set(text, (seen.get(text) ?? 0) + 1);
  }
  for (const value of new Set([...labelOf.keys(), ...seen.keys()])) {
    const label = labelOf.get(value) ?? null;
    const asCode = integerLiteral(value);
    const code = byLabel.get(value);
    if (code !== undefined) {
      if (code !== asCode) codes[value] = code;
    } else if (missing.has(value)) {
      codes[value] = null;
      draft.missingToNull.push({ contract: spec.name, delivered: variable.name, value, label });
    } else if (asCode === null || !valid.has(asCode)) {
      const rows = seen.get(value) ?? 0;
      draft.unmatchedValues.push({ contract: spec.name, delivered: variable.name, value, label, rows });
    }
  }
  if (Object.keys(codes).length > 0) draft.mapping.codes[spec.name] = codes;
}
