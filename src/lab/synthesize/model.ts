/** The answer model (by size, industry, age, region, AI maturity and outlook, on a logit-like scale) and its draws. */

import type { AreaKey, BarrierKey } from "../../codebook";
import { mulberry32 } from "../../survey";

/**
 * A seeded random source: uniform, logistic, normal, categorical and Bernoulli draws.
 * @example const rnd = new Random(20251001); rnd.categorical([0.6, 0.3, 0.1]) // 0, 1 or 2
 */
export class Random {
  private readonly u: () => number;
  constructor(seed: number) {
    this.u = mulberry32(seed);
  }
  /** A uniform draw in [0, 1). */
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
  /** True with probability `p`. */
  bernoulli(p: number): boolean {
    return this.u() < p;
  }
}

/** Relative response propensity of each level (>1: over-represented), multiplying the population shares. */
export const RESPONSE = {
  branche: [0.95, 1.7, 1.15, 0.9, 1.25, 0.7, 0.55, 1.05, 0.85, 0.75],
  erhvervshus: [0.85, 0.9, 1.15, 1.15, 1.1, 1.1],
  alder: [0.55, 0.8, 1.2],
} as const;
/** Share of respondents by size: 39 % with 10+ årsværk against 13 % in the population. */
export const RESPONDENT_SIZE = [0.61, 0.29, 0.1] as const;
/** Larger firms: more often industry/trade, less often real estate and services. */
export const LARGE_FIRM_BRANCHE = [0.7, 2.2, 1.1, 1.3, 1.0, 0.6, 0.4, 0.9, 1.1, 0.6] as const;
/** Larger firms are older (multiplies the age shares). */
export const LARGE_FIRM_ALDER = [0.5, 0.7, 1.2] as const;
/** Share interviewed by telephone, by size. */
export const TELEPHONE = { small: 0.1, large: 0.2 } as const;
/** Economic situation (codes 1–5) by size. */
export const OEKONOMI_DISTRIBUTION = {
  small: [0.13, 0.4, 0.31, 0.11, 0.05],
  large: [0.16, 0.46, 0.26, 0.09, 0.03],
} as const;

/** Effects on finding AI relevant. */
const RELEVANCE_EFFECT = {
  size: [0, 1.2, 1.6],
  branche: [-0.8, 0.2, -0.6, 0, 1.2, 0.5, -0.4, 0.6, 0.1, -0.2],
  alder: [0.5, 0.2, -0.3],
  erhvervshus: [0.3, 0, 0, -0.1, 0, -0.1],
} as const;

/** Effects on the intensity of AI use (experimenting → systematic → own tools). */
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
/** Size effect on the potential score. */
const POTENTIAL_SIZE_EFFECT = [0, 0.55, 0.75] as const;

/**
 * A firm's relevance score before its noise (codes of size, industry, age and region).
 * @example relevanceEffect(1, 5, 1, 1) // 0 + 1.2 + 0.5 + 0.3
 */
export function relevanceEffect(size: number, branche: number, alder: number, region: number): number {
  const e = RELEVANCE_EFFECT;
  return e.size[size - 1] + e.branche[branche - 1] + e.alder[alder - 1] + e.erhvervshus[region - 1];
}

/** A relevant firm's intensity-of-use score before its noise. @example intensityEffect(1, 5, 1) // 0 + 1.2 + 0.3 */
export function intensityEffect(size: number, branche: number, alder: number): number {
  return INTENSITY_EFFECT.size[size - 1] + INTENSITY_EFFECT.branche[branche - 1] + INTENSITY_EFFECT.alder[alder - 1];
}

/**
 * A relevant firm's potential score in an area before its noise.
 * @example potentialEffect("salg", 0.4, 3, 2, 4) // 0.4 + 0.25 + 0.55 + 0.4
 */
export function potentialEffect(
  area: AreaKey,
  enthusiasm: number,
  aiBrug: number,
  size: number,
  branche: number,
): number {
  return enthusiasm + 0.25 * (aiBrug - 2) + POTENTIAL_SIZE_EFFECT[size - 1] + AREA_BRANCHE_EFFECT[area][branche - 1];
}
/** Distribution of the answers 3–6 where potential is not large. */
export const OTHER_POTENTIAL_ANSWERS = [0.36, 0.26, 0.18, 0.2] as const;

/** Probability of each barrier item in an area where the firm reports barriers. */
export const BARRIER_PROBABILITY: Record<BarrierKey, number> = {
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
export const BARRIER_AREA_OVERRIDE: Partial<Record<AreaKey, Partial<Record<BarrierKey, number>>>> = {
  admin: { lovgivning: 0.3 },
  kundeservice: { kundekontakt: 0.32 },
};

/** Probability an unpublished offer is chosen (when there is room), by economic outlook. */
export const OTHER_OFFER_PROBABILITY: Record<string, { positive: number; lessOptimistic: number }> = {
  raadgivning_jura: { positive: 0.1, lessOptimistic: 0.24 },
  cybersikkerhed: { positive: 0.12, lessOptimistic: 0.27 },
  netvaerk: { positive: 0.2, lessOptimistic: 0.18 },
  finansiering: { positive: 0.16, lessOptimistic: 0.22 },
  teknisk: { positive: 0.17, lessOptimistic: 0.15 },
  andet: { positive: 0.03, lessOptimistic: 0.03 },
};

/** Distribution of `digi_produktivitet` 3, 4, 5, 9 among firms not positive about digitalisation. */
export const DIGI_OTHER_ANSWERS = { codes: [3, 4, 5, 9], p: [0.66, 0.09, 0.03, 0.22] } as const;
