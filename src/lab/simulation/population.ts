/** A SYNTHETIC population of 177,677 firms matching the margins, answers cut at the published shares. */
import { AREAS, WEIGHTING_VARIABLES } from "../../codebook";
import type { SynthesisTargets } from "../synthesize/targets";
import {
  LARGE_FIRM_ALDER,
  LARGE_FIRM_BRANCHE,
  OEKONOMI_DISTRIBUTION,
  OTHER_POTENTIAL_ANSWERS,
  intensityEffect,
  potentialEffect,
  relevanceEffect,
  Random,
} from "../synthesize/model";
import type { Margins } from "../../survey";
import { allRows, topByScore } from "./select";

/** The seed of the population (any seed gives a population with the same margins). */
const POPULATION_SEED = 20251128;

/** Columns of the population; -1 marks "not asked". */
export interface Population {
  size: number; // Number of firms.
  /** branche, stoerrelse, erhvervshus, alder, oekonomi, ai_brug, pot_<area>, barriere (any barrier 0/1), tilbud_raadgivning_ai (0/1). */
  columns: Record<string, Int8Array>;
}

/** Weight of the firm's general AI enthusiasm in every area score (the panel finds it by bisection; fixed here). */
const ENTHUSIASM = 1;

/** The codes and counts of one margin variable, in level order. */
function marginCounts(margins: Margins, variable: string): { levels: number[]; counts: number[] } {
  const rows = margins.rows.filter((r) => r.variable === variable).sort((a, b) => a.level - b.level);
  if (rows.length === 0) throw new Error(`buildPopulation: margins have no rows for "${variable}"`);
  const r = rows.find((m) => !Number.isInteger(m.count));
  if (r)
    throw new Error(
      `buildPopulation: ${variable} level ${r.level} has a count of ${r.count}, not a whole number of firms`,
    );
  return { levels: rows.map((r) => r.level), counts: rows.map((r) => r.count) };
}

/** An index drawn with probability ∝ remaining[k] · preference[k]; takes one from remaining. */
function drawFromRemaining(remaining: number[], preference: readonly number[] | null, u: number): number {
  let total = 0;
  for (let k = 0; k < remaining.length; k++) total += remaining[k] * (preference ? preference[k] : 1);
  let x = u * total;
  let last = -1;
  for (let k = 0; k < remaining.length; k++) {
    const p = remaining[k] * (preference ? preference[k] : 1);
    if (p <= 0) continue;
    last = k;
    x -= p;
    if (x < 0) break;
  }
  remaining[last]--;
  return last;
}

/**
 * The population for the margins, its answers cut at the targets; the same on every run, and reads no file (browsers).
 * @example buildPopulation(readMargins("data/population/margins.csv"), synthesisTargets(publishedFigures())).size // 177677
 */
export function buildPopulation(margins: Margins, targets: SynthesisTargets): Population {
  const rnd = new Random(POPULATION_SEED);
  const u = (): number => rnd.uniform();
  const [branche, stoerrelse, erhvervshus, alder] = WEIGHTING_VARIABLES.map((v) => marginCounts(margins, v));
  const n = stoerrelse.counts.reduce((a, b) => a + b, 0);
  const col = (): Int8Array => new Int8Array(n).fill(-1);
  const c: Record<string, Int8Array> = {};
  for (const name of [...WEIGHTING_VARIABLES, "oekonomi", "ai_brug"]) c[name] = col();

  // demographics, largest size group first
  const left = { branche: [...branche.counts], erhvervshus: [...erhvervshus.counts], alder: [...alder.counts] };
  let i = 0;
  for (let s = stoerrelse.levels.length - 1; s >= 0; s--) {
    const large = s > 0;
    for (let k = 0; k < stoerrelse.counts[s]; k++, i++) {
      c.stoerrelse[i] = stoerrelse.levels[s];
      c.branche[i] = branche.levels[drawFromRemaining(left.branche, large ? LARGE_FIRM_BRANCHE : null, u())];
      c.alder[i] = alder.levels[drawFromRemaining(left.alder, large ? LARGE_FIRM_ALDER : null, u())];
      c.erhvervshus[i] = erhvervshus.levels[drawFromRemaining(left.erhvervshus, null, u())];
      c.oekonomi[i] = rnd.categorical(large ? OEKONOMI_DISTRIBUTION.large : OEKONOMI_DISTRIBUTION.small) + 1;
    }
  }
  const all = allRows(n);
  const isLarge = (k: number): boolean => c.stoerrelse[k] > 1;
  const cut = (share: number, rows: number): number => Math.round(share * rows);
  // A score for each of `rows` (0 elsewhere), drawn in the rows' order; `top`: 1 for the top `percent` of `rows`.
  const scores = (rows: Int32Array, score: (k: number) => number): Float64Array => {
    const s = new Float64Array(n);
    for (const k of rows) s[k] = score(k);
    return s;
  };
  const top = (rows: Int32Array, score: Float64Array, percent: number): Uint8Array => {
    const f = new Uint8Array(n);
    for (const k of topByScore(rows, score, cut(percent / 100, rows.length))) f[k] = 1;
    return f;
  };

  // ai_brug
  const relevance = scores(
    all,
    (k) => relevanceEffect(c.stoerrelse[k], c.branche[k], c.alder[k], c.erhvervshus[k]) + rnd.logistic(),
  );
  const relevant = topByScore(all, relevance, cut(targets.relevant / 100, n));
  c.ai_brug.fill(1);
  const intensity = scores(all, (k) => intensityEffect(c.stoerrelse[k], c.branche[k], c.alder[k]) + rnd.logistic());
  for (const k of relevant) c.ai_brug[k] = 2;
  // The most intense firms use AI (3), of those the most intense systematically (4), own tools (5).
  for (const band of [
    { code: 3, share: targets.usesAi },
    { code: 4, share: targets.systematic + targets.ownTools },
    { code: 5, share: targets.ownTools },
  ])
    for (const k of topByScore(relevant, intensity, cut(band.share / 100, n))) c.ai_brug[k] = band.code;

  // potential by area (relevant firms)
  const enthusiasm = scores(relevant, () => rnd.normal());
  const areaCount = new Int8Array(n);
  for (const a of AREAS) {
    const pot = col();
    const effect = (k: number): number =>
      potentialEffect(a.key, ENTHUSIASM * enthusiasm[k], c.ai_brug[k], c.stoerrelse[k], c.branche[k]);
    const score = scores(relevant, (k) => effect(k) + rnd.normal());
    const large = top(relevant, score, targets.potential[a.key]);
    for (const k of relevant) {
      if (large[k]) {
        pot[k] = rnd.bernoulli(0.3 + 0.05 * (c.ai_brug[k] - 2)) ? 1 : 2;
        areaCount[k]++;
      } else pot[k] = rnd.categorical(OTHER_POTENTIAL_ANSWERS) + 3;
    }
    c[`pot_${a.key}`] = pot;
  }

  // any barrier (firms with large potential somewhere)
  const potential = all.filter((k) => areaCount[k] > 0);
  const barrierScore = scores(
    potential,
    (k) => (isLarge(k) ? -0.3 : 0) + (c.ai_brug[k] >= 4 ? -0.4 : 0) + rnd.logistic(),
  );
  const withBarrier = top(potential, barrierScore, targets.barrierAny);
  c.barriere = col();
  for (const k of potential) c.barriere[k] = withBarrier[k];

  // AI advice wanted (firms with a barrier)
  const barrierRows = potential.filter((k) => withBarrier[k] === 1);
  const adviceScore = scores(
    barrierRows,
    (k) => (isLarge(k) ? -0.7 : 0) + (c.oekonomi[k] <= 2 ? 0.5 : 0) + rnd.logistic(),
  );
  const advice = top(barrierRows, adviceScore, targets.offers.raadgivning_ai as number);
  c.tilbud_raadgivning_ai = col();
  for (const k of barrierRows) c.tilbud_raadgivning_ai[k] = advice[k];
  return { size: n, columns: c };
}

/**
 * Count of each level of a population column (for checking margins).
 * @example levelCounts(pop, "stoerrelse") // Map { 1 => 154138, 2 => 19594, 3 => 3945 }
 */
export function levelCounts(population: Population, column: string): Map<number, number> {
  const values = population.columns[column];
  if (values === undefined) throw new Error(`levelCounts: the population has no column "${column}"`);
  const tally = new Array<number>(128).fill(0); // Int8Array codes: an array, not a Map update per firm
  const seen: number[] = []; // the levels in the order first met
  for (let i = 0; i < values.length; i++) if (values[i] >= 0 && tally[values[i]]++ === 0) seen.push(values[i]);
  return new Map(seen.map((v) => [v, tally[v]]));
}
