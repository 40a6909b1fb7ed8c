/**
 * The seeded generator of the SYNTHETIC respondent file `data/survey/panel-2025-synthetic.csv`.
 *
 * THE RESPONDENTS IT MAKES ARE SYNTHETIC — NOT REAL FIRMS AND NOT REAL ANSWERS. The respondent-level
 * data behind the report (Danmarks Erhvervsfremmebestyrelses virksomhedspanel, autumn 2025, collected
 * by HBS Economics) is not public. So that the notebooks can run end to end and be checked, the
 * project ships an invented panel that is built to reproduce every figure the report publishes once
 * it is raked to the population margins. Any number computed from it beyond the published figures
 * (subgroups, cross-tabulations, unpublished items) says something about this generator, not about
 * Danish SMEs.
 *
 * How it is made (deterministic: the same seed and margins give a byte-identical file):
 * 1. Demographics (`branche`, `stoerrelse`, `erhvervshus`, `alder`) are drawn with a realistic
 *    non-response pattern: firms with 10+ årsværk, older firms, industry and Jutland/Fyn firms are
 *    over-represented, as in real business panels.
 * 2. The raking weights are computed once from the demographics with the engine's `rake` (they
 *    depend on nothing else).
 * 3. Every answer is driven by a model score (size, age, industry, AI maturity, economy, noise), and
 *    the respondents with the highest scores get the answer, up to the weighted share the report
 *    publishes. Where the report also gives an exact unweighted count (the funnel 4,128 → 2,464 →
 *    1,372 → 1,146), the selection is tilted by λ·log(weight) with λ found by bisection, so that the
 *    count is exact and the weighted share hits its target at the same time; the union of areas with
 *    large potential is brought to exactly 1,372 by swapping assignments between respondents of the
 *    same size group with nearly equal weights.
 * 4. Skip logic follows the codebook: `pot_*` only where `ai_brug` is 2–5, `bar_<area>_*` only where
 *    `pot_<area>` is 1–2 (`ingen` exclusive), `tilbud_*` only for firms with at least one barrier,
 *    1–3 chosen. The generator checks its own targets and throws if any is missed.
 *
 * It uses only the raking weights, never the estimators it is meant to test.
 */

import {
  AREAS,
  BARRIER_ITEMS,
  COLUMNS,
  OFFER_ITEMS,
  WEIGHTING_VARIABLES,
  barrierColumn,
  offerColumn,
  potentialColumn,
  type AreaKey,
  type BarrierKey,
  type OfferKey,
} from "./codebook";
import { rake } from "../survey/rake";
import type { Margins } from "../survey/types";
import { mulberry32 } from "../survey/random";

/** The seed of the shipped file. */
export const DEFAULT_SEED = 20251001;

/** Exact unweighted counts of the report's funnel (contract §3). */
export const FUNNEL_COUNTS = { total: 4128, relevant: 2464, potential: 1372, barrier: 1146 } as const;

/**
 * Weighted targets (percent) the generator aims at: the report's published figures, plus the
 * project's own assumptions for the areas and items the report does not publish.
 */
export const WEIGHTED_TARGETS = {
  /** ai_brug shares of all firms, from the top code down: 5, 4–5, 3–5, 2–5. */
  ownTools: 2,
  systematic: 10,
  usesAi: 44,
  relevant: 60,
  digiPositive: 25,
  /** Large potential (pot 1–2) among relevant firms. hr and logistik: project assumption. */
  potential: { salg: 38, udvikling: 29, admin: 26, kundeservice: 23, produktion: 22, hr: 14, logistik: 16 } as Record<AreaKey, number>,
  /** At least one barrier among firms with large potential somewhere. */
  barrierAny: 84,
  /** Offers among firms with at least one barrier. */
  offers: { raadgivning_ai: 58, opkval_medarbejdere: 33, opkval_ledelse: 29 } as Partial<Record<OfferKey, number>>,
} as const;

/** Options of `synthesizePanel`. */
export interface SynthesizeOptions {
  /** Population margins the weights are raked to (data/population/margins.csv). */
  margins: Margins;
  /** PRNG seed; default `DEFAULT_SEED`. */
  seed?: number;
}

/** A generated panel: columns in codebook order, plus the raking weights used to build it. */
export interface SyntheticPanel {
  rowCount: number;
  /** Column name → one value per row; null = not asked (empty cell). */
  columns: Record<string, (number | null)[]>;
  /** The raking weights the answers were calibrated with (not written to the file). */
  weights: Float64Array;
}

// ---------------------------------------------------------------------------------------------
// Random numbers
// ---------------------------------------------------------------------------------------------

export { mulberry32 };

/** A random source with the few draws the generator needs. */
class Random {
  private readonly u: () => number;
  constructor(seed: number) {
    this.u = mulberry32(seed);
  }
  uniform(): number {
    return this.u();
  }
  /** Standard logistic noise (sd ≈ 1.81). */
  logistic(): number {
    const u = Math.min(Math.max(this.u(), 1e-12), 1 - 1e-12);
    return Math.log(u / (1 - u));
  }
  /** Standard normal (Box–Muller, one of the pair). */
  normal(): number {
    const u1 = Math.max(this.u(), 1e-12);
    const u2 = this.u();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
  /** An index drawn with probabilities proportional to `p`. */
  categorical(p: readonly number[]): number {
    const total = p.reduce((a, b) => a + b, 0);
    let x = this.u() * total;
    for (let k = 0; k < p.length; k++) {
      x -= p[k];
      if (x < 0) return k;
    }
    return p.length - 1;
  }
  bernoulli(p: number): boolean {
    return this.u() < p;
  }
}

// ---------------------------------------------------------------------------------------------
// Model constants (effects are on a logit-like score scale)
// ---------------------------------------------------------------------------------------------

/** Relative response propensity of each level (non-response): >1 over-represented. The population shares from the margins are multiplied by these. */
const RESPONSE = {
  branche: [0.95, 1.7, 1.15, 0.9, 1.25, 0.7, 0.55, 1.05, 0.85, 0.75],
  erhvervshus: [0.85, 0.9, 1.15, 1.15, 1.1, 1.1],
  alder: [0.55, 0.8, 1.2],
} as const;
/** Share of respondents by size: 39 % with 10+ årsværk against 13 % in the population. */
const RESPONDENT_SIZE = [0.61, 0.29, 0.1] as const;

const RELEVANCE_EFFECT = {
  size: [0, 1.2, 1.6],
  branche: [-0.8, 0.2, -0.6, 0, 1.2, 0.5, -0.4, 0.6, 0.1, -0.2],
  alder: [0.5, 0.2, -0.3],
  erhvervshus: [0.3, 0, 0, -0.1, 0, -0.1],
} as const;

const INTENSITY_EFFECT = {
  size: [0, 0.9, 1.4],
  branche: [-0.4, 0.2, -0.4, 0, 1.2, 0.5, -0.2, 0.5, 0, -0.2],
  alder: [0.3, 0.1, 0],
} as const;

/** Area-specific effects by industry on the potential score (index = branche − 1). */
const AREA_BRANCHE_EFFECT: Record<AreaKey, readonly number[]> = {
  salg: [0, 0, -0.2, 0.4, 0.3, 0.2, 0.2, 0.2, -0.4, 0.3],
  udvikling: [0, 0.4, -0.1, 0, 0.5, 0.1, -0.2, 0.3, -0.1, 0],
  admin: [0.1, 0, 0.2, 0, 0, 0.4, 0.3, 0.2, 0.2, 0],
  kundeservice: [-0.4, -0.1, -0.2, 0.4, 0.3, 0.5, 0.1, 0.1, 0.1, 0.3],
  produktion: [0.5, 0.8, 0.3, 0, 0, -0.4, -0.3, -0.2, -0.1, 0],
  hr: [-0.2, 0.1, 0, 0, 0.1, 0.1, -0.1, 0.1, 0.3, 0],
  logistik: [0.3, 0.5, 0.2, 0.6, -0.3, -0.4, -0.3, -0.3, -0.3, -0.2],
};
const POTENTIAL_SIZE_EFFECT = [0, 0.55, 0.75] as const;

/** Probability of each barrier item in an area where the firm reports barriers. */
const BARRIER_PROBABILITY: Record<BarrierKey, number> = {
  viden: 0.55,
  kompetencer: 0.36,
  omkostninger: 0.5,
  tid: 0.27,
  data: 0.2,
  sikkerhed: 0.2,
  lovgivning: 0.1,
  kundekontakt: 0.07,
  medarbejdere: 0.1,
  andet: 0.04,
  ingen: 0,
};
/** Area-specific barrier probabilities (statement 4). */
const BARRIER_AREA_OVERRIDE: Partial<Record<AreaKey, Partial<Record<BarrierKey, number>>>> = {
  admin: { lovgivning: 0.3 },
  kundeservice: { kundekontakt: 0.32 },
};

/** Probability an unpublished offer is chosen (when there is room for it), by economic outlook. */
const OTHER_OFFER_PROBABILITY: Record<string, { positive: number; lessOptimistic: number }> = {
  raadgivning_jura: { positive: 0.1, lessOptimistic: 0.24 },
  cybersikkerhed: { positive: 0.12, lessOptimistic: 0.27 },
  netvaerk: { positive: 0.2, lessOptimistic: 0.18 },
  finansiering: { positive: 0.16, lessOptimistic: 0.22 },
  teknisk: { positive: 0.17, lessOptimistic: 0.15 },
  andet: { positive: 0.03, lessOptimistic: 0.03 },
};

// ---------------------------------------------------------------------------------------------
// Selection helpers
// ---------------------------------------------------------------------------------------------

/** Rows sorted by descending score (ties by row index, so the order is deterministic). */
function byScore(rows: readonly number[], score: (i: number) => number): number[] {
  const s = new Map<number, number>();
  for (const i of rows) s.set(i, score(i));
  return [...rows].sort((a, b) => (s.get(b) as number) - (s.get(a) as number) || a - b);
}

/**
 * The highest-scoring rows whose weights add up to `targetWeight` (nearest: a row is taken while
 * the running sum plus half its weight stays within the target).
 */
function selectWeighted(rows: readonly number[], score: (i: number) => number, w: Float64Array, targetWeight: number): Set<number> {
  const chosen = new Set<number>();
  let sum = 0;
  for (const i of byScore(rows, score)) {
    if (sum + w[i] / 2 > targetWeight) break;
    chosen.add(i);
    sum += w[i];
  }
  return chosen;
}

/**
 * Exactly `count` rows, the top ones by score + λ·log(w), with λ found by bisection so that their
 * share of the rows' weight is as close as possible to `targetShare`.
 */
function selectCountAndShare(
  rows: readonly number[],
  score: (i: number) => number,
  w: Float64Array,
  count: number,
  targetShare: number,
): Set<number> {
  const totalWeight = rows.reduce((a, i) => a + w[i], 0);
  const pick = (lambda: number): { set: Set<number>; share: number } => {
    const top = byScore(rows, (i) => score(i) + lambda * Math.log(w[i])).slice(0, count);
    const share = top.reduce((a, i) => a + w[i], 0) / totalWeight;
    return { set: new Set(top), share };
  };
  let lo = -20;
  let hi = 20;
  let best = pick(0);
  for (let iter = 0; iter < 60; iter++) {
    const mid = (lo + hi) / 2;
    const r = pick(mid);
    if (Math.abs(r.share - targetShare) < Math.abs(best.share - targetShare)) best = r;
    if (r.share < targetShare) lo = mid;
    else hi = mid;
  }
  return best.set;
}

function weightSum(rows: Iterable<number>, w: Float64Array): number {
  let s = 0;
  for (const i of rows) s += w[i];
  return s;
}

// ---------------------------------------------------------------------------------------------
// The generator
// ---------------------------------------------------------------------------------------------

/**
 * Generates the synthetic panel: 4,128 respondents whose raked answers reproduce the report's
 * published figures and the statements of the data contract. Throws if a target is missed.
 *
 * @example
 * const panel = synthesizePanel({ margins: readMargins("data/population/margins.csv") });
 * writeFileSync("panel.csv", panelToCsv(panel));
 */
export function synthesizePanel(options: SynthesizeOptions): SyntheticPanel {
  const rnd = new Random(options.seed ?? DEFAULT_SEED);
  const n = FUNNEL_COUNTS.total;
  const margins = options.margins;
  const share = (variable: string): number[] => {
    const rows = margins.rows.filter((r) => r.variable === variable).sort((a, b) => a.level - b.level);
    if (rows.length === 0) throw new Error(`synthesizePanel: margins have no rows for "${variable}"`);
    return rows.map((r) => r.count / margins.total);
  };
  const tilt = (p: number[], f: readonly number[]): number[] => p.map((x, k) => x * f[k]);

  // --- 1. demographics with non-response -----------------------------------------------------
  const brancheP = tilt(share("branche"), RESPONSE.branche);
  const regionP = tilt(share("erhvervshus"), RESPONSE.erhvervshus);
  const alderP = tilt(share("alder"), RESPONSE.alder);
  const size = new Array<number>(n);
  const branche = new Array<number>(n);
  const region = new Array<number>(n);
  const alder = new Array<number>(n);
  const interview = new Array<number>(n);
  const oekonomi = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    size[i] = rnd.categorical(RESPONDENT_SIZE) + 1;
    const large = size[i] > 1;
    // Larger firms: more often industry/trade, less often real estate and services; older.
    const bp = brancheP.map((x, k) => x * (large ? [0.7, 2.2, 1.1, 1.3, 1.0, 0.6, 0.4, 0.9, 1.1, 0.6][k] : 1));
    branche[i] = rnd.categorical(bp) + 1;
    region[i] = rnd.categorical(regionP) + 1;
    alder[i] = rnd.categorical(alderP.map((x, k) => x * (large ? [0.5, 0.7, 1.2][k] : 1))) + 1;
    interview[i] = rnd.bernoulli(large ? 0.2 : 0.1) ? 2 : 1;
    oekonomi[i] = rnd.categorical(large ? [0.16, 0.46, 0.26, 0.09, 0.03] : [0.13, 0.4, 0.31, 0.11, 0.05]) + 1;
  }

  // --- 2. the raking weights ----------------------------------------------------------------
  const demographics: Record<string, number[]> = { branche, stoerrelse: size, erhvervshus: region, alder };
  const variables: Record<string, number[]> = {};
  for (const v of WEIGHTING_VARIABLES) variables[v] = demographics[v];
  const w = rake(variables, margins, { source: "synthetic panel" }).weights;
  const W = weightSum(range(n), w);
  const isLarge = (i: number): boolean => size[i] > 1;

  // --- 3. ai_brug -----------------------------------------------------------------------------
  const relevanceNoise = range(n).map(() => rnd.logistic());
  const relevanceScore = (i: number): number =>
    RELEVANCE_EFFECT.size[size[i] - 1] +
    RELEVANCE_EFFECT.branche[branche[i] - 1] +
    RELEVANCE_EFFECT.alder[alder[i] - 1] +
    RELEVANCE_EFFECT.erhvervshus[region[i] - 1] +
    relevanceNoise[i];
  const relevantSet = selectCountAndShare(range(n), relevanceScore, w, FUNNEL_COUNTS.relevant, WEIGHTED_TARGETS.relevant / 100);
  const relevant = range(n).filter((i) => relevantSet.has(i));

  const intensityNoise = range(n).map(() => rnd.logistic());
  const intensity = (i: number): number =>
    INTENSITY_EFFECT.size[size[i] - 1] + INTENSITY_EFFECT.branche[branche[i] - 1] + INTENSITY_EFFECT.alder[alder[i] - 1] + intensityNoise[i];
  const aiBrug = new Array<number>(n).fill(1);
  {
    const order = byScore(relevant, intensity);
    const cuts = [
      { code: 5, cumulative: WEIGHTED_TARGETS.ownTools },
      { code: 4, cumulative: WEIGHTED_TARGETS.systematic },
      { code: 3, cumulative: WEIGHTED_TARGETS.usesAi },
    ];
    let sum = 0;
    let c = 0;
    for (const i of order) {
      while (c < cuts.length && sum + w[i] / 2 > (cuts[c].cumulative / 100) * W) c++;
      aiBrug[i] = c < cuts.length ? cuts[c].code : 2;
      sum += w[i];
    }
  }

  // --- 4. potential by area (relevant firms) --------------------------------------------------
  const relevantWeight = weightSum(relevant, w);
  const enthusiasm = range(n).map(() => rnd.normal());
  const areaNoise: Record<string, number[]> = {};
  for (const a of AREAS) areaNoise[a.key] = range(n).map(() => rnd.normal());
  const large: Record<string, Set<number>> = {};
  const assignAreas = (alpha: number): void => {
    for (const a of AREAS) {
      const score = (i: number): number =>
        alpha * enthusiasm[i] +
        0.25 * (aiBrug[i] - 2) +
        POTENTIAL_SIZE_EFFECT[size[i] - 1] +
        AREA_BRANCHE_EFFECT[a.key][branche[i] - 1] +
        areaNoise[a.key][i];
      large[a.key] = selectWeighted(relevant, score, w, (WEIGHTED_TARGETS.potential[a.key] / 100) * relevantWeight);
    }
  };
  const areaCount = (i: number): number => AREAS.reduce((k, a) => k + (large[a.key].has(i) ? 1 : 0), 0);
  const unionCount = (): number => relevant.reduce((k, i) => k + (areaCount(i) > 0 ? 1 : 0), 0);
  {
    // Bisection on the correlation between areas: more correlation → fewer firms with any area.
    let lo = 0;
    let hi = 8;
    for (let iter = 0; iter < 40; iter++) {
      const mid = (lo + hi) / 2;
      assignAreas(mid);
      if (unionCount() > FUNNEL_COUNTS.potential) lo = mid;
      else hi = mid;
    }
    assignAreas(hi);
    fixUnionCount(relevant, large, w, isLarge, areaCount, unionCount() - FUNNEL_COUNTS.potential);
  }
  const potentialRows = relevant.filter((i) => areaCount(i) > 0);

  const pot: Record<string, (number | null)[]> = {};
  for (const a of AREAS) {
    const col = new Array<number | null>(n).fill(null);
    for (const i of relevant) {
      col[i] = large[a.key].has(i)
        ? rnd.bernoulli(0.3 + 0.05 * (aiBrug[i] - 2)) ? 1 : 2
        : rnd.categorical([0.36, 0.26, 0.18, 0.2]) + 3;
    }
    pot[a.key] = col;
  }

  // --- 5. barriers (firms with large potential somewhere) -------------------------------------
  const barrierNoise = range(n).map(() => rnd.logistic());
  const barrierScore = (i: number): number => (isLarge(i) ? -0.3 : 0) + (aiBrug[i] >= 4 ? -0.4 : 0) + barrierNoise[i];
  const barrierSet = selectCountAndShare(potentialRows, barrierScore, w, FUNNEL_COUNTS.barrier, WEIGHTED_TARGETS.barrierAny / 100);
  const bar: Record<string, (number | null)[]> = {};
  for (const a of AREAS) for (const b of BARRIER_ITEMS) bar[barrierColumn(a.key, b.key)] = new Array<number | null>(n).fill(null);
  for (const i of potentialRows) {
    const areas = AREAS.filter((a) => large[a.key].has(i)).map((a) => a.key);
    const hasBarrier = barrierSet.has(i);
    const primary = areas[Math.floor(rnd.uniform() * areas.length)];
    for (const area of areas) {
      const withBarriers = hasBarrier && (area === primary || rnd.bernoulli(0.85));
      const chosen = new Set<BarrierKey>();
      if (withBarriers) {
        const p = (item: BarrierKey): number => {
          const base = BARRIER_AREA_OVERRIDE[area]?.[item] ?? BARRIER_PROBABILITY[item];
          // Smaller firms lack knowledge more often; larger ones worry more about data.
          if (item === "viden" || item === "kompetencer") return Math.min(0.95, base + (isLarge(i) ? -0.05 : 0.03));
          return base;
        };
        const items = BARRIER_ITEMS.filter((b) => b.key !== "ingen").map((b) => b.key);
        for (const item of items) if (rnd.bernoulli(p(item))) chosen.add(item);
        if (chosen.size === 0) chosen.add(items[rnd.categorical(items.map(p))]);
      } else {
        chosen.add("ingen");
      }
      for (const b of BARRIER_ITEMS) bar[barrierColumn(area, b.key)][i] = chosen.has(b.key) ? 1 : 0;
    }
  }
  const barrierRows = potentialRows.filter((i) => barrierSet.has(i));

  // --- 6. offers (firms with at least one barrier) --------------------------------------------
  const positive = (i: number): boolean => oekonomi[i] <= 2;
  const offer: Record<string, (number | null)[]> = {};
  for (const o of OFFER_ITEMS) offer[o.key] = new Array<number | null>(n).fill(null);
  const barrierWeight = weightSum(barrierRows, w);
  const offerEffects: Record<string, (i: number) => number> = {
    raadgivning_ai: (i) => (isLarge(i) ? -0.7 : 0) + (positive(i) ? 0.5 : 0),
    opkval_medarbejdere: (i) => (isLarge(i) ? 0.8 : 0),
    opkval_ledelse: (i) => (isLarge(i) ? 0.7 : 0) + (size[i] === 3 ? 0.2 : 0),
  };
  const publishedOffers = Object.keys(WEIGHTED_TARGETS.offers) as OfferKey[];
  const chosenCount = new Map<number, number>(barrierRows.map((i) => [i, 0]));
  for (const key of publishedOffers) {
    const noise = range(n).map(() => rnd.logistic());
    const target = ((WEIGHTED_TARGETS.offers[key] as number) / 100) * barrierWeight;
    const set = selectWeighted(barrierRows, (i) => offerEffects[key](i) + noise[i], w, target);
    for (const i of barrierRows) {
      const yes = set.has(i);
      offer[key][i] = yes ? 1 : 0;
      if (yes) chosenCount.set(i, (chosenCount.get(i) as number) + 1);
    }
  }
  const otherOffers = OFFER_ITEMS.map((o) => o.key).filter((k) => !publishedOffers.includes(k));
  for (const i of barrierRows) {
    const outlook = positive(i) ? "positive" : "lessOptimistic";
    // Random order of the unpublished items, then each is taken with its probability while room is left.
    const order = byScore(
      otherOffers.map((_, k) => k),
      () => rnd.uniform(),
    ).map((k) => otherOffers[k]);
    for (const key of order) {
      const room = (chosenCount.get(i) as number) < 3;
      const yes = room && rnd.bernoulli(OTHER_OFFER_PROBABILITY[key][outlook]);
      offer[key][i] = yes ? 1 : 0;
      if (yes) chosenCount.set(i, (chosenCount.get(i) as number) + 1);
    }
    if (chosenCount.get(i) === 0) {
      const key = otherOffers[rnd.categorical(otherOffers.map((k) => OTHER_OFFER_PROBABILITY[k][outlook]))];
      offer[key][i] = 1;
      chosenCount.set(i, 1);
    }
  }

  // --- 7. digitalisation and productivity ------------------------------------------------------
  const digiNoise = range(n).map(() => rnd.logistic());
  const digiPositive = selectWeighted(
    range(n),
    (i) => 0.3 * (aiBrug[i] - 1) + (isLarge(i) ? 0.3 : 0) + digiNoise[i],
    w,
    (WEIGHTED_TARGETS.digiPositive / 100) * W,
  );
  const digi = range(n).map((i) => (digiPositive.has(i) ? (rnd.bernoulli(0.2) ? 1 : 2) : [3, 4, 5, 9][rnd.categorical([0.66, 0.09, 0.03, 0.22])]));

  // --- assemble in codebook order -----------------------------------------------------------
  const columns: Record<string, (number | null)[]> = {};
  const fixed: Record<string, (number | null)[]> = {
    id: range(n).map((i) => i + 1),
    branche,
    stoerrelse: size,
    erhvervshus: region,
    alder,
    interview,
    oekonomi,
    digi_produktivitet: digi,
    ai_brug: aiBrug,
  };
  for (const a of AREAS) fixed[potentialColumn(a.key)] = pot[a.key];
  for (const [name, col] of Object.entries(bar)) fixed[name] = col;
  for (const o of OFFER_ITEMS) fixed[offerColumn(o.key)] = offer[o.key];
  for (const c of COLUMNS) {
    const col = fixed[c.name];
    if (!col) throw new Error(`synthesizePanel: no values generated for column "${c.name}"`);
    columns[c.name] = col;
  }
  const panel: SyntheticPanel = { rowCount: n, columns, weights: w };
  checkTargets(panel);
  return panel;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/**
 * Brings the number of relevant firms with large potential in at least one area to its exact
 * target by moving single area assignments between respondents of the same size group with the
 * closest weights (so the weighted area shares barely move). `excess` > 0: too many firms.
 */
function fixUnionCount(
  relevant: readonly number[],
  large: Record<string, Set<number>>,
  w: Float64Array,
  isLarge: (i: number) => boolean,
  areaCount: (i: number) => number,
  excess: number,
): void {
  let remaining = excess;
  let guard = 0;
  while (remaining !== 0) {
    if (++guard > 5000) throw new Error(`synthesizePanel: could not reach the potential count (off by ${remaining})`);
    let best: { area: string; from: number; to: number; diff: number } | null = null;
    for (const a of AREAS) {
      const set = large[a.key];
      // Shrinking: take the area from a firm with exactly one area, give it to a firm that has others.
      // Growing: take it from a firm with several areas, give it to a firm with none.
      const donors = relevant.filter((i) => set.has(i) && (remaining > 0 ? areaCount(i) === 1 : areaCount(i) >= 2));
      const takers = relevant.filter((i) => !set.has(i) && (remaining > 0 ? areaCount(i) >= 1 : areaCount(i) === 0));
      for (const from of donors) {
        for (const to of takers) {
          if (isLarge(from) !== isLarge(to)) continue;
          const diff = Math.abs(w[from] - w[to]);
          if (best === null || diff < best.diff) best = { area: a.key, from, to, diff };
        }
      }
    }
    if (best === null) throw new Error(`synthesizePanel: no swap left to fix the potential count (off by ${remaining})`);
    large[best.area].delete(best.from);
    large[best.area].add(best.to);
    remaining += remaining > 0 ? -1 : 1;
  }
}

// ---------------------------------------------------------------------------------------------
// Self-check (simple weighted shares with the raking weights; not the engine's estimators)
// ---------------------------------------------------------------------------------------------

/** One target the generator checks, with what it achieved. */
export interface TargetCheck {
  name: string;
  achieved: number;
  ok: boolean;
  expected: string;
}

/**
 * The generator's own check of its targets: exact funnel counts, weighted shares within ±0.15 of
 * the published integers, and the contract's statements. Returns every check; `synthesizePanel`
 * throws if one fails.
 */
export function targetChecks(panel: SyntheticPanel): TargetCheck[] {
  const { columns: c, weights: w, rowCount: n } = panel;
  const rows = range(n);
  const pct = (domain: (i: number) => boolean, y: (i: number) => boolean): number => {
    let num = 0;
    let den = 0;
    for (const i of rows) {
      if (!domain(i)) continue;
      den += w[i];
      if (y(i)) num += w[i];
    }
    return (100 * num) / den;
  };
  const v = (col: string, i: number): number | null => c[col][i];
  const ai = (i: number): number => v("ai_brug", i) as number;
  const isRelevant = (i: number): boolean => ai(i) >= 2;
  const largeIn = (area: AreaKey, i: number): boolean => {
    const p = v(potentialColumn(area), i);
    return p === 1 || p === 2;
  };
  const inPotential = (i: number): boolean => AREAS.some((a) => largeIn(a.key, i));
  const inBarrier = (i: number): boolean =>
    AREAS.some((a) => BARRIER_ITEMS.some((b) => b.key !== "ingen" && v(barrierColumn(a.key, b.key), i) === 1));
  const small = (i: number): boolean => v("stoerrelse", i) === 1;
  const checks: TargetCheck[] = [];
  const near = (name: string, achieved: number, target: number, tol = 0.15): void => {
    checks.push({ name, achieved, ok: Math.abs(achieved - target) <= tol, expected: `${target} ± ${tol}` });
  };
  const exact = (name: string, achieved: number, target: number): void => {
    checks.push({ name, achieved, ok: achieved === target, expected: `exactly ${target}` });
  };
  const truth = (name: string, ok: boolean, achieved = ok ? 1 : 0): void => {
    checks.push({ name, achieved, ok, expected: "true" });
  };
  const all = (): boolean => true;
  exact("funnel.n_relevant", rows.filter(isRelevant).length, FUNNEL_COUNTS.relevant);
  exact("funnel.n_potential", rows.filter((i) => isRelevant(i) && inPotential(i)).length, FUNNEL_COUNTS.potential);
  exact("funnel.n_barrier", rows.filter((i) => isRelevant(i) && inPotential(i) && inBarrier(i)).length, FUNNEL_COUNTS.barrier);
  near("relevant", pct(all, isRelevant), 60);
  near("uses_ai", pct(all, (i) => ai(i) >= 3), 44);
  near("systematic", pct(all, (i) => ai(i) >= 4), 10);
  near("own_tools", pct(all, (i) => ai(i) === 5), 2);
  near("experiment_share_of_users", pct((i) => ai(i) >= 3, (i) => ai(i) === 3), 75, 4.5);
  truth("not_started_share_of_relevant > 25", pct(isRelevant, (i) => ai(i) === 2) > 25.5);
  near("digi_positive", pct(all, (i) => (v("digi_produktivitet", i) as number) <= 2), 25, 1.5);
  for (const [area, target] of Object.entries(WEIGHTED_TARGETS.potential)) {
    if (!["salg", "udvikling", "admin", "kundeservice", "produktion"].includes(area)) continue;
    near(`potential.${area}`, pct(isRelevant, (i) => largeIn(area as AreaKey, i)), target);
  }
  near("barriers.any", pct((i) => isRelevant(i) && inPotential(i), inBarrier), WEIGHTED_TARGETS.barrierAny);
  const barrierBase = (i: number): boolean => isRelevant(i) && inPotential(i) && inBarrier(i);
  for (const [key, target] of Object.entries(WEIGHTED_TARGETS.offers)) {
    near(`offers.${key}`, pct(barrierBase, (i) => v(offerColumn(key as OfferKey), i) === 1), target as number);
  }
  // Statements 1–7 of the contract, with a margin of at least one point.
  const published: AreaKey[] = ["salg", "udvikling", "admin", "kundeservice", "produktion"];
  for (const area of published) {
    const l = pct((i) => isRelevant(i) && !small(i), (i) => largeIn(area, i));
    const s = pct((i) => isRelevant(i) && small(i), (i) => largeIn(area, i));
    truth(`statement 1 (${area}): 10+ ${l.toFixed(1)} > <10 ${s.toFixed(1)}`, l > s + 1);
  }
  const smallAmongNotRelevant = pct((i) => ai(i) === 1, small);
  truth(`statement 2a: <10 among not relevant ${smallAmongNotRelevant.toFixed(1)} > 75`, smallAmongNotRelevant > 75);
  const relevantAmongLarge = pct((i) => !small(i), isRelevant);
  truth(`statement 2b: relevant among 10+ ${relevantAmongLarge.toFixed(1)} > 55`, relevantAmongLarge > 55);
  const barrierItems = BARRIER_ITEMS.filter((b) => b.key !== "ingen").map((b) => b.key);
  const barrierShare = (area: AreaKey, item: BarrierKey): number => pct((i) => largeIn(area, i), (i) => v(barrierColumn(area, item), i) === 1);
  for (const area of published) {
    const ranked = barrierItems.map((item) => ({ item, share: barrierShare(area, item) })).sort((a, b) => b.share - a.share);
    const top = ranked.slice(0, 2).map((r) => r.item);
    const ok = top.includes("omkostninger") && (top.includes("viden") || top.includes("kompetencer")) && ranked[1].share > ranked[2].share + 1;
    truth(`statement 3 (${area}): top two ${top.join(", ")}`, ok);
  }
  for (const [item, home] of [["kundekontakt", "kundeservice"], ["lovgivning", "admin"]] as [BarrierKey, AreaKey][]) {
    const atHome = barrierShare(home, item);
    const elsewhere = Math.max(...AREAS.filter((a) => a.key !== home).map((a) => barrierShare(a.key, item)));
    truth(`statement 4: ${item} in ${home} ${atHome.toFixed(1)} > elsewhere ${elsewhere.toFixed(1)}`, atHome > elsewhere + 1);
  }
  const offerShare = (key: OfferKey, group: (i: number) => boolean): number => pct((i) => barrierBase(i) && group(i), (i) => v(offerColumn(key), i) === 1);
  const notSmall = (i: number): boolean => !small(i);
  truth("statement 5: raadgivning_ai <10 > 10+", offerShare("raadgivning_ai", small) > offerShare("raadgivning_ai", notSmall) + 1);
  for (const key of ["opkval_medarbejdere", "opkval_ledelse"] as OfferKey[]) {
    truth(`statement 5: ${key} 10+ > <10`, offerShare(key, notSmall) > offerShare(key, small) + 1);
  }
  const pos = (i: number): boolean => (v("oekonomi", i) as number) <= 2;
  const neg = (i: number): boolean => (v("oekonomi", i) as number) >= 3;
  truth("statement 6: raadgivning_ai positive > less optimistic", offerShare("raadgivning_ai", pos) > offerShare("raadgivning_ai", neg) + 1);
  for (const key of ["raadgivning_jura", "cybersikkerhed"] as OfferKey[]) {
    truth(`statement 6: ${key} less optimistic > positive`, offerShare(key, neg) > offerShare(key, pos) + 1);
  }
  const unweightedLarge = (100 * rows.filter(notSmall).length) / n;
  const weightedLarge = pct(all, notSmall);
  truth(`statement 7: 10+ unweighted ${unweightedLarge.toFixed(1)} vs weighted ${weightedLarge.toFixed(1)}`, unweightedLarge - weightedLarge > 20);
  return checks;
}

function checkTargets(panel: SyntheticPanel): void {
  const failed = targetChecks(panel).filter((c) => !c.ok);
  if (failed.length > 0) {
    throw new Error(
      `synthesizePanel: ${failed.length} target(s) missed:\n` +
        failed.map((c) => `  ${c.name}: achieved ${c.achieved}, expected ${c.expected}`).join("\n"),
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

/**
 * The panel as CSV text: header row with the codebook's column names in codebook order, one row per
 * respondent, comma separated, empty cell = not asked, `\n` line ends, final newline.
 *
 * @example
 * panelToCsv({ rowCount: 1, columns: { id: [1], ... } }); // "id,branche,...\n1,4,...\n"
 */
export function panelToCsv(panel: { rowCount: number; columns: Record<string, (number | null)[]> }): string {
  const names = COLUMNS.map((c) => c.name);
  const lines = [names.join(",")];
  for (let i = 0; i < panel.rowCount; i++) {
    lines.push(names.map((name) => {
      const x = panel.columns[name][i];
      return x === null ? "" : String(x);
    }).join(","));
  }
  return lines.join("\n") + "\n";
}
