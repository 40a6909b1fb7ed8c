/**
 * The response model of the coverage simulation: which firms of the population end up in a panel.
 *
 * Every firm has a relative propensity to answer, the product of a factor for its size, age,
 * industry and region (below). A panel is the 4,128 firms with the smallest keys u/propensity, u
 * uniform (Ohlsson's sequential Poisson sampling: a fixed-size draw in which a firm's chance of
 * being in the panel is, to a close approximation, proportional to its propensity).
 * Larger and older firms answer more often, so the panel is as skewed as the shipped one: about
 * 39 % of the respondents have 10+ årsværk against 13 % of the population. The propensities depend
 * only on the four weighting variables, so raking to the margins can remove the skew — the case in
 * which the raked estimates are unbiased and the question is only whether their intervals hold.
 */

import type { Population } from "./population";
import { topByScore } from "./select";

/** The panel's size. */
export const PANEL_SIZE = 4128;

/**
 * Relative propensity to answer by level (index = code − 1). Size: a firm with 10–49 årsværk answers
 * 3.2 times as often as one under 10, one with 50–249 årsværk 5.3 times as often. Age: firms under 5
 * years answer about half as often as firms of 10+ years. Industry and region: the tilts of the
 * synthetic panel generator.
 */
export const RESPONSE_PROPENSITY = {
  stoerrelse: [1, 3.2, 5.3],
  alder: [0.55, 0.8, 1.2],
  branche: [0.95, 1.7, 1.15, 0.9, 1.25, 0.7, 0.55, 1.05, 0.85, 0.75],
  erhvervshus: [0.85, 0.9, 1.15, 1.15, 1.1, 1.1],
} as const;

/**
 * Each firm's relative propensity to answer.
 * @example propensities(pop)[0] // e.g. 6 · 1.2 · 1.7 · 1.15
 */
export function propensities(population: Population): Float64Array {
  const c = population.columns;
  const p = new Float64Array(population.size);
  for (let i = 0; i < population.size; i++) {
    p[i] =
      RESPONSE_PROPENSITY.stoerrelse[c.stoerrelse[i] - 1] *
      RESPONSE_PROPENSITY.alder[c.alder[i] - 1] *
      RESPONSE_PROPENSITY.branche[c.branche[i] - 1] *
      RESPONSE_PROPENSITY.erhvervshus[c.erhvervshus[i] - 1];
  }
  return p;
}

/**
 * Draws a panel: `size` distinct firms by sequential Poisson sampling with sizes `propensity`, from
 * the uniforms of `random`. Returns their row numbers in increasing order.
 * @example const rows = drawPanel(propensities(pop), mulberry32(7));
 */
export function drawPanel(propensity: Float64Array, random: () => number, size = PANEL_SIZE): Int32Array {
  const n = propensity.length;
  if (size > n) throw new Error(`drawPanel: a panel of ${size} from a population of ${n}`);
  // The firms with the smallest keys u/propensity: the highest of their negatives.
  const negativeKeys = new Float64Array(n);
  for (let i = 0; i < n; i++) negativeKeys[i] = -(random() / propensity[i]);
  return topByScore(
    Int32Array.from({ length: n }, (_, i) => i),
    negativeKeys,
    size,
  );
}

/**
 * The expected share of the panel in each level of a column (propensity-weighted share of the
 * population; the sampling fraction is small, so this is what panels average to).
 * @example expectedShares(pop, propensities(pop), "stoerrelse") // Map { 1 => 0.61, 2 => 0.29, 3 => 0.10 }
 */
export function expectedShares(population: Population, propensity: Float64Array, column: string): Map<number, number> {
  const sums = new Map<number, number>();
  let total = 0;
  const values = population.columns[column];
  for (let i = 0; i < population.size; i++) {
    sums.set(values[i], (sums.get(values[i]) ?? 0) + propensity[i]);
    total += propensity[i];
  }
  return new Map(
    Array.from(sums.entries())
      .sort((a, b) => a[0] - b[0])
      .map(([k, v]) => [k, v / total]),
  );
}
