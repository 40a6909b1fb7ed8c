/**
 * The shared data shapes of the survey engine: a validated panel, population margins and a
 * weighted survey design. Modules exchange these and nothing wider.
 */

/** A validated respondent file, column-oriented. `null` marks a question the respondent was not asked. */
export interface Panel {
  /** The file (or label) it was read from, for error messages. */
  source: string;
  /** Number of respondents (rows). */
  rowCount: number;
  /** Column name → one value per row (integer code, or null where empty). Includes every contract column. */
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
  /** The common population total. */
  total: number;
}

/**
 * What the weights were calibrated to, kept so that standard errors can account for the
 * calibration. Made once by `calibrationOf` when the weights are calibrated.
 */
export interface Calibration {
  /** Weights before calibration (d_i); all 1 for a panel without design weights. */
  baseWeights: Float64Array;
  /** Each calibration variable's level code per row (the model is the full set of level indicators). */
  variables: Record<string, ArrayLike<number>>;
  /**
   * The weights the calibration produced (d_i·g_i). Standard errors residualise on the calibration
   * with these even after the weights are trimmed, as R's survey does (its `greg_calibration` keeps
   * the g-weights of the calibration).
   */
  calibratedWeights: Float64Array;
  /** The calibration model on the occupied cells of the variables' cross-classification. */
  model: CalibrationModel;
}

/** What the variance needs of a calibration: each row's cell, 1/g per row, and the per-cell fit. */
export interface CalibrationModel {
  /** Cell of each row. */
  cellOf: Int32Array;
  /** Number of occupied cells. */
  cells: number;
  /** d/w per row (w the calibrated weights). */
  invG: Float64Array;
  /** Σw and Σw² of the calibrated weights per cell. */
  weightSum: Float64Array;
  weightSquares: Float64Array;
  /**
   * The fitted value m_cᵀβ of every cell, from the per-cell sums Σ d x/w of an influence column
   * (solved, then one step of iterative refinement on the normal equations).
   */
  fit: (sums: Float64Array) => Float64Array;
}

/**
 * A weighted survey design: one weight per row and, where the weights were calibrated (raked),
 * what they were calibrated to. Estimators take a design plus a domain; they never drop rows.
 */
export interface DesignWeights {
  /** Number of rows. */
  n: number;
  /** Final weights, one per row. */
  weights: Float64Array;
  /** Calibration used to build the weights, or null for fixed weights. */
  calibration: Calibration | null;
  /**
   * Primary sampling unit of each row for a one-stage cluster sample; null when every row is its own
   * unit (the panel's case: R's `ids = ~1`).
   */
  clusters: ArrayLike<number> | null;
  /** Population number of sampling units, for a finite population correction; null for none. */
  populationUnits: number | null;
  /**
   * Strata, stages and finite population corrections as `svydesign` builds them; when present they,
   * not `clusters` and `populationUnits`, describe the sampling (`clusters` then holds the first-stage units).
   */
  sampling?: Sampling | null;
  /** The file or table the data came from, for error messages. */
  source?: string;
}

/** What to do with a stratum that has one sampling unit, as R's `options(survey.lonely.psu = )`. */
export type LonelyPsu = "fail" | "remove" | "certainty" | "adjust" | "average";

/** One sampling stage. */
export interface Stage {
  /** Each row's unit, numbered from 0 in order of first appearance. */
  unitOf: Int32Array;
  /** Number of units. */
  units: number;
  /** Each unit's stratum, numbered from 0 in order of first appearance. */
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
