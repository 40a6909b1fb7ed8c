/**
 * Input checks of the mask-based estimators (estimate.ts, compare.ts): a design's arrays, a domain
 * given as booleans, and a variable's values inside the domain. Each problem is a DataError naming
 * the source, row, column and what was expected. Internally a domain is a `Uint8Array` (1 = in the
 * domain) or null for every row.
 */

import { DataError } from "./errors";
import type { DesignWeights } from "./types";

/** Rows in a domain: 1 in, 0 out; null when the domain is every row. */
export type DomainFlags = Uint8Array | null;

/** Each domain's row list, made once: a design's domain flags are never changed after `subset` made them. */
const rowLists = new WeakMap<Uint8Array, Int32Array>();

/**
 * The rows of a domain (where its flag is 1), in increasing order, so that a pass over a small
 * domain of a large design visits only its rows. `within`, when given, lists every row that may be
 * flagged (the domain of a subset lies in its parent's), and only those are looked at.
 * @example domainRows(Uint8Array.of(1, 0, 1)) // Int32Array [0, 2]
 */
export function domainRows(domain: Uint8Array, within: Int32Array | null = null): Int32Array {
  let rows = rowLists.get(domain);
  if (rows === undefined) {
    rows = within === null ? flaggedRows(domain) : flaggedRowsWithin(domain, within);
    rowLists.set(domain, rows);
  }
  return rows;
}

function flaggedRows(domain: Uint8Array): Int32Array {
  let count = 0;
  for (let i = 0; i < domain.length; i++) count += domain[i] === 1 ? 1 : 0;
  const rows = new Int32Array(count);
  let k = 0;
  for (let i = 0; i < domain.length; i++) if (domain[i] === 1) rows[k++] = i;
  return rows;
}

/** The flagged rows among `within` (a superset of them, in increasing order). */
function flaggedRowsWithin(domain: Uint8Array, within: Int32Array): Int32Array {
  let count = 0;
  for (let r = 0; r < within.length; r++) count += domain[within[r]] === 1 ? 1 : 0;
  const rows = new Int32Array(count);
  let k = 0;
  for (let r = 0; r < within.length; r++) if (domain[within[r]] === 1) rows[k++] = within[r];
  return rows;
}

/**
 * The default source name of estimator inputs in error messages.
 * @example new DataError({ file: DEFAULT_SOURCE, expected: "a number" })
 */
export const DEFAULT_SOURCE = "estimate input";

/**
 * Checks a design's arrays for consistent lengths and valid weights; throws a DataError otherwise.
 * @example checkDesign({ n: 2, weights: Float64Array.from([1, 2]), calibration: null, clusters: null, populationUnits: null });
 */
export function checkDesign(design: DesignWeights, source = "survey design"): void {
  const n = design.n;
  if (!Number.isInteger(n) || n < 1)
    throw new DataError({ file: source, column: "n", value: String(n), expected: "a positive integer number of rows" });
  if (design.weights.length !== n)
    throw new DataError({
      file: source,
      column: "weights",
      value: String(design.weights.length),
      problem: `has ${design.weights.length} weights for ${n} rows`,
      expected: `${n} weights`,
    });
  for (let i = 0; i < n; i++) {
    const w = design.weights[i];
    if (!(w >= 0) || !Number.isFinite(w))
      throw new DataError({
        file: source,
        row: i + 1,
        column: "weights",
        value: String(w),
        expected: "a finite non-negative weight",
      });
  }
  if (design.clusters !== null && design.clusters.length !== n)
    throw new DataError({
      file: source,
      column: "clusters",
      value: String(design.clusters.length),
      problem: `has ${design.clusters.length} cluster ids for ${n} rows`,
      expected: `${n} cluster ids`,
    });
  if (design.populationUnits !== null && !(design.populationUnits > 0))
    throw new DataError({
      file: source,
      column: "populationUnits",
      value: String(design.populationUnits),
      expected: "a positive number of population units, or null",
    });
  const cal = design.calibration;
  if (cal === null) return;
  const checkPositive = (values: ArrayLike<number>, column: string, what: string): void => {
    if (values.length !== n)
      throw new DataError({
        file: source,
        column,
        value: String(values.length),
        problem: `has ${values.length} ${what}s for ${n} rows`,
        expected: `${n} ${what}s`,
      });
    for (let i = 0; i < n; i++) {
      const d = values[i];
      if (!(d > 0) || !Number.isFinite(d))
        throw new DataError({
          file: source,
          row: i + 1,
          column,
          value: String(d),
          expected: `a finite positive ${what}`,
        });
    }
  };
  checkPositive(cal.baseWeights, "calibration.baseWeights", "base weight");
  checkPositive(design.weights, "weights", "calibrated weight");
  if (cal.calibratedWeights !== undefined)
    checkPositive(cal.calibratedWeights, "calibration.calibratedWeights", "calibrated weight");
  for (const [name, codes] of Object.entries(cal.variables)) {
    if (codes.length !== n)
      throw new DataError({
        file: source,
        column: name,
        value: String(codes.length),
        problem: `calibration variable has ${codes.length} values for ${n} rows`,
        expected: `${n} level codes`,
      });
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(codes[i]))
        throw new DataError({
          file: source,
          row: i + 1,
          column: name,
          value: String(codes[i]),
          expected: "a level code of the calibration variable",
        });
    }
  }
}

/**
 * The domain as a boolean per row (all rows when `domain` is undefined); checks its length and
 * that it holds at least one row with positive weight.
 * @example domainMask(design, [true, false]) // [true, false]
 */
export function domainMask(
  design: DesignWeights,
  domain: ArrayLike<boolean> | undefined,
  source = DEFAULT_SOURCE,
): boolean[] {
  const flags = domainFlags(design, domain, source);
  return flags === null ? new Array<boolean>(design.n).fill(true) : Array.from(flags, (v) => v === 1);
}

/**
 * The domain as flags (null for every row), checked as `domainMask` does.
 * @example domainFlags(design, [true, false]) // Uint8Array [1, 0]
 */
export function domainFlags(
  design: DesignWeights,
  domain: ArrayLike<boolean> | undefined,
  source = DEFAULT_SOURCE,
): DomainFlags {
  const n = design.n;
  if (domain === undefined) return null;
  if (domain.length !== n)
    throw new DataError({
      file: source,
      column: "domain",
      value: String(domain.length),
      problem: `domain has ${domain.length} entries for a design of ${n} rows`,
      expected: `${n} booleans, one per row`,
    });
  const flags = new Uint8Array(n);
  let positive = 0;
  for (let i = 0; i < n; i++) {
    const v = domain[i];
    if (v !== true && v !== false)
      throw new DataError({ file: source, row: i + 1, column: "domain", value: String(v), expected: "true or false" });
    if (v) {
      flags[i] = 1;
      if (design.weights[i] > 0) positive++;
    }
  }
  if (positive === 0) throw emptyDomain(source);
  return flags;
}

/**
 * The error for a domain without a row of positive weight.
 * @example throw emptyDomain("panel.csv", "ai_brug ∈ {9}");
 */
export function emptyDomain(source: string, label?: string): DataError {
  return new DataError({
    file: source,
    column: "domain",
    problem: `the domain${label ? ` (${label})` : ""} is empty (no row with positive weight)`,
    expected: "at least one row in the domain",
  });
}

/**
 * Reads y inside the domain as numbers (0 outside it); a null, NaN or non-finite value inside the
 * domain is an error, and with `binary` so is anything but 0 and 1.
 * @example domainValues([1, null], Uint8Array.from([1, 0]), {}) // Float64Array [1, 0]
 */
export function domainValues(
  y: ArrayLike<number | null>,
  domain: DomainFlags,
  options: { source?: string; variable?: string; n?: number },
  allowed?: "binary",
): Float64Array {
  const source = options.source ?? DEFAULT_SOURCE;
  const column = options.variable ?? "y";
  const n = domain === null ? (options.n ?? y.length) : domain.length;
  if (y.length !== n)
    throw new DataError({
      file: source,
      column,
      value: String(y.length),
      problem: `has ${y.length} values for a design of ${n} rows`,
      expected: `${n} values, one per row`,
    });
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (domain !== null && domain[i] === 0) continue;
    const v = y[i];
    if (v === null || v === undefined)
      throw new DataError({
        file: source,
        row: i + 1,
        column,
        value: "",
        problem: "value is empty inside the domain",
        expected: allowed === "binary" ? "0 or 1 for every row in the domain" : "a number for every row in the domain",
      });
    if (!Number.isFinite(v))
      throw new DataError({ file: source, row: i + 1, column, value: String(v), expected: "a finite number" });
    if (allowed === "binary" && v !== 0 && v !== 1)
      throw new DataError({
        file: source,
        row: i + 1,
        column,
        value: String(v),
        problem: `value "${v}" is not 0/1`,
        expected: "0 or 1 for a proportion",
      });
    out[i] = v;
  }
  return out;
}
