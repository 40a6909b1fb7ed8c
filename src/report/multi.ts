/** Multi-response questions: each option's weighted share, and the mean number chosen. */
import { baseDesign } from "./bases";
import { CHOSEN, columnSpec, multiResponseGroup, type Label } from "../codebook";
import { column, svyitems, svymean, update, type Estimate, type SurveyDesign, type SvyOptions } from "../survey";

/** One option (`tilbud_raadgivning_ai`: item `raadgivning_ai`) with its share of respondents asked who chose it. */
interface MultiResponseItem {
  column: string;
  item: string;
  label: Label;
  published: boolean;
  estimate: Estimate;
}

/** A multi-response question on its base: n and weights of those asked, the options in codebook order, mean choices. */
interface MultiResponseResult {
  group: string;
  label: Label;
  base: string;
  n: number;
  weightedBase: number;
  items: MultiResponseItem[];
  meanChoices: Estimate;
}

/** A multi-response question on its base: each option's share, mean choices.
 * @example multiResponse(design, "tilbud") */
export function multiResponse(
  design: SurveyDesign,
  group: string,
  options: Pick<SvyOptions, "ci" | "level"> = {},
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
