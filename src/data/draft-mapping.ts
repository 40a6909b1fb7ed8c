/** A draft mapping for `npm run map`: matched by name, label or value labels; the rest listed, never guessed. */

import { COLUMNS, type ColumnSpec } from "../codebook";
import { cellText, integerLiteral, numberKey } from "./panel";
import type { DeliveredTable } from "./readers/typed";
import type { RawVariable } from "./readers/table-worker";

/** A drafted mapping, with how each column was matched and what was not. */
export interface DraftMapping {
  /** The mapping JSON to write (`columns` only lists renamed columns; `codes` only values that change). */
  mapping: { columns: Record<string, string>; codes: Record<string, Record<string, number | null>> };
  /** Each contract column found, with the delivered name and how it was matched. */
  matched: { contract: string; delivered: string; how: "name" | "variable label" | "value labels" }[];
  unmatchedColumns: string[]; // Contract columns not found in the file.
  extraVariables: string[]; // Delivered variables not used for any contract column (kept as extra columns).
  /** Delivered values that are neither a contract code nor matched by label, per contract column. */
  unmatchedValues: { contract: string; delivered: string; value: string; label: string | null; rows: number }[];
  /** Declared SPSS user-missing values mapped to null ("not asked / no answer"): check them. */
  missingToNull: { contract: string; delivered: string; value: string; label: string | null }[];
}

/** Lower case, one space, no punctuation: how labels are compared. @example normalizeLabel("Ved ikke.") // "ved ikke" */
export function normalizeLabel(text: string): string {
  return text
    .normalize("NFC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * Drafts a mapping for a delivered table (see the module comment).
 * @example draftMapping(readDelivered("levering.sav")).mapping.columns.ai_brug; // "Q7"
 */
export function draftMapping(table: DeliveredTable): DraftMapping {
  const used = new Set<string>();
  const found = new Map<string, { variable: RawVariable; how: DraftMapping["matched"][number]["how"] }>();
  const take = (spec: ColumnSpec, variable: RawVariable, how: DraftMapping["matched"][number]["how"]): void => {
    found.set(spec.name, { variable, how });
    used.add(variable.name);
  };
  for (const spec of COLUMNS) {
    const v = table.variables.find((x) => !used.has(x.name) && x.name.toLowerCase() === spec.name.toLowerCase());
    if (v) take(spec, v, "name");
  }
  for (const spec of COLUMNS) {
    if (found.has(spec.name)) continue;
    const target = normalizeLabel(spec.label.da);
    const v = table.variables.filter(
      (x) => !used.has(x.name) && x.label !== null && normalizeLabel(x.label) === target,
    );
    if (v.length === 1) take(spec, v[0], "variable label");
  }
  // A contract column whose code labels no other column shares, matched by a variable with those value labels.
  for (const spec of COLUMNS) {
    if (found.has(spec.name) || spec.kind !== "categorical") continue;
    const key = codeLabelKey(spec);
    if (COLUMNS.some((c) => c !== spec && codeLabelKey(c) === key)) continue;
    const labels = new Set(spec.codes.map((c) => normalizeLabel(c.label.da)));
    const candidates = table.variables.filter((x) => {
      if (used.has(x.name) || x.valueLabels.length === 0) return false;
      const hits = x.valueLabels.filter((l) => labels.has(normalizeLabel(l.label))).length;
      return hits >= Math.max(2, Math.ceil(0.8 * labels.size));
    });
    if (candidates.length === 1) take(spec, candidates[0], "value labels");
  }

  const draft: DraftMapping = {
    mapping: { columns: {}, codes: {} },
    matched: [],
    unmatchedColumns: [],
    extraVariables: [],
    unmatchedValues: [],
    missingToNull: [],
  };
  for (const spec of COLUMNS) {
    const hit = found.get(spec.name);
    if (!hit) {
      draft.unmatchedColumns.push(spec.name);
      continue;
    }
    draft.matched.push({ contract: spec.name, delivered: hit.variable.name, how: hit.how });
    if (hit.variable.name !== spec.name) draft.mapping.columns[spec.name] = hit.variable.name;
    if (spec.kind !== "id") draftCodes(spec, hit.variable, table, draft);
  }
  draft.extraVariables = table.variables.filter((v) => !used.has(v.name)).map((v) => v.name);
  return draft;
}

function codeLabelKey(spec: ColumnSpec): string {
  return spec.codes.map((c) => `${c.code}=${normalizeLabel(c.label.da)}`).join("|");
}

function draftCodes(spec: ColumnSpec, variable: RawVariable, table: DeliveredTable, draft: DraftMapping): void {
  const codes: Record<string, number | null> = {};
  const byLabel = new Map(spec.codes.map((c) => [normalizeLabel(c.label.da), c.code]));
  const valid = new Set(spec.codes.map((c) => c.code));
  const labelOf = new Map<string, string>();
  for (const l of variable.valueLabels)
    labelOf.set(typeof l.value === "number" ? numberKey(l.value) : String(l.value).trim(), l.label);
  const missing = new Set(variable.missing.map((m) => (typeof m === "number" ? numberKey(m) : String(m).trim())));
  const col = table.variables.indexOf(variable);
  const seen = new Map<string, number>();
  for (const row of table.rows) {
    const text = cellText(row[col] ?? null).trim();
    if (text !== "") seen.set(text, (seen.get(text) ?? 0) + 1);
  }
  for (const value of new Set([...labelOf.keys(), ...seen.keys()])) {
    const label = labelOf.get(value) ?? null;
    const asCode = integerLiteral(value);
    const byName = label !== null ? byLabel.get(normalizeLabel(label)) : undefined;
    if (byName !== undefined) {
      if (byName !== asCode) codes[value] = byName;
    } else if (missing.has(value)) {
      codes[value] = null;
      draft.missingToNull.push({ contract: spec.name, delivered: variable.name, value, label });
    } else if (asCode === null || !valid.has(asCode) || label !== null) {
      if (asCode !== null && valid.has(asCode)) continue; // a valid code whose label differs: kept as it is
      draft.unmatchedValues.push({
        contract: spec.name,
        delivered: variable.name,
        value,
        label,
        rows: seen.get(value) ?? 0,
      });
    }
  }
  if (Object.keys(codes).length > 0) draft.mapping.codes[spec.name] = codes;
}
