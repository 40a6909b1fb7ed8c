/** The design object (R's `svydesign()`) and the verbs that return a new one: rake, trimWeights, subset, update. */

import { calibrationOf } from "./calibration";
import { DataError } from "./errors";
import { checkOptions } from "./options";
import {
  rake as rakeWeightVector,
  trimWeights as trimWeightVector,
  weightDiagnostics,
  type RakeOptions,
  type RakeResult,
  type TrimOptions,
  type WeightDiagnostics,
} from "./rake";
import type { Calibration, Margins } from "./types";
import { rakeReplicates, type ReplicateWeights } from "./replicate-weights";
import type { Sampling } from "./stages";
import { designData, labelOf, levelCodes, type Codes, type InputColumn, type Levels } from "./factor";

/** One column of survey data: a number (answer code, count or amount) per row, or null where empty. */
export type ColumnValues = ArrayLike<number | null>;

/** Survey data by column name; every column has one value per row. */
export type SurveyData = Readonly<Record<string, ColumnValues>>;

/** A survey design that carries its data. Build it with `svydesign`; change it only through the verbs. */
export interface SurveyDesign {
  /** The file or table the data came from, for error messages. */
  readonly source: string;
  /** Rows, in the domain or not. */
  readonly n: number;
  readonly data: SurveyData;
  readonly weights: Float64Array;
  readonly calibration: Calibration | null;
  /** Each row's PSU; null when every row is its own (R's `ids = ~1`). */
  readonly clusters: ArrayLike<number> | null;
  /** Population number of units, for a finite population correction; null for none. */
  readonly populationUnits: number | null;
  /** 1 for rows in the domain, 0 for the others; null when the domain is every row. Rows outside stay in the variance. */
  readonly domain: Uint8Array | null;
  /** The conditions that made the domain, in words (e.g. "ai_brug ∈ {2, 3, 4, 5}"). */
  readonly domainLabel: readonly string[];
  readonly raking: RakeResult | null;
  /** Replicate weights (`asReplicateDesign`); estimators then use replicate variances. */
  readonly replicates?: ReplicateWeights | null;
  /** Strata, stages and finite population corrections (`svydesign`). */
  readonly sampling?: Sampling | null;
  /** The labels of each factor (text) column, whose `data` holds level codes 1…k. */
  readonly levels?: Levels;
}

/**
 * One column of a design's data (a factor's level codes 1…k); a DataError naming the columns there are when missing.
 * @example column(des, "sex") // [1, 1, 2]
 */
export function column(design: SurveyDesign, name: string): ColumnValues {
  const values = design.data[name];
  if (values !== undefined) return values;
  const expected = `one of ${Object.keys(design.data).join(", ")}`;
  throw new DataError({ file: design.source, column: name, problem: `there is no column "${name}"`, expected });
}

/**
 * Rakes the whole design to population margins, as `calibrate(design, ~v1 + v2, population, calfun = "raking")`.
 * @example const raked = rake(des, margins); raked.raking.iterations // 8
 */
export function rake(
  design: SurveyDesign,
  margins: Margins,
  options: Omit<RakeOptions, "baseWeights" | "source"> = {},
): SurveyDesign {
  const source = design.source;
  checkOptions("rake", options, { tolerance: "number", maxIterations: "number", bounds: "numbers" }, source);
  const [problem, expected] = ["rake() on a subset", "rake the whole design, then subset it"];
  if (design.domain !== null) throw new DataError({ file: source, problem, expected });
  const variables: Record<string, Float64Array> = {};
  for (const name of new Set(margins.rows.map((r) => r.variable))) {
    const values = column(design, name);
    const codes = new Float64Array(design.n);
    for (let i = 0; i < design.n; i++) {
      const v = values[i];
      if (v === null) {
        const [problem, expected] = ["weighting variable is empty", "a level code with a population margin"];
        throw new DataError({ file: source, row: i + 1, column: name, value: "", problem, expected });
      }
      codes[i] = v;
    }
    variables[name] = codes;
  }
  const raking = rakeWeightVector(variables, margins, { ...options, baseWeights: design.weights, source });
  const calibration = calibrationOf(design.weights, variables, raking.weights);
  const raked: SurveyDesign = { ...design, weights: raking.weights, calibration, raking };
  if (!design.replicates) return raked;
  return { ...raked, replicates: rakeReplicates(design.replicates, variables, margins, { ...options, source }) };
}

/**
 * Trims the weights to [lower, upper], spreading the rest, as R's `trimWeights`; the calibration stays for the SEs.
 * @example const trimmed = trimWeights(raked, { upper: 3.5 * meanWeight });
 */
export function trimWeights(design: SurveyDesign, options: TrimOptions = {}): SurveyDesign {
  const rules = { lower: "number", upper: "number", strict: "boolean", source: "string" } as const;
  checkOptions("trimWeights", options, rules, design.source);
  return {
    ...design,
    weights: trimWeightVector(design.weights, { ...options, source: options.source ?? design.source }),
  };
}

/** Rows `subset` keeps: codes (a factor's labels) per column, all holding; a predicate; a boolean or 0/1 per row. */
export type Where =
  | Readonly<Record<string, Codes>>
  | ((value: (column: string) => number | null, row: number) => boolean)
  | ArrayLike<boolean>
  | Uint8Array;

/**
 * The design restricted to a domain, as R's `subset(design, condition)`: every row stays in the variance; estimates
 * use the rows in the domain. A subset of a subset is the intersection.
 * @example const relevant = subset(des, { ai_brug: [2, 3, 4, 5] }); subset(dstrat, { stype: ["E", "H"] })
 */
export function subset(design: SurveyDesign, where: Where, label?: string): SurveyDesign {
  const n = design.n;
  const keep = new Uint8Array(n);
  let words: string;
  if (typeof where === "function") {
    for (let i = 0; i < n; i++) keep[i] = where((name) => column(design, name)[i], i) ? 1 : 0;
    words = label ?? "condition";
  } else if (where instanceof Uint8Array || isBooleanArray(where)) {
    if (where.length !== n) {
      const [value, problem] = [String(where.length), `domain has ${where.length} entries for ${n} rows`];
      throw new DataError({ file: design.source, column: "domain", value, problem, expected: `${n} booleans` });
    }
    for (let i = 0; i < n; i++) keep[i] = where[i] ? 1 : 0;
    words = label ?? "rows given";
  } else {
    const conditions = Object.entries(where).map(([name, given]) => {
      return { values: column(design, name), name, codes: levelCodes(design, name, given) };
    });
    keep.fill(1);
    for (const { values, codes } of conditions) {
      const { table, set } = codeTest(codes);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (keep[i] === 1 && (v === null || !(table !== null ? table[v] === 1 : set.has(v)))) keep[i] = 0;
      }
    }
    const shown = (c: (typeof conditions)[number]) => c.codes.map((v) => labelOf(design, c.name, v)).join(", ");
    words = label ?? conditions.map((c) => `${c.name} ∈ {${shown(c)}}`).join(" and ");
  }
  if (design.domain !== null) for (let i = 0; i < n; i++) keep[i] &= design.domain[i];
  return { ...design, domain: keep, domainLabel: [...design.domainLabel, words] };
}

/**
 * A membership test for codes that a loop over rows inlines (a function called per row may box each value):
 * `table[v] === 1` when every code is a whole number 0…4095, else `set.has(v)`.
 * @example codeTest([1, 2]).table?.[2] === 1 // true
 */
export function codeTest(codes: readonly number[]): { table: Uint8Array | null; set: Set<number> } {
  const small = codes.every((c) => Number.isInteger(c) && c >= 0 && c < 4096);
  const table = small ? new Uint8Array(Math.max(0, ...codes) + 1) : null;
  for (const c of codes) if (table !== null) table[c] = 1;
  return { table, set: new Set(codes) };
}

function isBooleanArray(where: Exclude<Where, (...args: never[]) => unknown>): where is ArrayLike<boolean> {
  const w = where as ArrayLike<boolean>;
  return typeof w.length === "number" && (w.length === 0 || typeof w[0] === "boolean");
}

/**
 * The design with new or replaced columns, as R's `update(design, name = expression)`; a text column is a factor.
 * @example const des2 = update(des, { large: des.data.size.map((v) => (v !== null && v >= 3 ? 1 : 0)) });
 */
export function update(design: SurveyDesign, columns: Readonly<Record<string, InputColumn>>): SurveyDesign {
  const data: Record<string, ColumnValues> = { ...design.data };
  const made = designData(columns, design.source);
  const levels: Record<string, readonly string[]> = { ...design.levels };
  for (const [name, values] of Object.entries(made.data)) {
    if (values.length !== design.n) {
      const [value, problem] = [String(values.length), `new column has ${values.length} values for ${design.n} rows`];
      throw new DataError({ file: design.source, column: name, value, problem, expected: `${design.n} values` });
    }
    data[name] = values === columns[name] ? Array.from(values) : values;
    if (made.levels[name] === undefined) delete levels[name];
    else levels[name] = made.levels[name];
  }
  return { ...design, data, levels };
}

/**
 * Rows in the design's domain, as booleans (every row when the design has no domain).
 * @example inDomain(subset(des, { sex: [2] })) // [false, false, true]
 */
export function inDomain(design: SurveyDesign): boolean[] {
  const d = design.domain;
  return d === null ? new Array<boolean>(design.n).fill(true) : Array.from(d, (v) => v === 1);
}

/**
 * Summary of the weights in the domain: n, sum, min, median, max, Kish deff and effective n.
 * @example weightSummary(raked).effectiveN // 2446
 */
export function weightSummary(design: SurveyDesign): WeightDiagnostics {
  const d = design.domain;
  return weightDiagnostics(d === null ? design.weights : design.weights.filter((_, i) => d[i] === 1));
}
