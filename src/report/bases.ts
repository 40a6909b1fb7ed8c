/** The codebook's bases as domains of a design (`subset`: every row stays in the variance), and the funnel. */

import { BASES, baseChain, baseCondition, holdsMask, type BaseName, type Label } from "../codebook";
import { DataError, inDomain, subset, svyciprop, update, type Estimate, type SurveyDesign } from "../survey";
/** A validated panel as the loader returns it: its source, row count and columns of codes (null = not asked). */
export interface PanelData {
  source: string;
  rowCount: number;
  columns: Readonly<Record<string, readonly (number | null)[]>>;
}

/** Anything that carries respondents' columns: a panel (`columns`) or a data-carrying design (`data`). */
export type Respondents = PanelData | SurveyDesign;

function isPanel(x: Respondents): x is PanelData {
  return (x as PanelData).columns !== undefined && (x as PanelData).rowCount !== undefined;
}

/** Looks up a column, with a clear error naming the base that needs it. */
function columnOf(source: Respondents, column: string, base: string): ArrayLike<number | null> {
  const rows = isPanel(source) ? source.rowCount : source.n;
  const values = isPanel(source) ? source.columns[column] : source.data[column];
  const fail = (problem: string, expected: string, value?: string): DataError =>
    new DataError({ file: source.source, column, value, problem, expected });
  if (!values) throw fail(`column is missing (base "${base}" needs it)`, `a column "${column}" in the panel`);
  const n = values.length;
  if (n !== rows) throw fail(`column has ${n} values for ${rows} rows`, `${rows} values`, String(n));
  return values;
}

/** Which respondents are in a base (and its parents), on a panel or a design (domain ignored).
 * @example inBase(design, "relevant") */
export function inBase(source: Respondents, name: BaseName): boolean[] {
  return Array.from(baseMask(source, name), (inside) => inside === 1);
}

function baseMask(source: Respondents, name: BaseName): Uint8Array {
  const rows = isPanel(source) ? source.rowCount : source.n;
  const column = (c: string): ArrayLike<number | null> => columnOf(source, c, name);
  return holdsMask(baseCondition(name), column, rows);
}

/** A design restricted to a base, as R's `subset(des, relevant)`: every row stays in the variance; `label` for messages.
 * @example svyciprop(baseDesign(design, "relevant"), "pot_salg", LARGE_POTENTIAL).value // 0.38 */
export function baseDesign(design: SurveyDesign, name: BaseName, label = baseChain(name)[0].label.da): SurveyDesign {
  return subset(design, baseMask(design, name), label);
}

/** One step of the funnel table. */
export interface FunnelRow {
  base: BaseName;
  label: Label;
  parent: BaseName | null; // The base this one narrows, or null for `all`.
  nIn: number; // Respondents entering this step (the parent's size; the panel size for `all`).
  nOut: number; // Respondents of the parent who drop out here.
  exclusionReason: Label | null; // Why they drop out (null for `all`).
  nKept: number; // Respondents in the base.
  weightedBase: number; // Sum of weights in the base.
  weightedShare: number; // Weighted share of the population in the base (0–1).
  weightedShareOfParent: number; // Weighted share of the parent base in this base (0–1; 1 for `all`).
  share: Estimate; // The population share as an estimate with SE and logit CI (proportion of all in the base).
  shareOfParent: Estimate | null; // The share of the parent as an estimate (domain = parent); null for `all`.
}

/** The funnel within the design's domain: in, out, kept, weighted shares.
 * @example funnel(design).map((r) => r.nKept) // [4128, …] */
export function funnel(design: SurveyDesign): FunnelRow[] {
  const domain = inDomain(design);
  const w = design.weights;
  const masks = new Map<BaseName, boolean[]>();
  const maskOf = (name: BaseName): boolean[] => {
    const m = masks.get(name) ?? inBase(design, name).map((b, i) => b && domain[i]);
    masks.set(name, m);
    return m;
  };
  const sumOver = (mask: boolean[]): { n: number; weight: number } => {
    let n = 0;
    let weight = 0;
    for (let i = 0; i < design.n; i++) {
      if (!mask[i]) continue;
      n++;
      weight += w[i];
    }
    return { n, weight };
  };
  const total = sumOver(domain);
  return BASES.filter((b) => b.funnel).map((spec): FunnelRow => {
    const mask = maskOf(spec.name);
    const parentMask = spec.parent === null ? domain : maskOf(spec.parent);
    const kept = sumOver(mask);
    const entering = sumOver(parentMask);
    const variable = `base:${spec.name}`;
    const withIndicator = update(design, { [variable]: mask.map((b) => (b ? 1 : 0)) });
    return {
      base: spec.name,
      label: spec.label,
      parent: spec.parent,
      nIn: entering.n,
      nOut: entering.n - kept.n,
      exclusionReason: spec.exclusionReason,
      nKept: kept.n,
      weightedBase: kept.weight,
      weightedShare: kept.weight / total.weight,
      weightedShareOfParent: kept.weight / entering.weight,
      share: svyciprop(withIndicator, variable, [1]),
      shareOfParent:
        spec.parent === null ? null : svyciprop(subset(withIndicator, parentMask, spec.parent), variable, [1]),
    };
  });
}
