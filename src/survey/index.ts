/**
 * The survey engine's one public entry: a design object that carries its data, the verbs that
 * change it, and the estimators that take it (as R's `survey`). Nothing here knows the report.
 *
 * @example
 * import { svydesign, rake, subset, svyciprop, svyby } from "./survey";
 * const des = rake(svydesign({ data: panel.columns, source: panel.source }), margins);
 * svyciprop(des, "ai_brug", [3, 4, 5]);                                    // share using AI
 * svyby(subset(des, { ai_brug: [2, 3, 4, 5] }), "stoerrelse", (g) => svyciprop(g, "pot_salg", [1, 2]));
 */
export { svydesign, column, rake, trimWeights, subset, update, inDomain, weightSummary } from "./design";
export type { SurveyDesign, SvyDesignArgs, SurveyData, ColumnValues, Where } from "./design";
export { svyciprop, svymean, svytotal, svyby, svyitems, svydiff, svychisq } from "./svy";
export type { SvyOptions, ByGroup, ItemEstimate } from "./svy";
export { confidenceInterval, type Estimate, type CiMethod } from "./estimate";
export type { ProportionDifference, RaoScottTest } from "./compare";
export type { RakeResult, RakeOptions, TrimOptions, WeightDiagnostics, MarginCellFit } from "./rake";
export type { Margins, MarginRow, Calibration } from "./types";
export { DataError, ConvergenceError } from "./errors";
export { qnorm, pnorm, qt, pt, qbeta, pbeta, pf, pchisq } from "./distributions";
export { asReplicateDesign, replicateDegreesOfFreedom } from "./replicate";
export type { ReplicateWeights, ReplicateOptions, ReplicateType } from "./replicate-weights";
