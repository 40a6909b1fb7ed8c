/**
 * The survey design object, as R's `svydesign()`: the data, one weight per row, what the weights
 * were calibrated to, the sampling units and the domain. Every verb takes a design and returns a new
 * one (`rake`, `trimWeights`, `subset`, `update`); every estimator takes a design and a column name.
 *
 * A domain (`subset`) keeps every row, as R's `subset()` of a design does: rows outside it stay in
 * the variance with their weights, so domain standard errors are right.
 */

import { byteColumn, byteColumns, type ByteColumn, type ColumnCells } from "./cells";
import { domainRows } from "./checks";
import { DataError } from "./errors";
import { rake as rakeWeightVector, type RakeOptions, type RakeResult } from "./rake";
import { trimWeights as trimWeightVector, type TrimOptions } from "./trim";
import { weightDiagnostics, type WeightDiagnostics } from "./weight-summary";
import type { Calibration, Margins } from "./types";
import { rakeReplicates, type ReplicateWeights } from "./replicate-weights";

/** One column of survey data: a number (answer code, count or amount) per row, or null where empty. */
export type ColumnValues = readonly (number | null)[];

/** Survey data by column name; every column has one value per row. */
export type SurveyData = Readonly<Record<string, ColumnValues>>;

/** A survey design that carries its data. Build it with `svydesign`; change it only through the verbs. */
export interface SurveyDesign {
  /** The file or table the data came from, for error messages. */
  readonly source: string;
  /** Number of rows (respondents), in the domain or not. */
  readonly n: number;
  /** The data, by column name. */
  readonly data: SurveyData;
  /** Final weights, one per row. */
  readonly weights: Float64Array;
  /** What the weights were calibrated to, so that SEs account for it; null for fixed weights. */
  readonly calibration: Calibration | null;
  /** Primary sampling unit of each row; null when every row is its own unit (R's `ids = ~1`). */
  readonly clusters: ArrayLike<number> | null;
  /** Population number of sampling units, for a finite population correction; null for none. */
  readonly populationUnits: number | null;
  /** 1 for rows in the domain, 0 for the others; null when the domain is every row. */
  readonly domain: Uint8Array | null;
  /** The conditions that made the domain, in words (e.g. "ai_brug ∈ {2, 3, 4, 5}"); empty for every row. */
  readonly domainLabel: readonly string[];
  /** The raking that made the weights, when `rake` did (iterations, achieved margins, diagnostics). */
  readonly raking: RakeResult | null;
  /** Replicate weights (`asReplicateDesign`): estimators then use replicate variances; absent or null for none. */
  readonly replicates?: ReplicateWeights | null;
}

/** Arguments of `svydesign`. */
export interface SvyDesignArgs {
  /** The data by column; every column must have the same number of rows. */
  data: Readonly<Record<string, ArrayLike<number | null>>>;
  /** Design (base) weights; default 1 for every row. */
  weights?: ArrayLike<number>;
  /** Column holding each row's sampling unit, for a one-stage cluster sample; default every row its own unit. */
  ids?: string;
  /** Population number of sampling units, for a finite population correction. */
  fpc?: number;
  /** Where the data came from, for error messages. */
  source?: string;
}

const ROWS = Symbol("rows");

/**
 * Survey data whose columns are made the first time they are read (a million-row panel keeps its
 * columns compact until an estimator needs one). `svydesign` keeps them unmade and checks each
 * column's length when it is made; assigning a column replaces it. A column given as `bytes` too
 * (answer codes, one byte per row) is read by the estimators from those bytes, and often never made.
 * @example
 * const data = lazyColumns(3, { x: () => [1, 2, null] });
 * svydesign({ data }).n; // 3, and x not made yet
 */
export function lazyColumns(
  rows: number,
  makers: Readonly<Record<string, () => ArrayLike<number | null>>>,
  bytes: Readonly<Record<string, ByteColumn>> = {},
): Record<string, ColumnValues> {
  const data: Record<string, ColumnValues> = {};
  Object.defineProperty(data, ROWS, { value: rows, enumerable: false });
  for (const [name, make] of Object.entries(makers)) {
    let made: ColumnValues | null = null;
    const get = (): ColumnValues => {
      if (made === null) {
        const values = make();
        made = Array.isArray(values) ? (values as ColumnValues) : Array.from(values);
      }
      return made;
    };
    const set = (v: ColumnValues): void => {
      made = v;
      byteColumns(data).delete(name);
    };
    Object.defineProperty(data, name, { enumerable: true, configurable: true, get, set });
    const column = bytes[name];
    if (column !== undefined) {
      if (column.codes.length !== rows)
        throw new DataError({
          file: "survey data",
          column: name,
          value: String(column.codes.length),
          expected: `${rows} values, one per row`,
        });
      byteColumns(data).set(name, { column, getter: get });
    }
  }
  return data;
}

/**
 * A survey design from data columns, as `svydesign(ids = ~1, weights = ~w, data = df)`. Columns
 * made by `lazyColumns` stay unmade until read.
 * @example
 * const des = svydesign({ data: { x: [1, 2, 2], sex: [1, 1, 2] }, weights: [10, 10, 20] });
 * des.n; // 3
 */
export function svydesign(args: SvyDesignArgs): SurveyDesign {
  const source = args.source ?? "survey data";
  const names = Object.keys(args.data);
  if (names.length === 0)
    throw new DataError({ file: source, problem: "the data has no columns", expected: "at least one column" });
  const lazyRows = (args.data as { [ROWS]?: number })[ROWS];
  const n = lazyRows ?? args.data[names[0]].length;
  if (n < 1) throw new DataError({ file: source, problem: "the data has no rows", expected: "at least one row" });
  const checked = (name: string, values: ArrayLike<number | null>): ColumnValues => {
    if (values.length !== n)
      throw new DataError({
        file: source,
        column: name,
        value: String(values.length),
        problem: `column has ${values.length} values, "${names[0]}" has ${n}`,
        expected: `${n} values, one per row`,
      });
    return Array.isArray(values) ? (values as ColumnValues) : Array.from(values);
  };
  const data: Record<string, ColumnValues> = {};
  if (lazyRows !== undefined) Object.defineProperty(data, ROWS, { value: n, enumerable: false });
  for (const name of names) {
    if (lazyRows !== undefined && Object.getOwnPropertyDescriptor(args.data, name)?.get !== undefined) {
      let made: ColumnValues | null = null;
      const get = (): ColumnValues => (made ??= checked(name, args.data[name]));
      Object.defineProperty(data, name, { enumerable: true, configurable: true, get });
      const bytes = byteColumn(args.data, name);
      if (bytes !== null) byteColumns(data).set(name, { column: bytes, getter: get });
    } else data[name] = checked(name, args.data[name]);
  }
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const w = args.weights === undefined ? 1 : args.weights[i];
    if (!(Number.isFinite(w) && w >= 0))
      throw new DataError({
        file: source,
        row: i + 1,
        column: "weights",
        value: String(w),
        expected: "a finite non-negative weight",
      });
    weights[i] = w;
  }
  let clusters: number[] | null = null;
  if (args.ids !== undefined) {
    const ids = column({ source, data } as SurveyDesign, args.ids);
    clusters = ids.map((v, i) => {
      if (v === null)
        throw new DataError({
          file: source,
          row: i + 1,
          column: args.ids,
          value: "",
          expected: "a sampling unit id on every row",
        });
      return v;
    });
  }
  if (args.fpc !== undefined && !(args.fpc > 0))
    throw new DataError({
      file: source,
      column: "fpc",
      value: String(args.fpc),
      expected: "a positive number of population units",
    });
  return {
    source,
    n,
    data,
    weights,
    calibration: null,
    clusters,
    populationUnits: args.fpc ?? null,
    domain: null,
    domainLabel: [],
    raking: null,
  };
}

/**
 * One column of a design's data; a DataError naming the design's source and the columns it has when
 * there is no such column.
 * @example column(des, "sex") // [1, 1, 2]
 */
export function column(design: SurveyDesign, name: string): ColumnValues {
  const values = design.data[name];
  if (values === undefined) {
    throw new DataError({
      file: design.source,
      column: name,
      problem: `there is no column "${name}"`,
      expected: `one of ${Object.keys(design.data).join(", ")}`,
    });
  }
  return values;
}

/**
 * A column's cells for an estimator's loop: its bytes with their empty marker when the data keeps
 * them (see `lazyColumns`), else its numbers with null. A loop tests `v === cells.empty` for an empty cell.
 * @example const { values, empty } = columnCells(des, "ai_brug"); values[0] === empty // false
 */
export function columnCells(design: SurveyDesign, name: string): ColumnCells {
  const bytes = byteColumn(design.data, name);
  return bytes === null ? { values: column(design, name), empty: null } : { values: bytes.codes, empty: bytes.empty };
}

/**
 * Rakes the design's weights to population margins on the margins' variables (columns of the data),
 * as `calibrate(design, ~v1 + v2, population, calfun = "raking")`. The design remembers what it was
 * calibrated to, so that standard errors account for it. Raking applies to the whole design.
 * @example const raked = rake(des, margins); raked.raking.iterations // 8
 */
export function rake(
  design: SurveyDesign,
  margins: Margins,
  options: Omit<RakeOptions, "baseWeights" | "source"> = {},
): SurveyDesign {
  if (design.domain !== null)
    throw new DataError({
      file: design.source,
      problem: "rake() on a subset",
      expected: "rake the whole design, then subset it",
    });
  const names = Array.from(new Set(margins.rows.map((r) => r.variable)));
  const variables: Record<string, Float64Array> = {};
  for (const name of names) {
    const { values, empty } = columnCells(design, name);
    const codes = new Float64Array(design.n);
    const emptyAt = copyCodes(values, empty, codes);
    if (emptyAt >= 0)
      throw new DataError({
        file: design.source,
        row: emptyAt + 1,
        column: name,
        value: "",
        problem: "weighting variable is empty",
        expected: "a level code with a population margin",
      });
    variables[name] = codes;
  }
  const raking = rakeWeightVector(variables, margins, {
    ...options,
    baseWeights: design.weights,
    source: design.source,
  });
  const calibration: Calibration = {
    baseWeights: Float64Array.from(design.weights),
    variables,
    calibratedWeights: raking.weights,
  };
  const raked: SurveyDesign = { ...design, weights: raking.weights, calibration, raking };
  return design.replicates
    ? {
        ...raked,
        replicates: rakeReplicates(design.replicates, variables, margins, { ...options, source: design.source }),
      }
    : raked;
}

/** Copies codes into `out`; returns the first row whose cell is empty (−1: none). A function of its own, so that V8 optimises the loop once. */
function copyCodes(values: ArrayLike<number | null>, empty: number | null, out: Float64Array): number {
  for (let i = 0; i < out.length; i++) {
    const v = values[i];
    if (v === empty || v === null) return i;
    out[i] = v;
  }
  return -1;
}

/**
 * Trims the weights to [lower, upper] and spreads what was cut over the untrimmed rows, as R's
 * `trimWeights(design, upper, lower, strict)`. On a calibrated design the calibration stays for the
 * standard errors with the weights it produced, as in R: estimates use the trimmed weights, the
 * calibration residuals the calibrated ones (`calibration.calibratedWeights`).
 * @example const trimmed = trimWeights(raked, { upper: 3.5 * meanWeight });
 */
export function trimWeights(design: SurveyDesign, options: TrimOptions = {}): SurveyDesign {
  const weights = trimWeightVector(design.weights, { ...options, source: options.source ?? design.source });
  const cal = design.calibration;
  const calibration =
    cal === null || cal.calibratedWeights !== undefined ? cal : { ...cal, calibratedWeights: design.weights };
  return { ...design, weights, calibration };
}

/** Which rows `subset` keeps: codes per column (all must hold), a row predicate, a boolean per row, or a mask (1 = keep) per row. */
export type Where =
  | Readonly<Record<string, readonly number[]>>
  | ((value: (column: string) => number | null, row: number) => boolean)
  | ArrayLike<boolean>
  | Uint8Array;

/**
 * The design restricted to a domain, as R's `subset(design, condition)`: every row stays in the
 * variance; estimates use the rows in the domain. A subset of a subset is the intersection.
 * @example const relevant = subset(des, { ai_brug: [2, 3, 4, 5] });
 */
export function subset(design: SurveyDesign, where: Where, label?: string): SurveyDesign {
  const keep = new Uint8Array(design.n);
  let words: string;
  if (typeof where === "function") {
    for (let i = 0; i < design.n; i++) {
      const value = (name: string): number | null => column(design, name)[i];
      keep[i] = where(value, i) ? 1 : 0;
    }
    words = label ?? "condition";
  } else if (where instanceof Uint8Array || isBooleanArray(where)) {
    if (where.length !== design.n)
      throw new DataError({
        file: design.source,
        column: "domain",
        value: String(where.length),
        problem: `domain has ${where.length} entries for ${design.n} rows`,
        expected: `${design.n} booleans`,
      });
    for (let i = 0; i < design.n; i++) keep[i] = where[i] ? 1 : 0;
    words = label ?? "rows given";
  } else {
    const conditions = Object.entries(where).map(([name, codes]) => ({
      cells: columnCells(design, name),
      name,
      list: codes,
    }));
    // Start from the domain: rows outside it are never looked at again (a group of a small base is quick).
    if (design.domain !== null) keep.set(design.domain);
    else keep.fill(1);
    const rows = domainRowsOf(design);
    for (const c of conditions) keepCodes(keep, c.cells, c.list, rows);
    if (rows !== null) domainRows(keep, rows); // the new domain's rows, found among its parent's
    words = label ?? conditions.map((c) => `${c.name} ∈ {${c.list.join(", ")}}`).join(" and ");
    return { ...design, domain: keep, domainLabel: [...design.domainLabel, words] };
  }
  if (design.domain !== null) andInto(keep, design.domain);
  return { ...design, domain: keep, domainLabel: [...design.domainLabel, words] };
}

function andInto(keep: Uint8Array, domain: Uint8Array): void {
  for (let i = 0; i < keep.length; i++) keep[i] &= domain[i];
}

/** Clears `keep` where the value is not one of `codes` (small whole codes through a table, others through a set); only `rows` are looked at (every row when null). */
function keepCodes(keep: Uint8Array, cells: ColumnCells, codes: readonly number[], rows: Int32Array | null): void {
  const { values, empty } = cells;
  const set = new Set(codes);
  const table = new Uint8Array(256);
  for (const c of codes) if (Number.isInteger(c) && c >= 0 && c < 256) table[c] = 1;
  const visited = rows === null ? keep.length : rows.length;
  for (let r = 0; r < visited; r++) {
    const i = rows === null ? r : rows[r];
    if (keep[i] === 0) continue;
    const v = values[i];
    if (v === empty || v === null) keep[i] = 0;
    else if (v >= 0 && v < 256 && (v | 0) === v) keep[i] = table[v];
    else if (!set.has(v)) keep[i] = 0;
  }
}

function isBooleanArray(where: Exclude<Where, (...args: never[]) => unknown>): where is ArrayLike<boolean> {
  return (
    typeof (where as ArrayLike<boolean>).length === "number" &&
    ((where as ArrayLike<boolean>).length === 0 || typeof (where as ArrayLike<boolean>)[0] === "boolean")
  );
}

/**
 * The design with new or replaced columns, as R's `update(design, name = expression)`.
 * @example const des2 = update(des, { large: des.data.size.map((v) => (v !== null && v >= 3 ? 1 : 0)) });
 */
export function update(
  design: SurveyDesign,
  columns: Readonly<Record<string, ArrayLike<number | null>>>,
): SurveyDesign {
  // Copy the columns' descriptors, not their values: lazy columns (`lazyColumns`) stay unmade.
  const descriptors = Object.getOwnPropertyDescriptors(design.data);
  for (const d of Object.values(descriptors)) d.configurable = true;
  const data = Object.defineProperties({}, descriptors) as Record<string, ColumnValues>;
  for (const [name, values] of Object.entries(columns)) {
    if (values.length !== design.n)
      throw new DataError({
        file: design.source,
        column: name,
        value: String(values.length),
        problem: `new column has ${values.length} values for ${design.n} rows`,
        expected: `${design.n} values`,
      });
    Object.defineProperty(data, name, {
      value: Array.from(values),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return { ...design, data };
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
 * The rows of the design's domain in increasing order, made once per domain; null when the domain
 * is every row. A pass over a small domain of a large design need visit only these.
 * @example domainRowsOf(subset(des, { sex: [2] })) // Int32Array [2]
 */
export function domainRowsOf(design: SurveyDesign): Int32Array | null {
  return design.domain === null ? null : domainRows(design.domain);
}

/**
 * Summary of the weights in the domain: n, sum, min, median, max, Kish deff and effective n.
 * @example weightSummary(raked).effectiveN // 2446
 */
export function weightSummary(design: SurveyDesign): WeightDiagnostics {
  const d = design.domain;
  return weightDiagnostics(d === null ? design.weights : design.weights.filter((_, i) => d[i] === 1));
}
