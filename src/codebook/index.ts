/**
 * The codebook: every column of the panel file, its codes, its Danish and English labels, who is
 * asked it, and whether the report publishes it or it is this project's reconstruction. Names and
 * codes are fixed by docs/DATA-CONTRACT.md §2. This is the one place loaders, estimators, notebooks,
 * charts and error messages take names, codes and labels from.
 *
 * One module per job in `codebook/`: labels, answer codes and items (`answers`), conditions, the
 * bases (`base-specs`), the columns and multi-response questions (`columns`), code groupings.
 *
 * @example
 * import { USES_AI, baseSpec, columnSpec } from "./index";
 * svyciprop(design, "ai_brug", USES_AI);
 */

export { label, codeLabels, type Lang, type Label, type CodeLabel } from "./labels";
export { ALWAYS, holds, holdsMask, type Condition } from "./conditions";
export {
  WEIGHTING_VARIABLES,
  type WeightingVariable,
  BRANCHE_CODES,
  STOERRELSE_CODES,
  UNDER_10_FTE,
  AT_LEAST_10_FTE,
  ERHVERVSHUS_CODES,
  ALDER_CODES,
  OEKONOMI_CODES,
  ECONOMY_POSITIVE,
  ECONOMY_LESS_OPTIMISTIC,
  DIGI_PRODUKTIVITET_CODES,
  DIGI_POSITIVE,
  AI_BRUG_CODES,
  NOT_RELEVANT,
  NOT_STARTED,
  EXPERIMENTING,
  SYSTEMATIC,
  OWN_TOOLS,
  SYSTEMATIC_OR_OWN_TOOLS,
  USES_AI,
  RELEVANT,
  AREAS,
  type AreaKey,
  PUBLISHED_AREAS,
  POTENTIAL_CODES,
  VERY_LARGE_POTENTIAL,
  LARGE_POTENTIAL,
  BARRIER_ITEMS,
  type BarrierKey,
  NO_BARRIER,
  OFFER_ITEMS,
  type OfferKey,
  OFFER_CHOICES,
  CHOSEN,
  potentialColumn,
  barrierColumn,
  offerColumn,
} from "./answers";
export {
  type BaseName,
  type BaseSpec,
  BASES,
  baseSpec,
  baseChain,
  areaLargePotential,
  RELEVANT_CONDITION,
  POTENTIAL_CONDITION,
  BARRIER_CONDITION,
} from "./base-specs";
export {
  type ColumnKind,
  type ColumnSpec,
  type NumericRange,
  COLUMNS,
  columnSpec,
  codeLabel,
  expectedValues,
  itemLabel,
  type MultiResponseGroup,
  MULTI_RESPONSE_GROUPS,
  multiResponseGroup,
  POPULATION,
  SYNTHETIC_PANEL_FILE,
} from "./columns";
export {
  type CodeGroup,
  type CodeGrouping,
  STOERRELSE_2GRP,
  OEKONOMI_2GRP,
  CODE_GROUPINGS,
  codeGrouping,
} from "./groupings";
