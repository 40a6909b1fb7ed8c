/** What the synthetic panel is calibrated to: the published figures and, failing those, stated assumptions. */

import { AREAS, OFFER_ITEMS, type AreaKey, type OfferKey } from "../../codebook";
import { publishedFigure } from "../../report/figures";
import type { PublishedFigure } from "../../report/published";

/** The seed of the shipped file. @example synthesizePanel({ margins, seed: DEFAULT_SEED }) */
export const DEFAULT_SEED = 20251001;

/**
 * Large potential (percent of relevant firms) in the two areas the report names without a figure: assumed.
 * @example ASSUMED_POTENTIAL.hr // 14
 */
export const ASSUMED_POTENTIAL: Readonly<Partial<Record<AreaKey, number>>> = { hr: 14, logistik: 16 };

/** The generator's targets: exact unweighted counts and weighted percentages. */
export interface SynthesisTargets {
  /** The funnel's unweighted counts (funnel.n_*). */
  counts: { total: number; relevant: number; potential: number; barrier: number };
  relevant: number; // Percent of all firms: `ai_brug` 2–5 (adoption.relevant).
  usesAi: number; // Percent of all firms: `ai_brug` 3–5 (adoption.uses_ai).
  systematic: number; // Percent of all firms: `ai_brug` 4 (adoption.systematic).
  ownTools: number; // Percent of all firms: `ai_brug` 5 (adoption.own_tools).
  digiPositive: number; // Percent of all firms: `digi_produktivitet` 1–2 (context.digi_produktivitet_positiv).
  /** Large potential among relevant firms, per area (potential.<area>; hr and logistik assumed). */
  potential: Record<AreaKey, number>;
  barrierAny: number; // At least one barrier among firms with large potential somewhere (barriers.any).
  /** Offers among firms with at least one barrier (offers.<item>, the published ones). */
  offers: Partial<Record<OfferKey, number>>;
}

/** The targets from the published figures. @example synthesisTargets(publishedFigures()).systematic // 10 */
export function synthesisTargets(figures: readonly PublishedFigure[]): SynthesisTargets {
  const value = (id: string): number => publishedFigure(id, figures).value;
  const potential = {} as Record<AreaKey, number>;
  for (const a of AREAS) {
    const assumed = ASSUMED_POTENTIAL[a.key];
    potential[a.key] = a.published ? value(`potential.${a.key}`) : (assumed as number);
    if (!Number.isFinite(potential[a.key]))
      throw new Error(`synthesisTargets: no target for the potential in "${a.key}"`);
  }
  const offers: Partial<Record<OfferKey, number>> = {};
  for (const o of OFFER_ITEMS)
    if (figures.some((f) => f.id === `offers.${o.key}`)) offers[o.key] = value(`offers.${o.key}`);
  return {
    counts: {
      total: value("funnel.n_total"),
      relevant: value("funnel.n_relevant"),
      potential: value("funnel.n_potential"),
      barrier: value("funnel.n_barrier"),
    },
    relevant: value("adoption.relevant"),
    usesAi: value("adoption.uses_ai"),
    systematic: value("adoption.systematic"),
    ownTools: value("adoption.own_tools"),
    digiPositive: value("context.digi_produktivitet_positiv"),
    potential,
    barrierAny: value("barriers.any"),
    offers,
  };
}
