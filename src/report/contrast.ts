/**
 * Two domain means' difference with their joint covariance (domains may overlap): R's `svycontrast(svytotal(~a_y +
 * a_d + b_y + b_d, des), quote(a_y / a_d - b_y / b_d))`, t on the degrees of freedom of the rows in either domain.
 */
import { degf, pt, subset, svycontrast, svyvcov, update, type SurveyDesign } from "../survey";

/** One side of a comparison: a value per row (a 0/1 answer, a count), null where the row is outside its domain. */
export type DomainValues = readonly (number | null)[];

/** A difference of two domain means, first − second (proportions 0–1 for shares), with its interval and two-sided p. */
interface DomainDifference {
  value: number;
  se: number;
  ciLow: number;
  ciHigh: number;
  df: number;
  p: number;
  first: number; // the first domain's mean
  second: number;
}

/** A column's answers as 0/1 (1 for `codes`) where `inside` holds and filled, else null.
 * @example domainValues(des, "pot_salg", [1, 2]) */
export function domainValues(
  design: SurveyDesign,
  column: string,
  codes: readonly number[],
  inside?: ArrayLike<boolean>,
): DomainValues {
  const values = design.data[column];
  if (values === undefined) throw new Error(`domainValues: no column "${column}" in ${design.source}`);
  return Array.from(values, (v, i) =>
    v === null || (inside !== undefined && !inside[i]) ? null : codes.includes(v) ? 1 : 0,
  );
}

/** The weighted mean of 1/0/null values over the design's domain, in row order: `pointMean(design, values)`. */
export function pointMean(design: SurveyDesign, values: DomainValues): number {
  let sum = 0;
  let weight = 0;
  values.forEach((v, i) => {
    if (v !== null && (design.domain === null || design.domain[i] === 1)) {
      sum += design.weights[i] * v;
      weight += design.weights[i];
    }
  });
  return sum / weight;
}

/** The first domain's mean minus the second's, with their covariance. @example compareDomains(design, salg, admin).p */
export function compareDomains(design: SurveyDesign, first: DomainValues, second: DomainValues): DomainDifference {
  const columns: Record<string, number[]> = { a_y: [], a_d: [], b_y: [], b_d: [] };
  const either = new Uint8Array(design.n);
  for (let i = 0; i < design.n; i++) {
    const [a, b] = [first[i], second[i]];
    columns.a_y.push(a ?? 0);
    columns.a_d.push(a === null ? 0 : 1);
    columns.b_y.push(b ?? 0);
    columns.b_d.push(b === null ? 0 : 1);
    either[i] = a === null && b === null ? 0 : 1;
  }
  const withSides = update(design, columns);
  const df = degf(subset(withSides, either));
  const totals = svyvcov(withSides, ["a_y", "a_d", "b_y", "b_d"], { fun: "svytotal" });
  const d = svycontrast(totals, "a_y / a_d - b_y / b_d", { level: 0.95, df });
  const [ay, ad, by, bd] = totals.items.map((it) => it.estimate.value);
  const p = d.se > 0 ? 2 * pt(-Math.abs(d.value / d.se), df) : 1;
  return { value: d.value, se: d.se, ciLow: d.ciLow, ciHigh: d.ciHigh, df, p, first: ay / ad, second: by / bd };
}
