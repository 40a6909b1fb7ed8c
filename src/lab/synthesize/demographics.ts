/** The synthetic respondents' demographics, with a realistic non-response pattern, and their raking weights. */

import { DataError, rake, svydesign, type Margins } from "../../survey";
import {
  LARGE_FIRM_ALDER,
  LARGE_FIRM_BRANCHE,
  OEKONOMI_DISTRIBUTION,
  RESPONDENT_SIZE,
  RESPONSE,
  TELEPHONE,
} from "./model";
import type { Random } from "./random";
import { range, weightSum } from "./select";

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
  const size = new Array<number>(n);
  const branche = new Array<number>(n);
  const region = new Array<number>(n);
  const alder = new Array<number>(n);
  const interview = new Array<number>(n);
  const oekonomi = new Array<number>(n);
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
