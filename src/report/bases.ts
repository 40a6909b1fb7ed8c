/**
 * The named bases of the codebook (who is asked what) evaluated on a panel, and the report's
 * funnel table: all → relevant → potential → barrier, with counts in, out and kept and weighted
 * shares of the population.
 */

import { BASES, baseSpec, holds, type BaseName, type Label } from "./codebook";
import { DataError } from "../survey/errors";
import { proportion, type Estimate } from "../survey/estimate";
import type { Panel, DesignWeights } from "../survey/types";

/** Looks up a panel column, with a clear error naming the base that needs it. */
function columnOf(panel: Panel, column: string, base: string): (number | null)[] {
  const values = panel.columns[column];
  if (!values) {
    throw new DataError({
      file: panel.source,
      column,
      problem: `column is missing (base "${base}" needs it)`,
      expected: `a column "${column}" in the panel`,
    });
  }
  if (values.length !== panel.rowCount) {
    throw new DataError({
      file: panel.source,
      column,
      value: String(values.length),
      problem: `column has ${values.length} values for ${panel.rowCount} rows`,
      expected: `${panel.rowCount} values`,
    });
  }
  return values;
}

/**
 * Which respondents are in a base: its own condition and every parent's, evaluated on the panel.
 * @example inBase(panel, "relevant") // [true, false, true, ...] — ai_brug in 2..5
 */
export function inBase(panel: Panel, name: BaseName): boolean[] {
  const chain = [];
  for (let spec = baseSpec(name); ; ) {
    chain.push(spec);
    if (spec.parent === null) break;
    spec = baseSpec(spec.parent);
  }
  const cache = new Map<string, (number | null)[]>();
  const lookup = (column: string): (number | null)[] => {
    let values = cache.get(column);
    if (!values) {
      values = columnOf(panel, column, name);
      cache.set(column, values);
    }
    return values;
  };
  const result = new Array<boolean>(panel.rowCount);
  for (let i = 0; i < panel.rowCount; i++) {
    result[i] = chain.every((spec) => holds(spec.condition, (column) => lookup(column)[i]));
  }
  return result;
}

/** One step of the funnel table. */
export interface FunnelRow {
  base: BaseName;
  label: Label;
  /** The base this one narrows, or null for `all`. */
  parent: BaseName | null;
  /** Respondents entering this step (the parent's size; the panel size for `all`). */
  nIn: number;
  /** Respondents of the parent who drop out here. */
  nOut: number;
  /** Why they drop out (null for `all`). */
  exclusionReason: Label | null;
  /** Respondents in the base. */
  nKept: number;
  /** Sum of weights in the base. */
  weightedBase: number;
  /** Weighted share of the population in the base (0–1). */
  weightedShare: number;
  /** Weighted share of the parent base in this base (0–1; 1 for `all`). */
  weightedShareOfParent: number;
  /** The population share as an estimate with SE and logit CI (proportion of all in the base). */
  share: Estimate;
  /** The share of the parent as an estimate (domain = parent); null for `all`. */
  shareOfParent: Estimate | null;
}

/**
 * The report's funnel (the codebook's bases marked `funnel`, in order): counts in, out and kept,
 * and weighted shares of the population and of the parent.
 * @example funnel(panel, design).map((r) => r.nKept) // [4128, 2464, 1372, 1146]
 */
export function funnel(panel: Panel, design: DesignWeights): FunnelRow[] {
  if (design.n !== panel.rowCount) {
    throw new DataError({
      file: panel.source,
      value: String(design.n),
      problem: `the design has ${design.n} rows, the panel ${panel.rowCount}`,
      expected: "a design built from this panel",
    });
  }
  const w = design.weights;
  let totalWeight = 0;
  for (let i = 0; i < design.n; i++) totalWeight += w[i];
  const rows: FunnelRow[] = [];
  const masks = new Map<BaseName, boolean[]>();
  for (const spec of BASES.filter((b) => b.funnel)) {
    const mask = inBase(panel, spec.name);
    masks.set(spec.name, mask);
    const parentMask = spec.parent === null ? null : masks.get(spec.parent) ?? inBase(panel, spec.parent);
    let nKept = 0;
    let nIn = 0;
    let weightedBase = 0;
    let parentWeight = 0;
    for (let i = 0; i < design.n; i++) {
      const inParent = parentMask === null || parentMask[i];
      if (inParent) {
        nIn++;
        parentWeight += w[i];
      }
      if (mask[i]) {
        nKept++;
        weightedBase += w[i];
      }
    }
    const indicator = mask.map((b) => (b ? 1 : 0));
    rows.push({
      base: spec.name,
      label: spec.label,
      parent: spec.parent,
      nIn,
      nOut: nIn - nKept,
      exclusionReason: spec.exclusionReason,
      nKept,
      weightedBase,
      weightedShare: weightedBase / totalWeight,
      weightedShareOfParent: weightedBase / parentWeight,
      share: proportion(design, indicator, undefined, { source: panel.source, variable: `base:${spec.name}` }),
      shareOfParent: parentMask === null ? null : proportion(design, indicator, parentMask, { source: panel.source, variable: `base:${spec.name}` }),
    });
  }
  return rows;
}
