/** The synthetic respondents: demographics and raking weights, then answers to the report's weighted shares. */

import {
  AREAS,
  AT_LEAST_10_FTE,
  BARRIER_ITEMS,
  ECONOMY_POSITIVE,
  SYSTEMATIC_OR_OWN_TOOLS,
  NO_BARRIER,
  OFFER_CHOICES,
  OFFER_ITEMS,
  barrierColumn,
  type AreaKey,
  type BarrierKey,
  type OfferKey,
} from "../../codebook";
import { DataError, rake, svydesign, type Margins } from "../../survey";
import {
  BARRIER_AREA_OVERRIDE,
  BARRIER_PROBABILITY,
  DIGI_OTHER_ANSWERS,
  LARGE_FIRM_ALDER,
  LARGE_FIRM_BRANCHE,
  OEKONOMI_DISTRIBUTION,
  OTHER_OFFER_PROBABILITY,
  OTHER_POTENTIAL_ANSWERS,
  RESPONDENT_SIZE,
  RESPONSE,
  TELEPHONE,
  intensityEffect,
  potentialEffect,
  relevanceEffect,
  type Random,
} from "./model";
import { byScore, fixUnionCount, range, selectCountAndShare, selectWeighted, weightSum } from "./select";
import type { SynthesisTargets } from "./targets";

type Column = (number | null)[];
const emptyColumn = (n: number): Column => new Array<number | null>(n).fill(null);
const isLarge = (p: Respondents, i: number): boolean => (AT_LEAST_10_FTE as readonly number[]).includes(p.size[i]);

/** What every question's draw uses: the random source, the respondents and the targets. */
export interface Draw {
  rnd: Random;
  p: Respondents;
  t: SynthesisTargets;
}

/** The respondents' background columns (codes), their raking weights and the sum of weights. */
export interface Respondents {
  n: number;
  size: number[];
  branche: number[];
  region: number[];
  alder: number[];
  interview: number[];
  oekonomi: number[];
  w: Float64Array; // Raking weights, one per respondent.
  W: number; // Sum of the weights (the population total).
}

/**
 * Draws `n` respondents' demographics (larger, older, non-Hovedstaden firms over-represented) and rakes them.
 * @example const people = drawRespondents(new Random(1), margins, 4128); people.W // 177677
 */
export function drawRespondents(rnd: Random, margins: Margins, n: number): Respondents {
  const share = (variable: string): number[] => {
    const rows = margins.rows.filter((r) => r.variable === variable).sort((a, b) => a.level - b.level);
    const problem = `margins have no rows for "${variable}"`;
    const details = { file: margins.source, column: "variable", value: variable, problem };
    if (rows.length === 0) throw new DataError({ ...details, expected: `the levels of ${variable}` });
    return rows.map((r) => r.count / margins.total);
  };
  const tilt = (p: readonly number[], f: readonly number[]): number[] => p.map((x, k) => x * f[k]);
  const brancheP = tilt(share("branche"), RESPONSE.branche);
  const regionP = tilt(share("erhvervshus"), RESPONSE.erhvervshus);
  const alderP = tilt(share("alder"), RESPONSE.alder);
  const [size, branche, region, alder, interview, oekonomi] = Array.from({ length: 6 }, () => new Array<number>(n));
  for (let i = 0; i < n; i++) {
    size[i] = rnd.categorical(RESPONDENT_SIZE) + 1;
    const large = size[i] > 1;
    branche[i] = rnd.categorical(large ? tilt(brancheP, LARGE_FIRM_BRANCHE) : brancheP) + 1;
    region[i] = rnd.categorical(regionP) + 1;
    alder[i] = rnd.categorical(large ? tilt(alderP, LARGE_FIRM_ALDER) : alderP) + 1;
    interview[i] = rnd.bernoulli(large ? TELEPHONE.large : TELEPHONE.small) ? 2 : 1;
    oekonomi[i] = rnd.categorical(large ? OEKONOMI_DISTRIBUTION.large : OEKONOMI_DISTRIBUTION.small) + 1;
  }
  const data = { branche, stoerrelse: size, erhvervshus: region, alder }; // the WEIGHTING_VARIABLES
  const w = rake(svydesign({ data, source: "synthetic panel" }), margins).weights;
  return { n, size, branche, region, alder, interview, oekonomi, w, W: weightSum(range(n), w) };
}

/**
 * `ai_brug`: exactly `counts.relevant` relevant firms; by intensity 5, 4, 3 to the published shares, the rest 2.
 * @example const { aiBrug, relevant } = drawAdoption({ rnd, p: people, t: targets });
 */
export function drawAdoption({ rnd, p, t }: Draw): { aiBrug: number[]; relevant: number[] } {
  const { n, w, W } = p;
  const relevanceNoise = range(n).map(() => rnd.logistic());
  const relevanceScore = (i: number): number =>
    relevanceEffect(p.size[i], p.branche[i], p.alder[i], p.region[i]) + relevanceNoise[i];
  const relevantSet = selectCountAndShare(range(n), relevanceScore, w, t.counts.relevant, t.relevant / 100);
  const relevant = range(n).filter((i) => relevantSet.has(i));
  const intensityNoise = range(n).map(() => rnd.logistic());
  const intensity = (i: number): number => intensityEffect(p.size[i], p.branche[i], p.alder[i]) + intensityNoise[i];
  const aiBrug = new Array<number>(n).fill(1);
  // Cumulative weighted shares from the top code down: 5; 4–5; 3–5.
  const cuts = [
    { code: 5, cumulative: t.ownTools },
    { code: 4, cumulative: t.ownTools + t.systematic },
    { code: 3, cumulative: t.usesAi },
  ];
  let sum = 0;
  let c = 0;
  for (const i of byScore(relevant, intensity)) {
    while (c < cuts.length && sum + w[i] / 2 > (cuts[c].cumulative / 100) * W) c++;
    aiBrug[i] = c < cuts.length ? cuts[c].code : 2;
    sum += w[i];
  }
  return { aiBrug, relevant };
}

/**
 * `pot_<area>`: large potential for each area's top scores; exactly `counts.potential` firms have it somewhere.
 * @example const { pot, potentialRows, large } = drawPotential(draw, aiBrug, relevant);
 */
export function drawPotential(
  { rnd, p, t }: Draw,
  aiBrug: readonly number[],
  relevant: readonly number[],
): { pot: Record<string, Column>; potentialRows: number[]; large: Record<string, Set<number>> } {
  const { n, w } = p;
  const relevantWeight = weightSum(relevant, w);
  const enthusiasm = range(n).map(() => rnd.normal());
  const areaNoise = Object.fromEntries(AREAS.map((a) => [a.key, range(n).map(() => rnd.normal())]));
  const large: Record<string, Set<number>> = {};
  const assignAreas = (alpha: number): void => {
    for (const a of AREAS) {
      const score = (i: number): number =>
        potentialEffect(a.key, alpha * enthusiasm[i], aiBrug[i], p.size[i], p.branche[i]) + areaNoise[a.key][i];
      large[a.key] = selectWeighted(relevant, score, w, (t.potential[a.key] / 100) * relevantWeight);
    }
  };
  const areaCount = (i: number): number => AREAS.reduce((k, a) => k + (large[a.key].has(i) ? 1 : 0), 0);
  const unionCount = (): number => relevant.reduce((k, i) => k + (areaCount(i) > 0 ? 1 : 0), 0);
  // Bisection on the correlation between areas: more correlation → fewer firms with any area.
  let lo = 0;
  let hi = 8;
  for (let iter = 0; iter < 40; iter++) {
    const mid = (lo + hi) / 2;
    assignAreas(mid);
    if (unionCount() > t.counts.potential) lo = mid;
    else hi = mid;
  }
  assignAreas(hi);
  fixUnionCount(relevant, large, w, (i) => isLarge(p, i), areaCount, unionCount() - t.counts.potential);
  const potentialRows = relevant.filter((i) => areaCount(i) > 0);
  const pot: Record<string, Column> = {};
  for (const a of AREAS) {
    const col = emptyColumn(n);
    for (const i of relevant) {
      if (large[a.key].has(i)) col[i] = rnd.bernoulli(0.3 + 0.05 * (aiBrug[i] - 2)) ? 1 : 2;
      else col[i] = rnd.categorical(OTHER_POTENTIAL_ANSWERS) + 3;
    }
    pot[a.key] = col;
  }
  return { pot, potentialRows, large };
}

/**
 * `bar_<area>_<item>` where potential is large: exactly `counts.barrier` firms report one, the rest "ingen".
 * @example const { bar, barrierRows } = drawBarriers(draw, aiBrug, potentialRows, large);
 */
export function drawBarriers(
  { rnd, p, t }: Draw,
  aiBrug: readonly number[],
  potentialRows: readonly number[],
  large: Record<string, Set<number>>,
): { bar: Record<string, Column>; barrierRows: number[] } {
  const barrierNoise = range(p.n).map(() => rnd.logistic());
  const barrierScore = (i: number): number =>
    (isLarge(p, i) ? -0.3 : 0) +
    ((SYSTEMATIC_OR_OWN_TOOLS as readonly number[]).includes(aiBrug[i]) ? -0.4 : 0) +
    barrierNoise[i];
  const barrierSet = selectCountAndShare(potentialRows, barrierScore, p.w, t.counts.barrier, t.barrierAny / 100);
  const bar: Record<string, Column> = {};
  for (const a of AREAS) for (const b of BARRIER_ITEMS) bar[barrierColumn(a.key, b.key)] = emptyColumn(p.n);
  const items = BARRIER_ITEMS.filter((b) => b.key !== NO_BARRIER).map((b) => b.key);
  for (const i of potentialRows) {
    const areas = AREAS.filter((a) => large[a.key].has(i)).map((a) => a.key);
    const hasBarrier = barrierSet.has(i);
    const primary = areas[Math.floor(rnd.uniform() * areas.length)];
    for (const area of areas) {
      const withBarriers = hasBarrier && (area === primary || rnd.bernoulli(0.85));
      const chosen = new Set<BarrierKey>();
      if (withBarriers) {
        const prob = (item: BarrierKey): number => barrierProbability(area, item, isLarge(p, i));
        for (const item of items) if (rnd.bernoulli(prob(item))) chosen.add(item);
        if (chosen.size === 0) chosen.add(items[rnd.categorical(items.map(prob))]);
      } else {
        chosen.add(NO_BARRIER);
      }
      for (const b of BARRIER_ITEMS) bar[barrierColumn(area, b.key)][i] = chosen.has(b.key) ? 1 : 0;
    }
  }
  return { bar, barrierRows: potentialRows.filter((i) => barrierSet.has(i)) };
}

/** Smaller firms lack knowledge more often; larger ones less. */
function barrierProbability(area: AreaKey, item: BarrierKey, large: boolean): number {
  const base = BARRIER_AREA_OVERRIDE[area]?.[item] ?? BARRIER_PROBABILITY[item];
  if (item === "viden" || item === "kompetencer") return Math.min(0.95, base + (large ? -0.05 : 0.03));
  return base;
}

/**
 * `tilbud_<item>`: published offers to their shares, the others by outlook up to three; at least one each.
 * @example const offer = drawOffers(draw, barrierRows);
 */
export function drawOffers({ rnd, p, t }: Draw, barrierRows: readonly number[]): Record<string, Column> {
  const positive = (i: number): boolean => (ECONOMY_POSITIVE as readonly number[]).includes(p.oekonomi[i]);
  const offer: Record<string, Column> = {};
  for (const o of OFFER_ITEMS) offer[o.key] = emptyColumn(p.n);
  const barrierWeight = weightSum(barrierRows, p.w);
  const offerEffects: Partial<Record<OfferKey, (i: number) => number>> = {
    raadgivning_ai: (i) => (isLarge(p, i) ? -0.7 : 0) + (positive(i) ? 0.5 : 0),
    opkval_medarbejdere: (i) => (isLarge(p, i) ? 0.8 : 0),
    opkval_ledelse: (i) => (isLarge(p, i) ? 0.7 : 0) + (p.size[i] === 3 ? 0.2 : 0),
  };
  const targeted = Object.keys(t.offers) as OfferKey[];
  const chosenCount = new Map<number, number>(barrierRows.map((i) => [i, 0]));
  const choose = (key: OfferKey, i: number, yes: boolean): void => {
    offer[key][i] = yes ? 1 : 0;
    if (yes) chosenCount.set(i, (chosenCount.get(i) as number) + 1);
  };
  for (const key of targeted) {
    const noise = range(p.n).map(() => rnd.logistic());
    const effect = offerEffects[key] ?? ((): number => 0);
    const target = ((t.offers[key] as number) / 100) * barrierWeight;
    const set = selectWeighted(barrierRows, (i) => effect(i) + noise[i], p.w, target);
    for (const i of barrierRows) choose(key, i, set.has(i));
  }
  const otherOffers = OFFER_ITEMS.map((o) => o.key).filter((k) => !targeted.includes(k));
  for (const i of barrierRows) {
    const outlook = positive(i) ? "positive" : "lessOptimistic";
    // Random order of the other items, then each is taken with its probability while room is left.
    const keys = otherOffers.map((_, k) => k);
    for (const key of byScore(keys, () => rnd.uniform()).map((k) => otherOffers[k])) {
      const room = (chosenCount.get(i) as number) < OFFER_CHOICES.max;
      choose(key, i, room && rnd.bernoulli(OTHER_OFFER_PROBABILITY[key][outlook]));
    }
    if (chosenCount.get(i) === 0) {
      const key = otherOffers[rnd.categorical(otherOffers.map((k) => OTHER_OFFER_PROBABILITY[k][outlook]))];
      offer[key][i] = 1;
      chosenCount.set(i, 1);
    }
  }
  return offer;
}

/**
 * `digi_produktivitet`: (very) positive for the top scores up to `digiPositive`; the others not.
 * @example const digi = drawDigitalisation(draw, aiBrug);
 */
export function drawDigitalisation({ rnd, p, t }: Draw, aiBrug: readonly number[]): number[] {
  const digiNoise = range(p.n).map(() => rnd.logistic());
  const score = (i: number): number => 0.3 * (aiBrug[i] - 1) + (isLarge(p, i) ? 0.3 : 0) + digiNoise[i];
  const positive = selectWeighted(range(p.n), score, p.w, (t.digiPositive / 100) * p.W);
  return range(p.n).map((i) =>
    positive.has(i) ? (rnd.bernoulli(0.2) ? 1 : 2) : DIGI_OTHER_ANSWERS.codes[rnd.categorical(DIGI_OTHER_ANSWERS.p)],
  );
}
