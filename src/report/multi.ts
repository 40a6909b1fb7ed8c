/**
 * Multi-response questions ("choose all that apply" / "choose up to three"): for each option the
 * weighted share of the respondents asked who chose it — the base is respondents, not selections,
 * so shares add up to more than 100 % — plus the mean number of options chosen.
 */

import { inBase } from "./bases";
import { columnSpec, multiResponseGroup, type Label } from "./codebook";
import { DataError } from "../survey/errors";
import { mean, proportion, type EstimateOptions, type Estimate } from "../survey/estimate";
import type { Panel, DesignWeights } from "../survey/types";

/** One option of a multi-response question with its share of respondents asked. */
export interface MultiResponseItem {
  /** The panel column (`tilbud_raadgivning_ai`, `bar_salg_viden`, ...). */
  column: string;
  /** The item key within the group (`raadgivning_ai`, `viden`, ...). */
  item: string;
  label: Label;
  /** True where the report publishes this item. */
  published: boolean;
  /** Share of respondents asked (in the base and the optional domain) who chose it. */
  estimate: Estimate;
}

/** A multi-response question estimated on a base (and an optional extra domain). */
export interface MultiResponseResult {
  group: string;
  label: Label;
  /** The codebook base of respondents asked. */
  base: string;
  /** Unweighted number of respondents asked in the domain. */
  n: number;
  /** Sum of their weights. */
  weightedBase: number;
  /** One entry per option, in the codebook's order. */
  items: MultiResponseItem[];
  /** Mean number of options chosen per respondent asked. */
  meanChoices: Estimate;
}

/**
 * Estimates a multi-response question (a codebook MULTI_RESPONSE_GROUP): each option's share of
 * the respondents asked, and the mean number of choices. `domain` narrows to a subgroup (e.g. firms
 * under 10 årsværk); rows outside still count in the variance, as for every estimate.
 * @example multiResponse(panel, design, "tilbud").items[0].estimate.estimate // 0.58
 */
export function multiResponse(
  panel: Panel,
  design: DesignWeights,
  group: string,
  domain?: ArrayLike<boolean>,
  options: Pick<EstimateOptions, "ci" | "level"> = {},
): MultiResponseResult {
  const spec = multiResponseGroup(group);
  if (design.n !== panel.rowCount) {
    throw new DataError({ file: panel.source, value: String(design.n), problem: `the design has ${design.n} rows, the panel ${panel.rowCount}`, expected: "a design built from this panel" });
  }
  if (domain !== undefined && domain.length !== panel.rowCount) {
    throw new DataError({ file: panel.source, column: "domain", value: String(domain.length), problem: `domain has ${domain.length} entries for ${panel.rowCount} rows`, expected: `${panel.rowCount} booleans` });
  }
  const asked = inBase(panel, spec.base);
  const mask = asked.map((a, i) => a && (domain === undefined || domain[i] === true));
  const columns = spec.columns.map((c) => {
    const values = panel.columns[c];
    if (!values) throw new DataError({ file: panel.source, column: c, problem: "column is missing", expected: `the multi-response column "${c}" of "${group}"` });
    return values;
  });
  const items: MultiResponseItem[] = spec.columns.map((column, k) => {
    const cs = columnSpec(column);
    return {
      column,
      item: cs.item ?? column,
      label: cs.label,
      published: cs.published,
      estimate: proportion(design, columns[k], mask, { ...options, source: panel.source, variable: column }),
    };
  });
  const choices: (number | null)[] = new Array(panel.rowCount).fill(null);
  for (let i = 0; i < panel.rowCount; i++) {
    if (!mask[i]) continue;
    let s = 0;
    for (const values of columns) s += values[i] ?? 0; // a null here was already reported by proportion
    choices[i] = s;
  }
  const meanChoices = mean(design, choices, mask, { level: options.level, source: panel.source, variable: `${group} (number of choices)` });
  return {
    group: spec.name,
    label: spec.label,
    base: spec.base,
    n: meanChoices.n,
    weightedBase: meanChoices.weightedBase,
    items,
    meanChoices,
  };
}
