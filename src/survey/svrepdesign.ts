/** R's `svrepdesign`: a design from data that ship replicate weights as columns, with R's options and defaults. */

import type { SurveyDesign } from "./design";
import { DataError } from "./errors";
import { checkOptions, type OptionRule } from "./options";
import type { ReplicateType, ReplicateWeights } from "./replicate-weights";
import { DATA_RULES, svydesign } from "./svydesign";

/** Arguments of `svrepdesign` (R's argument in brackets). */
export interface SvrepDesignArgs {
  data: Readonly<Record<string, ArrayLike<number | null>>>;
  /** The replicate weight columns: a regular expression on the column names, as R's text, or a list of names. */
  repweights: string | readonly string[];
  /** Sampling weights, a column name or one weight per row (`weights`); default 1, as R. */
  weights?: ArrayLike<number> | string;
  /** `type`: "BRR" (R's default), "Fay", "JK1", "JKn", "bootstrap" or "other". */
  type?: ReplicateType;
  /** The columns are the full replicate weights, not multipliers of `weights` (`combined.weights`; default true). */
  combinedWeights?: boolean;
  /** Fay's ρ, for type "Fay" only. */
  rho?: number;
  /** `scale`: default per type as R's (BRR 1/R, Fay 1/(R(1 − ρ)²), bootstrap 1/(R − 1), JK1 (R − 1)/R, else 1). */
  scale?: number;
  /** `rscales`, one number or one per replicate: default 1 (JKn: 1/max of each multiplier column, as R). */
  rscales?: number | readonly number[];
  /** Centre on the full-sample estimate (default false); `source` names the data in errors. */
  mse?: boolean;
  source?: string;
}

const TYPES: readonly ReplicateType[] = ["BRR", "Fay", "JK1", "JKn", "bootstrap", "other"];
const OPTIONS: Readonly<Record<string, OptionRule>> = {
  data: DATA_RULES.data,
  repweights: "strings",
  weights: DATA_RULES.weights,
  type: TYPES,
  combinedWeights: "boolean",
  rho: "number",
  scale: "number",
  rscales: (v: unknown) => (typeof v === "number" || Array.isArray(v) ? null : "rscales is not a number or list"),
  mse: "boolean",
  source: "string",
};

/**
 * A replicate-weight design from weight columns, as R's `svrepdesign(repweights, weights, data, type, ...)`.
 * @example svrepdesign({ data: apiclus1rep, weights: "pw", repweights: "wt[1-9]+", type: "JK1" })
 */
export function svrepdesign(args: SvrepDesignArgs): SurveyDesign {
  const source = args.source ?? "survey data";
  checkOptions("svrepdesign", args, OPTIONS, source);
  const base = svydesign({ data: args.data, weights: args.weights, source });
  const names = Object.keys(base.data);
  const fail = (column: string, problem: string, expected: string, value?: unknown): DataError =>
    new DataError({ file: source, column, value: value === undefined ? null : String(value), problem, expected });
  const given = args.repweights;
  const chosen = typeof given === "string" ? names.filter((n) => new RegExp(given).test(n)) : [...given];
  const absent = chosen.find((name) => base.data[name] === undefined);
  if (absent !== undefined)
    throw fail(absent, `repweights: there is no column "${absent}"`, `one of ${names.join(", ")}`);
  const matched = `${chosen.length} replicate weight column(s) match`;
  if (chosen.length < 2) throw fail("repweights", matched, "two or more columns", args.repweights);
  const counts = chosen.map((column) =>
    Float64Array.from(base.data[column], (v, i) => {
      if (v !== null && Number.isFinite(v)) return v;
      throw new DataError({ file: source, row: i + 1, column, value: String(v ?? ""), expected: "a weight" });
    }),
  );
  const R = counts.length;
  const type = args.type ?? "BRR";
  const combined = args.combinedWeights ?? true;
  if ((type === "Fay") !== (args.rho !== undefined))
    throw fail("rho", `rho goes with type "Fay" only (R)`, `type "Fay" with rho (0 ≤ ρ < 1)`, args.rho);
  const rho = args.rho ?? 0;
  if (!(rho >= 0 && rho < 1)) throw fail("rho", "rho is not in [0, 1)", "0 ≤ rho < 1", rho);
  if ((type === "BRR" || type === "Fay") && args.scale !== undefined)
    throw fail("scale", `type "${type}" has its own scale (R: 1/(R(1 − ρ)²))`, "no scale", args.scale);
  const max = (c: Float64Array): number => c.reduce((a, b) => Math.max(a, b), -Infinity);
  const scales: Record<ReplicateType, () => number> = {
    BRR: () => 1 / R,
    Fay: () => 1 / (R * (1 - rho) ** 2),
    bootstrap: () => 1 / (R - 1),
    JK1: () => (combined ? (R - 1) / R : 1 / max(counts[0])),
    JKn: () => 1,
    other: () => 1,
  };
  const scale = args.scale ?? scales[type]();
  let rscales: Float64Array;
  if (typeof args.rscales === "number") rscales = new Float64Array(R).fill(args.rscales);
  else if (args.rscales !== undefined) {
    if (args.rscales.length !== R)
      throw fail("rscales", `rscales has length ${args.rscales.length}, should be ${R} (R)`, `${R} numbers`);
    rscales = Float64Array.from(args.rscales);
  } else if (type === "JKn" && combined)
    throw fail("rscales", "Must provide rscales for combined JKn weights (R)", "rscales (n_h − 1)/n_h per replicate");
  else rscales = Float64Array.from(counts, (c) => (type === "JKn" ? 1 / max(c) : 1));
  const psuOf = Int32Array.from({ length: base.n }, (_, i) => i);
  const factors = { kind: "counts" as const, psuOf, psuCount: base.n, counts, combined };
  const weights = combined ? counts : counts.map((c) => c.map((f, i) => f * base.weights[i]));
  const [baseWeights, mse] = [base.weights, args.mse ?? false];
  const replicates: ReplicateWeights = {
    type,
    count: R,
    factors,
    baseWeights,
    weights,
    scale,
    rscales,
    mse,
    seed: null,
    rho,
  };
  return { ...base, replicates };
}
