/**
 * Every published figure computed from a panel, through the engine's bases (`inBase`) and
 * estimator (`proportion`) only. `report/figures.json` and notebook 00 are written from this.
 *
 * Each figure id of `data/published/figures.csv` has one definition here: a percentage (an
 * indicator over a base) or an unweighted count (the size of a funnel base, or how many drop out
 * of it). `context` figures come from other sources and get `estimate: null`.
 */

import * as path from "path";
import { AREAS, OFFER_ITEMS, offerColumn, potentialColumn, type BaseName } from "./codebook";
import { inBase } from "./bases";
import { projectRoot } from "./dataset";
import { proportion } from "../survey/estimate";
import { readPublishedFigures, ruleHolds, type PublishedFigure } from "./published";
import type { Panel, DesignWeights } from "../survey/types";

/** The result for one published figure (the fields of report/figures.json, plus rule and holds). */
export interface FigureResult {
  id: string;
  /** The published value. */
  published: number;
  /** Percent (0–100) for shares, the count for `exact` figures, null where not reproducible. */
  estimate: number | null;
  /** Standard error in percentage points; null for counts and context figures. */
  se: number | null;
  ci_low: number | null;
  ci_high: number | null;
  /** Unweighted number of respondents in the base (null for context figures). */
  n: number | null;
  base: string;
  rule: string;
  /** Whether the published rule holds; null for context figures. */
  holds: boolean | null;
}

/** How one figure is computed. */
export type FigureDefinition =
  | {
      kind: "percent";
      base: BaseName;
      /** Describes the indicator in words (for notebooks). */
      description: string;
      /** The 0/1 indicator per row; null where the question was not asked. */
      indicator: (panel: Panel) => (number | null)[];
    }
  | {
      kind: "count";
      base: BaseName;
      description: string;
      /** `size`: respondents in the base; `excluded`: respondents of the parent base who are not in it. */
      count: "size" | "excluded";
    };

/** The default location of the published figures. */
export function publishedFiguresPath(): string {
  return path.join(projectRoot(), "data", "published", "figures.csv");
}

const column = (panel: Panel, name: string): (number | null)[] => {
  const col = panel.columns[name];
  if (!col) throw new Error(`${panel.source}: column "${name}" is missing (needed for a published figure)`);
  return col;
};

/** Indicator of `column ∈ codes`, null where the column is empty. */
function codeIn(name: string, codes: readonly number[]): (panel: Panel) => (number | null)[] {
  return (panel) => column(panel, name).map((v) => (v === null ? null : codes.includes(v) ? 1 : 0));
}

/** Indicator of membership in a base (0/1 for every row). */
function inBaseIndicator(name: BaseName): (panel: Panel) => (number | null)[] {
  return (panel) => inBase(panel, name).map((b) => (b ? 1 : 0));
}

const percent = (base: BaseName, description: string, indicator: (panel: Panel) => (number | null)[]): FigureDefinition => ({
  kind: "percent",
  base,
  description,
  indicator,
});
const count = (base: BaseName, c: "size" | "excluded", description: string): FigureDefinition => ({ kind: "count", base, count: c, description });

const usesAi = percent("all", "ai_brug 3–5 (bruger AI)", codeIn("ai_brug", [3, 4, 5]));
const relevant = percent("all", "ai_brug 2–5 (finder AI relevant eller bruger det)", codeIn("ai_brug", [2, 3, 4, 5]));
const notRelevant = percent("all", "ai_brug 1 (bruger ikke AI, og det er ikke relevant)", codeIn("ai_brug", [1]));
const systematic = percent("all", "ai_brug 4–5 (systematisk implementeret eller egne værktøjer)", codeIn("ai_brug", [4, 5]));
const barriersAny = percent("potential", "mindst én barriere (ikke 'ingen') i mindst ét område", inBaseIndicator("barrier"));
const offer = (key: string): FigureDefinition => {
  const item = OFFER_ITEMS.find((o) => o.key === key);
  if (!item) throw new Error(`reproduce: unknown offer "${key}"`);
  return percent("barrier", `tilbud: ${item.label.da}`, codeIn(offerColumn(item.key), [1]));
};

/** Every figure id of figures.csv that the panel can reproduce, with how it is computed. */
export const FIGURE_DEFINITIONS: Readonly<Record<string, FigureDefinition>> = {
  "summary.uses_ai": usesAi,
  "summary.systematic": systematic,
  "summary.barriers_any": barriersAny,
  "summary.offers_raadgivning_ai": offer("raadgivning_ai"),
  "summary.offers_opkval_medarbejdere": offer("opkval_medarbejdere"),
  "summary.offers_opkval_ledelse": offer("opkval_ledelse"),
  "context.digi_produktivitet_positiv": percent("all", "digi_produktivitet 1–2 (meget positivt eller positivt)", codeIn("digi_produktivitet", [1, 2])),
  "adoption.relevant": relevant,
  "adoption.uses_ai": usesAi,
  "adoption.experiment_share_of_users": percent("users", "ai_brug 3 (kun eksperimenteret) blandt brugere", codeIn("ai_brug", [3])),
  "adoption.systematic": systematic,
  "adoption.own_tools": percent("all", "ai_brug 5 (selv udviklet AI-værktøjer)", codeIn("ai_brug", [5])),
  "adoption.not_relevant": notRelevant,
  "adoption.not_started_share_of_relevant": percent("relevant", "ai_brug 2 (ikke i gang endnu) blandt dem, der finder AI relevant", codeIn("ai_brug", [2])),
  "adoption.figure_n": count("all", "size", "antal besvarelser"),
  ...Object.fromEntries(
    AREAS.filter((a) => a.published).map((a) => [
      `potential.${a.key}`,
      percent("relevant", `pot_${a.key} 1–2 (stort/meget stort potentiale): ${a.label.da}`, codeIn(potentialColumn(a.key), [1, 2])),
    ]),
  ),
  "potential.not_relevant": notRelevant,
  "potential.figure_n": count("relevant", "size", "antal, der fik potentialespørgsmålene"),
  "barriers.any": barriersAny,
  "barriers.figure_n": count("potential", "size", "antal, der fik barrierespørgsmålene"),
  "offers.raadgivning_ai": offer("raadgivning_ai"),
  "offers.opkval_medarbejdere": offer("opkval_medarbejdere"),
  "offers.opkval_ledelse": offer("opkval_ledelse"),
  "offers.figure_n": count("barrier", "size", "antal, der fik tilbudsspørgsmålet"),
  "funnel.n_total": count("all", "size", "alle besvarelser"),
  "funnel.n_relevant": count("relevant", "size", "bruger AI eller finder det relevant"),
  "funnel.n_potential": count("potential", "size", "stort potentiale i mindst ét område"),
  "funnel.n_barrier": count("barrier", "size", "mindst én barriere"),
  "funnel.out_relevant": count("relevant", "excluded", "frasorteret: ikke relevant"),
  "funnel.out_potential": count("potential", "excluded", "frasorteret: intet stort potentiale"),
  "funnel.out_barrier": count("barrier", "excluded", "frasorteret: ingen barriere"),
};

const PARENT: Partial<Record<BaseName, BaseName>> = { relevant: "all", potential: "relevant", barrier: "potential", users: "all" };

/** Options of `reproduceFigures`. */
export interface ReproduceOptions {
  /** The published figures; default: read from data/published/figures.csv. */
  figures?: readonly PublishedFigure[];
}

/**
 * Computes every published figure from a panel and its weighted design, in figures.csv order.
 * Throws if figures.csv has a reproducible figure without a definition here, or if its base differs
 * from the definition's.
 *
 * @example
 * const { panel, design } = loadDataset();
 * reproduceFigures(panel, design).find((f) => f.id === "adoption.uses_ai");
 * // { id: "adoption.uses_ai", published: 44, estimate: 44.03, se: ..., n: 4128, base: "all", rule: "round", holds: true }
 */
export function reproduceFigures(panel: Panel, design: DesignWeights, options: ReproduceOptions = {}): FigureResult[] {
  const figures = options.figures ?? readPublishedFigures(publishedFiguresPath());
  const baseCache = new Map<BaseName, boolean[]>();
  const base = (name: BaseName): boolean[] => {
    let b = baseCache.get(name);
    if (!b) {
      b = inBase(panel, name);
      baseCache.set(name, b);
    }
    return b;
  };
  const countOf = (name: BaseName): number => base(name).reduce((k, x) => k + (x ? 1 : 0), 0);

  return figures.map((figure): FigureResult => {
    const common = { id: figure.id, published: figure.value, base: figure.base, rule: figure.rule };
    if (figure.ruleSpec.kind === "context") {
      return { ...common, estimate: null, se: null, ci_low: null, ci_high: null, n: null, holds: null };
    }
    const def = FIGURE_DEFINITIONS[figure.id];
    if (!def) throw new Error(`reproduceFigures: published figure "${figure.id}" has no computation in src/reproduce.ts (FIGURE_DEFINITIONS)`);
    if (def.base !== figure.base) {
      throw new Error(`reproduceFigures: figure "${figure.id}" has base "${figure.base}" in figures.csv but "${def.base}" in src/reproduce.ts`);
    }
    if (def.kind === "count") {
      const size = countOf(def.base);
      let estimate = size;
      let n = size;
      if (def.count === "excluded") {
        const parent = PARENT[def.base];
        if (!parent) throw new Error(`reproduceFigures: base "${def.base}" has no parent, so "${figure.id}" cannot count exclusions`);
        n = countOf(parent);
        estimate = n - size;
      }
      return { ...common, estimate, se: null, ci_low: null, ci_high: null, n, holds: ruleHolds(figure, estimate) };
    }
    const y = def.indicator(panel);
    const e = proportion(design, y, base(def.base), { ci: "logit", source: panel.source, variable: figure.id });
    const estimate = 100 * e.value;
    return {
      ...common,
      estimate,
      se: 100 * e.se,
      ci_low: 100 * e.ciLow,
      ci_high: 100 * e.ciHigh,
      n: e.n,
      holds: ruleHolds(figure, estimate),
    };
  });
}
