/** The engine's shared shapes: a validated panel, population margins and a weighted design. */

/** A validated respondent file, column-oriented. `null` marks a question the respondent was not asked. */
export interface Panel {
  source: string;
  rowCount: number;
  /** Column name → one value per row (a code, or null where empty). */
  columns: Record<string, (number | null)[]>;
}

/** Provenance of a margin count. */
export type SourceStatus = "verbatim" | "derived" | "estimate";

/** One population count: the number of firms at one level of one weighting variable. */
export interface MarginRow {
  variable: string;
  level: number;
  count: number;
  sourceStatus: SourceStatus;
}

/** Validated population margins: every variable's counts sum to `total`. */
export interface Margins {
  source: string;
  rows: MarginRow[];
  total: number;
}

/** What the weights were calibrated to, so that standard errors account for it (made by `calibrationOf`). */
export interface Calibration {
  /** Weights before calibration (d_i); all 1 for a panel without design weights. */
  baseWeights: Float64Array;
  /** Each calibration factor's level code per row. */
  variables: Record<string, ArrayLike<number>>;
  /** The calibrated weights d_i·g_i, kept after trimming for the residuals, as R's `greg_calibration`. */
  calibratedWeights: Float64Array;
  /** The calibration model: on the occupied cells of the factors' cross-classification, or a model matrix by rows. */
  model: CalibrationModel | MatrixCalibrationModel;
}

/** What the variance needs of a calibration on cells: each row's cell and the per-cell fit. */
export interface CalibrationModel {
  kind: "cells";
  cellOf: Int32Array;
  /** Number of occupied cells. */
  cells: number;
  /** The fitted value m_cᵀβ of every cell from the per-cell sums Σ d x/w of influence columns (one's cells after another's). */
  fit: (sums: Float64Array) => Float64Array;
  /** Each cell's calibrated and base weight, [w, d] per cell, when every row of each cell has its cell's; else null. */
  cellWeights: Float64Array | null;
}

/** A calibration on a model matrix with numeric columns: β from Σ m x d/w per influence column, e = x − w mᵀβ. */
export interface MatrixCalibrationModel {
  kind: "matrix";
  /** The fitted values mᵢᵀβ of every row for β solving Σ d m mᵀ β = Σ m x d/w. */
  fitted: (x: Float64Array) => Float64Array;
}

/** A weighted design: one weight per row and, when calibrated, what to. Estimators never drop rows. */
export interface DesignWeights {
  n: number;
  weights: Float64Array;
  calibration: Calibration | null;
  /** Each row's PSU; null when every row is its own (R's `ids = ~1`). */
  clusters: ArrayLike<number> | null;
  /** Population number of sampling units, for a finite population correction; null for none. */
  populationUnits: number | null;
  /** Strata, stages and corrections from `svydesign`; when present they describe the sampling. */
  sampling?: Sampling | null;
  /** The file or table the data came from, for error messages. */
  source?: string;
}

/** What to do with a stratum that has one sampling unit, as R's `options(survey.lonely.psu = )`. */
export type LonelyPsu = "fail" | "remove" | "certainty" | "adjust" | "average";

/** One sampling stage. */
export interface Stage {
  /** Each row's unit and each unit's stratum, numbered from 0 in order of first appearance. */
  unitOf: Int32Array;
  units: number;
  stratumOfUnit: Int32Array;
  /** Each stratum's name, for error messages (e.g. `stype = 2`). */
  strata: readonly string[];
  /** Units sampled in each stratum. */
  sampled: Float64Array;
  /** Population number of units in each stratum; null without a finite population correction. */
  population: Float64Array | null;
}

/** The stages of a design and its rule for lonely PSUs. */
export interface Sampling {
  stages: readonly Stage[];
  lonelyPsu: LonelyPsu;
}
