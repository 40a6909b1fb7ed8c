/** Every published figure computed from a design (`report/figures.json`); `context` figures get `reproduced: null`. */
import { countFigure, estimateFigure, figureDefinition, publishedFigures } from "./figures";
import { ruleHolds, type PublishedFigure } from "./published";
import { DataError, type SurveyDesign } from "../survey";

export { publishedFiguresPath } from "./figures";

/** One published figure reproduced (report/figures.json's fields, plus rule and holds); null where not reproducible. */
export interface FigureResult {
  id: string;
  published: number;
  reproduced: number | null; // percent for shares, the count for `exact` figures
  sePct: number | null; // in percentage points; null for counts and context figures
  ciLowPct: number | null; // the 95 % interval in percent; likewise
  ciHighPct: number | null;
  n: number | null; // unweighted number of respondents in the base
  base: string;
  rule: string;
  holds: boolean | null; // whether the published rule holds
}

/** One published figure reproduced; a DataError for no definition or another base.
 * @example reproduceFigure(design, figure).holds */
export function reproduceFigure(design: SurveyDesign, figure: PublishedFigure): FigureResult {
  const common = { id: figure.id, published: figure.value, base: figure.base, rule: figure.rule };
  const none = { reproduced: null, sePct: null, ciLowPct: null, ciHighPct: null, n: null, holds: null };
  if (figure.ruleSpec.kind === "context") return { ...common, ...none };
  const def = figureDefinition(figure.id);
  if (def.base !== figure.base) {
    throw new DataError({
      file: "data/published/figures.csv",
      column: "base",
      value: figure.base,
      problem: `figure "${figure.id}" has base "${figure.base}" in figures.csv but "${def.base}" in src/report/figures.ts`,
      expected: `"${def.base}"`,
    });
  }
  if (def.statistic === "count") {
    const c = countFigure(design, def);
    return { ...common, ...none, reproduced: c.value, n: c.n, holds: ruleHolds(figure, c.value) };
  }
  const e = estimateFigure(design, def);
  const pct = 100 * e.value;
  const interval = { sePct: 100 * e.se, ciLowPct: 100 * e.ciLow, ciHighPct: 100 * e.ciHigh };
  return { ...common, reproduced: pct, ...interval, n: e.n, holds: ruleHolds(figure, pct) };
}

/** Every published figure reproduced on a design, in figures.csv order.
 * @example reproduceFigures(design)[0].reproduced // 44.0 */
export function reproduceFigures(design: SurveyDesign): FigureResult[] {
  return publishedFigures().map((figure) => reproduceFigure(design, figure));
}
