/** The one definition of every published figure (base, column and codes, or a count), and its estimate. */
import * as path from "path";
import { baseDesign, inBase, type PanelData } from "./bases";
import {
  AREAS,
  CHOSEN,
  DIGI_POSITIVE,
  EXPERIMENTING,
  LARGE_POTENTIAL,
  NOT_RELEVANT,
  NOT_STARTED,
  OFFER_ITEMS,
  OWN_TOOLS,
  RELEVANT,
  SYSTEMATIC,
  SYSTEMATIC_OR_OWN_TOOLS,
  USES_AI,
  baseChain,
  label,
  offerColumn,
  potentialColumn,
  type BaseName,
  type Label,
  type OfferKey,
} from "../codebook";
import { projectRoot } from "../codebook/project-root";
import { readPublishedFigures, type PublishedFigure } from "./published";
import { DataError, inDomain, svyciprop, update, type Estimate, type SurveyDesign, type SvyOptions } from "../survey";

/** What every figure definition has: the base the share is of (or whose size is counted), a label, the definition. */
interface FigureCommon {
  base: BaseName;
  label: Label;
  description: string; // in Danish, with codes (for tables)
}

/** A share of the base whose `column` has one of `codes`. */
type ShareFigure = FigureCommon & { statistic: "share"; column: string; codes: readonly number[] };
/** A share of the base that is also in a narrower base (e.g. a barrier among those with potential). */
type BaseShareFigure = FigureCommon & { statistic: "baseShare"; subBase: BaseName };
/** An unweighted count: the base's size, or how many of its parent base are not in it. */
type CountFigure = FigureCommon & { statistic: "count"; count: "size" | "excluded" };

/** How one published figure is computed. */
export type FigureDefinition = ShareFigure | BaseShareFigure | CountFigure;

const codeText = (codes: readonly number[]): string => {
  const consecutive = codes.every((c, k) => k === 0 || c === codes[k - 1] + 1);
  return consecutive && codes.length > 2 ? `${codes[0]}–${codes[codes.length - 1]}` : codes.join(", ");
};

const share = (base: BaseName, column: string, codes: readonly number[], da: string, en: string): ShareFigure => {
  const description = `${column} ${codeText(codes)} (${da.toLowerCase()})`;
  return { statistic: "share", base, column, codes, label: label(da, en), description };
};
const aiUse = (codes: readonly number[], da: string, en: string): ShareFigure => share("all", "ai_brug", codes, da, en);
const count = (base: BaseName, c: "size" | "excluded", da: string, en: string): CountFigure => {
  return { statistic: "count", base, count: c, label: label(da, en), description: da };
};
const offer = (key: OfferKey): ShareFigure => {
  const item = OFFER_ITEMS.find((o) => o.key === key) as (typeof OFFER_ITEMS)[number]; // OfferKey: always there
  return share("barrier", offerColumn(key), CHOSEN, `Tilbud: ${item.label.da}`, `Offer: ${item.label.en}`);
};

const usesAi = aiUse(USES_AI, "Bruger AI", "Uses AI");
const notRelevant = aiUse(
  NOT_RELEVANT,
  "Bruger ikke AI, og det er ikke relevant",
  "Does not use AI and finds it not relevant",
);
const barriersAny: BaseShareFigure = {
  statistic: "baseShare",
  base: "potential",
  subBase: "barrier",
  label: label("Mindst én barriere", "At least one barrier"),
  description: "mindst én barriere (ikke 'ingen') i mindst ét område",
};

/** Every figure id of figures.csv the panel reproduces, with how.
 * @example FIGURE_DEFINITIONS["adoption.own_tools"].base // "all" */
export const FIGURE_DEFINITIONS: Readonly<Record<string, FigureDefinition>> = {
  "summary.uses_ai": usesAi,
  "summary.systematic_or_own_tools": aiUse(
    SYSTEMATIC_OR_OWN_TOOLS,
    "Systematisk implementeret eller egne værktøjer (sammenfatningens ordlyd)",
    "Systematic implementation or own tools (the summary's wording)",
  ),
  "summary.barriers_any": barriersAny,
  "summary.offers_raadgivning_ai": offer("raadgivning_ai"),
  "summary.offers_opkval_medarbejdere": offer("opkval_medarbejdere"),
  "summary.offers_opkval_ledelse": offer("opkval_ledelse"),
  "context.digi_produktivitet_positiv": share(
    "all",
    "digi_produktivitet",
    DIGI_POSITIVE,
    "Digitalisering har bidraget (meget) positivt",
    "Digitalisation contributed (very) positively",
  ),
  "adoption.relevant": aiUse(RELEVANT, "Finder AI relevant eller bruger det", "Finds AI relevant or uses it"),
  "adoption.uses_ai": usesAi,
  "adoption.experiment_share_of_users": share(
    "users",
    "ai_brug",
    EXPERIMENTING,
    "Kun eksperimenteret, blandt brugerne",
    "Only experimented, among users",
  ),
  "adoption.systematic": aiUse(
    SYSTEMATIC,
    "Arbejder intensivt med AI og har systematisk implementeret det",
    "Works intensively with AI, implemented systematically",
  ),
  "adoption.own_tools": aiUse(
    OWN_TOOLS,
    "Selv udviklet AI-produkter eller -værktøjer",
    "Developed its own AI products or tools",
  ),
  "adoption.not_relevant": notRelevant,
  "adoption.not_started_share_of_relevant": share(
    "relevant",
    "ai_brug",
    NOT_STARTED,
    "Ikke i gang endnu, blandt dem der finder AI relevant",
    "Not started yet, among those finding AI relevant",
  ),
  "adoption.figure_n": count("all", "size", "Antal besvarelser", "Number of responses"),
  ...Object.fromEntries(
    AREAS.filter((a) => a.published).map((a) => {
      const [da, en] = [`Stort/meget stort potentiale: ${a.label.da}`, `Large/very large potential: ${a.label.en}`];
      return [`potential.${a.key}`, share("relevant", potentialColumn(a.key), LARGE_POTENTIAL, da, en)];
    }),
  ),
  "potential.not_relevant": notRelevant,
  "potential.figure_n": count(
    "relevant",
    "size",
    "Antal, der fik potentialespørgsmålene",
    "Number asked the potential questions",
  ),
  "barriers.any": barriersAny,
  "barriers.figure_n": count(
    "potential",
    "size",
    "Antal, der fik barrierespørgsmålene",
    "Number asked the barrier questions",
  ),
  "offers.raadgivning_ai": offer("raadgivning_ai"),
  "offers.opkval_medarbejdere": offer("opkval_medarbejdere"),
  "offers.opkval_ledelse": offer("opkval_ledelse"),
  "offers.figure_n": count("barrier", "size", "Antal, der fik tilbudsspørgsmålet", "Number asked the offer question"),
  "funnel.n_total": count("all", "size", "Alle besvarelser", "All responses"),
  "funnel.n_relevant": count("relevant", "size", "Bruger AI eller finder det relevant", "Use AI or find it relevant"),
  "funnel.n_potential": count(
    "potential",
    "size",
    "Stort potentiale i mindst ét område",
    "Large potential in at least one area",
  ),
  "funnel.n_barrier": count("barrier", "size", "Mindst én barriere", "At least one barrier"),
  "funnel.out_relevant": count("relevant", "excluded", "Frasorteret: ikke relevant", "Dropped: not relevant"),
  "funnel.out_potential": count(
    "potential",
    "excluded",
    "Frasorteret: intet stort potentiale",
    "Dropped: no large potential",
  ),
  "funnel.out_barrier": count("barrier", "excluded", "Frasorteret: ingen barriere", "Dropped: no barrier"),
};

/** How a figure is computed; a DataError for an unknown id.
 * @example figureDefinition("potential.salg").column // "pot_salg" */
export function figureDefinition(id: string): FigureDefinition {
  const def = FIGURE_DEFINITIONS[id];
  if (!def)
    throw new DataError({
      file: "src/report/figures.ts",
      column: "id",
      value: id,
      problem: `figure "${id}" has no definition`,
      expected: `one of ${Object.keys(FIGURE_DEFINITIONS).join(", ")}`,
    });
  return def;
}

/** The default location of the published figures. @example readPublishedFigures(publishedFiguresPath()) */
export function publishedFiguresPath(): string {
  return path.join(projectRoot(), "data", "published", "figures.csv");
}

/** Every published figure of a figures file (default data/published/figures.csv). @example publishedFigures().length */
export function publishedFigures(file: string = publishedFiguresPath()): readonly PublishedFigure[] {
  return readPublishedFigures(file);
}

/** A published figure with how it is computed (null for `context` figures from other sources). */
export interface FigureSpec extends PublishedFigure {
  definition: FigureDefinition | null;
}

/** One published figure of figures.csv with its definition; a DataError for an unknown id.
 * @example publishedFigure("a.b").value */
export function publishedFigure(id: string, figures: readonly PublishedFigure[] = publishedFigures()): FigureSpec {
  const figure = figures.find((f) => f.id === id);
  if (!figure)
    throw new DataError({
      file: "data/published/figures.csv",
      column: "id",
      value: id,
      problem: `no figure with id "${id}"`,
      expected: `one of ${figures.map((f) => f.id).join(", ")}`,
    });
  return { ...figure, definition: figure.ruleSpec.kind === "context" ? null : figureDefinition(id) };
}

/** A share figure on a design (its domain), logit 95 % CI by default.
 * @example estimateFigure(design, "adoption.systematic") */
export function estimateFigure(
  design: SurveyDesign,
  figure: string | FigureDefinition,
  options: SvyOptions = {},
): Estimate {
  const def = typeof figure === "string" ? figureDefinition(figure) : figure;
  if (def.statistic === "count") {
    throw new DataError({
      file: design.source,
      problem: `figure "${def.description}" is an unweighted count, not a share`,
      expected: "a share figure (or use countFigure)",
    });
  }
  if (def.statistic === "share") return svyciprop(baseDesign(design, def.base), def.column, def.codes, options);
  const column = `base:${def.subBase}`;
  const withIndicator = update(design, { [column]: inBase(design, def.subBase).map((b) => (b ? 1 : 0)) });
  return svyciprop(baseDesign(withIndicator, def.base), column, CHOSEN, options);
}

/** A share figure's answer per respondent: 1 counted, 0 not, null outside its base.
 * @example figureAnswers(panel, definition) */
export function figureAnswers(panel: PanelData, def: ShareFigure | BaseShareFigure): (0 | 1 | null)[] {
  const chosen =
    def.statistic === "share"
      ? panel.columns[def.column].map((v) => v !== null && def.codes.includes(v))
      : inBase(panel, def.subBase);
  return inBase(panel, def.base).map((inside, i) => (inside ? (chosen[i] ? 1 : 0) : null));
}

/** The base a figure's n counts from (the parent for those excluded).
 * @example countedBase("funnel.out_relevant", "relevant") */
export function countedBase(id: string, base: string): string {
  const def = FIGURE_DEFINITIONS[id];
  return def?.statistic === "count" && def.count === "excluded" ? (baseChain(def.base)[0].parent ?? base) : base;
}

/** An unweighted count figure on a design (its domain), and n, the respondents it is counted from (base or parent).
 * @example countFigure(design, "funnel.out_relevant") // { value: 1664, n: 4128 } */
export function countFigure(design: SurveyDesign, figure: string | FigureDefinition): { value: number; n: number } {
  const def = typeof figure === "string" ? figureDefinition(figure) : figure;
  if (def.statistic !== "count") {
    throw new DataError({
      file: design.source,
      problem: `figure "${def.description}" is a weighted share, not a count`,
      expected: "a count figure (or use estimateFigure)",
    });
  }
  const domain = inDomain(design);
  const size = (base: BaseName): number => inBase(design, base).reduce((k, b, i) => k + (b && domain[i] ? 1 : 0), 0);
  const n = size(def.base);
  if (def.count === "size") return { value: n, n };
  const parent = baseChain(def.base)[0].parent;
  if (parent === null)
    throw new DataError({
      file: design.source,
      problem: `base "${def.base}" has no parent, so nobody is excluded from it`,
      expected: "a base below all",
    });
  const parentSize = size(parent);
  return { value: parentSize - n, n: parentSize };
}
