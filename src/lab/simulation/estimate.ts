/**
 * One replication: draw a panel, rake it, estimate every figure five ways (unweighted; raked with SRS, fixed-weight,
 * raking-aware linearised and re-raked bootstrap SEs).
 */
import { AREAS, WEIGHTING_VARIABLES } from "../../codebook";
import {
  asReplicateDesign,
  mulberry32,
  confidenceInterval,
  rake,
  subset,
  svyciprop,
  svydesign,
  type Margins,
  type SurveyDesign,
} from "../../survey";
import { HEADLINE_FIGURES, POTENTIAL_COLUMN, potentialIndicator } from "./figures";
import type { Population } from "./population";
import { drawPanel, PANEL_SIZE } from "./response";

/** The five ways of estimating, in the order (a)–(e). */
export const METHODS = ["unweighted", "naive", "fixed", "raking", "bootstrap"] as const;
/** One of the five ways. */
export type Method = (typeof METHODS)[number];

/** Danish labels of the methods, for tables and charts. */
export const METHOD_LABELS: Record<Method, string> = {
  unweighted: "(a) Uvægtet, SRS-interval",
  naive: "(b) Vægtet, SE uden vægte",
  fixed: "(c) Vægtet, SE med faste vægte",
  raking: "(d) Vægtet, SE med raking (standard)",
  bootstrap: "(e) Vægtet, bootstrap-replikater",
};

/** What one method gives for one figure in one replication. */
export interface MethodEstimate {
  value: number;
  se: number;
  ciLow: number;
  ciHigh: number;
}

/** Settings of a replication. */
export interface ReplicationSettings {
  seed: number; // The simulation's seed; replication r uses a seed derived from it and r.
  bootstrapReplicates: number; // Bootstrap replicates per panel for method (e); 0 leaves method (e) out.
  panelSize?: number; // Firms per panel (default 4,128).
}

/** The columns a panel carries. */
const COLUMNS = [
  ...WEIGHTING_VARIABLES,
  "ai_brug",
  ...AREAS.map((a) => `pot_${a.key}`),
  "barriere",
  "tilbud_raadgivning_ai",
];

/** The seed of replication `index` (a hash: replications do not depend on how workers split them). */
function replicationSeed(seed: number, index: number): number {
  let h = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * The panel's data: the columns above for the drawn firms, plus the "large potential somewhere" indicator.
 * @example const data = panelData(pop, drawPanel(propensities(pop), mulberry32(1)));
 */
export function panelData(population: Population, rows: Int32Array): Record<string, (number | null)[]> {
  const data: Record<string, (number | null)[]> = {};
  for (const name of COLUMNS) {
    const values = population.columns[name];
    data[name] = Array.from(rows, (i) => (values[i] < 0 ? null : values[i]));
  }
  data[POTENTIAL_COLUMN] = potentialIndicator(rows.length, (c, i) => data[c][i]);
  return data;
}

/** Only the four numbers (an estimate carries more, which would travel between threads). */
const fromEstimate = ({ value, se, ciLow, ciHigh }: MethodEstimate): MethodEstimate => ({ value, se, ciLow, ciHigh });

/**
 * Replication `index`: draw a panel, rake it, estimate every figure by every method → estimates[figure][method].
 * @example simulateReplication(pop, propensities(pop), margins, 0, { seed: 1, bootstrapReplicates: 50 })
 */
export function simulateReplication(
  population: Population,
  propensity: Float64Array,
  margins: Margins,
  index: number,
  settings: ReplicationSettings,
): Record<string, Partial<Record<Method, MethodEstimate>>> {
  const seed = replicationSeed(settings.seed, index);
  const rows = drawPanel(propensity, mulberry32(seed), settings.panelSize ?? PANEL_SIZE);
  const data = panelData(population, rows);
  const source = `simulated panel ${index + 1}`;
  const unweighted = svydesign({ data, source });
  const raked = rake(unweighted, margins);
  const fixed = svydesign({ data, weights: raked.weights, source });
  const replicates = settings.bootstrapReplicates;
  const boot = replicates > 0 ? asReplicateDesign(raked, { type: "bootstrap", replicates, seed }) : null;
  const out: Record<string, Partial<Record<Method, MethodEstimate>>> = {};
  for (const f of HEADLINE_FIGURES) {
    const share = (design: SurveyDesign) =>
      svyciprop(f.base === null ? design : subset(design, f.base), f.column, f.codes);
    const d = share(raked);
    const p = d.value;
    const naiveSe = Math.sqrt((p * (1 - p)) / d.n);
    const [lo, hi] = confidenceInterval(p, naiveSe, d.n - 1, 0.95, "logit", d.n);
    out[f.key] = {
      unweighted: fromEstimate(share(unweighted)),
      naive: { value: p, se: naiveSe, ciLow: lo, ciHigh: hi },
      fixed: fromEstimate(share(fixed)),
      raking: fromEstimate(d),
    };
    if (boot !== null) out[f.key].bootstrap = fromEstimate(share(boot));
  }
  return out;
}
