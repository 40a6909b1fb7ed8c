/**
 * The response model: propensity by size, age, industry and region (optionally also by the outcome, AI use); a panel
 * is the 4,128 smallest u/propensity (sequential Poisson sampling).
 */

import type { Population } from "./population";
import { allRows, topByScore } from "./select";

/** The panel's size. */
export const PANEL_SIZE = 4128;

/**
 * Relative propensity by level (index = code − 1): 10–49 årsværk 3.2 and 50–249 5.3 times under 10;
 * firms under 5 years half as often as 10+; industry and region as the panel generator tilts.
 */
export const RESPONSE_PROPENSITY = {
  stoerrelse: [1, 3.2, 5.3],
  alder: [0.55, 0.8, 1.2],
  branche: [0.95, 1.7, 1.15, 0.9, 1.25, 0.7, 0.55, 1.05, 0.85, 0.75],
  erhvervshus: [0.85, 0.9, 1.15, 1.15, 1.1, 1.1],
} as const;

/**
 * Each firm's relative propensity to answer; firms using AI (`ai_brug` 3–5) answer `aiUsers` times as often (1: it
 * depends on the weighting variables only, what raking can correct).
 * @example propensities(pop)[0] // e.g. 6 · 1.2 · 1.7 · 1.15; propensities(pop, { aiUsers: 1.5 })
 */
export function propensities(population: Population, outcome = { aiUsers: 1 }): Float64Array {
  const c = population.columns;
  const p = new Float64Array(population.size);
  for (let i = 0; i < population.size; i++) {
    p[i] =
      RESPONSE_PROPENSITY.stoerrelse[c.stoerrelse[i] - 1] *
      RESPONSE_PROPENSITY.alder[c.alder[i] - 1] *
      RESPONSE_PROPENSITY.branche[c.branche[i] - 1] *
      RESPONSE_PROPENSITY.erhvervshus[c.erhvervshus[i] - 1] *
      (c.ai_brug[i] >= 3 ? outcome.aiUsers : 1);
  }
  return p;
}

/**
 * Draws a panel of `size` distinct firms by sequential Poisson sampling; row numbers ascending.
 * @example const rows = drawPanel(propensities(pop), mulberry32(7));
 */
export function drawPanel(propensity: Float64Array, random: () => number, size = PANEL_SIZE): Int32Array {
  const n = propensity.length;
  if (size > n) throw new Error(`drawPanel: a panel of ${size} from a population of ${n}`);
  // The firms with the smallest keys u/propensity: the highest of their negatives.
  const negativeKeys = new Float64Array(n);
  for (let i = 0; i < n; i++) negativeKeys[i] = -(random() / propensity[i]);
  return topByScore(allRows(n), negativeKeys, size);
}

/**
 * The expected share of the panel in each level of a column (the propensity-weighted population share).
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
  return new Map([...sums].sort((a, b) => a[0] - b[0]).map(([k, v]) => [k, v / total]));
}
