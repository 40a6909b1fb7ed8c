/** Multi-response questions: each option's weighted share, and the mean number chosen. */
import { baseDesign } from "./bases";
import { CHOSEN, columnSpec, multiResponseGroup, type Label } from "../codebook";
import { column, svyitems, svymean, update, type Estimate, type SurveyDesign, type SvyOptions } from "../survey";

/** One option of a multi-response question with its share of respondents asked. */
export interface MultiResponseItem {
  column: string; // The panel column (`tilbud_raadgivning_ai`, `bar_salg_viden`, ...).
  item: string; // The item key within the group (`raadgivning_ai`, `viden`, ...).
  label: Label;
  published: boolean; // True where the report publishes this item.
  estimate: Estimate; // Share of respondents asked (in the base and the design's domain) who chose it.
}

/** A multi-response question estimated on its base (within the design's domain). */
export interface MultiResponseResult {
  group: string;
  label: Label;
  base: string; // The codebook base of respondents asked.
  n: number; // Unweighted number of respondents asked in the domain.
  weightedBase: number; // Sum of their weights.
  items: MultiResponseItem[]; // One entry per option, in the codebook's order.
  meanChoices: Estimate; // Mean number of options chosen per respondent asked.
}

/** Options of `multiResponse`: the interval method and level of the item shares. */
export type MultiResponseOptions = Pick<SvyOptions, "ci" | "level">;

/**
 * A multi-response question on its base within the design's domain: each option's share, mean choices.
 * @example multiResponse(design, "tilbud").meanChoices.value // 1.9
 */
export function multiResponse(
  design: SurveyDesign,
  group: string,
  options: MultiResponseOptions = {},
): MultiResponseResult {
  const spec = multiResponseGroup(group);
  const asked = baseDesign(design, spec.base);
  const estimates = svyitems(asked, spec.columns, CHOSEN, options);
  const items: MultiResponseItem[] = estimates.map(({ column: name, estimate }) => {
    const cs = columnSpec(name);
    return { column: name, item: cs.item ?? name, label: cs.label, published: cs.published, estimate };
  });
  // Every item is filled inside the base (svyitems has checked), so the count of choices is too.
  const values = spec.columns.map((c) => column(asked, c));
  const choices = new Array<number | null>(asked.n).fill(null);
  for (let i = 0; i < asked.n; i++) {
    if (asked.domain !== null && asked.domain[i] === 0) continue;
    let s = 0;
    for (const v of values) s += v[i] === 1 ? 1 : 0;
    choices[i] = s;
  }
  const name = `${group} (number of choices)`;
  const meanChoices = svymean(update(asked, { [name]: choices }), name, { level: options.level });
  const { n, weightedBase } = meanChoices;
  return { group: spec.name, label: spec.label, base: spec.base, n, weightedBase, items, meanChoices };
}
