/**
 * The survey engine: a design object carrying its data, verbs that change it, estimators that take it.
 * @example
 * import { svydesign, rake, subset, svyciprop, svyby } from "./survey";
 * const des = rake(svydesign({ data: panel.columns, source: panel.source }), margins);
 * svyciprop(des, "ai_brug", [3, 4, 5]);                                    // share using AI
 * svyby(subset(des, { ai_brug: [2, 3, 4, 5] }), "stoerrelse", (g) => svyciprop(g, "pot_salg", [1, 2]));
 */
// the design object and its verbs
export { column, rake, trimWeights, subset, update, inDomain, weightSummary } from "./design";
export type { SurveyDesign, SurveyData, ColumnValues, Where } from "./design";
export { svydesign, degf, type SvyDesignArgs } from "./svydesign";
export { calibrate, type CalibrateOptions, type CalibrationFormula, type PopulationTotals } from "./calibrate";
export { postStratify, type PopulationCell } from "./poststratify";
export type { LonelyPsu, Sampling, Stage } from "./stages";
// the estimators
export { svyciprop, svymean, svytotal, svyitems, svyshares, svydiff } from "./svy";
export type { SvyOptions, ItemEstimate, LevelEstimate, LevelOptions } from "./svy";
export { svyby, svychisq, type ByGroup, type ByOptions, type ChisqOptions, type ChisqTest } from "./svyby";
export { svyvcov, type VcovItem, type VcovOptions } from "./svyvcov";
export type { ChisqStatistic } from "./chisq-statistics";
export { interaction, levelsOf, labelOf } from "./factor";
export type { Codes, InputColumn, TextColumn, Levels } from "./factor";
export { confidenceInterval, type CiMethod } from "./intervals";
export type { Estimate, EstimateOptions } from "./estimators";
export type { ProportionDifference } from "./contrast";
export type { RaoScottTest } from "./raoscott";
// weights on their own: raking a weight vector, trimming one, summarising one
export { rake as rakeWeights } from "./rake";
export { trimWeights as trimWeightVector, weightDiagnostics } from "./rake";
export type { RakeResult, RakeOptions, MarginCellFit, TrimOptions, WeightDiagnostics } from "./rake";
// shared shapes, errors, distributions, a seeded random generator
export type { Panel, Margins, MarginRow, SourceStatus, Calibration, DesignWeights } from "./types";
export { DataError, ConvergenceError, type Bilingual } from "./errors";
export { qnorm, pnorm, qt, pt, qbeta, pbeta, pf, pchisq } from "./distributions";
export { mulberry32 } from "./random";
// replicate-weight designs (JK1, JKn, BRR, Fay, bootstrap; columns of a file), each replicate raked again
export { asReplicateDesign, replicateDegreesOfFreedom } from "./replicate";
export { svrepdesign, type SvrepDesignArgs } from "./svrepdesign";
export type { ReplicateWeights, ReplicateOptions, ReplicateType } from "./replicate-weights";
export { svyratio, svyvar, svyttest, type RatioOptions, type VarOptions, type VarMatrix } from "./statistic";
export type { TTest, TTestOptions } from "./statistic";
export { svycontrast, type Contrast, type ContrastOptions, type Contrasts, type Estimates } from "./svycontrast";
export {
  svyquantile,
  quantileRule,
  type QuantileOptions,
  type QuantileEstimate,
  type QuantileRule,
} from "./svyquantile";
export { svyglm, parseFormula, regTermTest, type SvyGlm, type GlmOptions } from "./svyglm";
export type { TermTest, TermTestOptions } from "./svyglm";
export type { GlmFamily } from "./glm-fit";
export { svypredmeans, type PredMeans } from "./predmeans";
