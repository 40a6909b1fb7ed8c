/** The engine's shared shapes: a validated panel, population margins and a weighted design. */

/** A validated respondent file, column-oriented: a code per row, `null` where the question was not asked. */
export interface Panel {
  source: string;
  rowCount: number;
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

/** What the weights were calibrated to (`calibrationOf`): base weights d, factors' codes, d·g (kept after trimming). */
export interface Calibration {
  baseWeights: Float64Array;
  variables: Record<string, ArrayLike<number>>;
  calibratedWeights: Float64Array;
  model: CalibrationModel | MatrixCalibrationModel;
}

/** A calibration on cells: each row's cell, the cells' fit m_cᵀβ from per-cell sums Σ d x/w, and [w, d] per cell. */
export interface CalibrationModel {
  kind: "cells";
  cellOf: Int32Array;
  cells: number;
  fit: (sums: Float64Array) => Float64Array;
  /** Null unless every row of each cell has its cell's weights. */
  cellWeights: Float64Array | null;
}

/** A calibration on a model matrix: the fitted mᵢᵀβ of every row, β solving Σ d m mᵀ β = Σ m x d/w. */
export interface MatrixCalibrationModel {
  kind: "matrix";
  fitted: (x: Float64Array) => Float64Array;
}

/** A weighted design: one weight per row and, when calibrated, what to. Estimators never drop rows. */
export interface DesignWeights {
  n: number;
  weights: Float64Array;
  calibration: Calibration | null;
  /** Each row's PSU; null when every row is its own (R's `ids = ~1`). */
  clusters: ArrayLike<number> | null;
  /** Population number of sampling units (finite population correction), or null. */
  populationUnits: number | null;
  /** Strata, stages and corrections from `svydesign`. */
  sampling?: Sampling | null;
  source?: string;
}

/** What to do with a stratum that has one sampling unit, as R's `options(survey.lonely.psu = )`. */
export type LonelyPsu = "fail" | "remove" | "certainty" | "adjust" | "average";

/** One sampling stage: each row's unit, each unit's stratum (from 0), strata names, units sampled and in population. */
export interface Stage {
  unitOf: Int32Array;
  units: number;
  stratumOfUnit: Int32Array;
  strata: readonly string[];
  sampled: Float64Array;
  population: Float64Array | null;
}

/** The stages of a design and its rule for lonely PSUs. */
export interface Sampling {
  stages: readonly Stage[];
  lonelyPsu: LonelyPsu;
}
