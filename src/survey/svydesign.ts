/** R's `svydesign`: ids per stage, strata, fpc per stage, weights or probs, `nest`, `survey.lonely.psu`; and `degf`. */

import type { ColumnValues, SurveyDesign } from "./design";
import { DataError } from "./errors";
import { asFactor, designData, interactionColumn, type InputColumn, type Levels } from "./factor";
import { checkOptions, type OptionRule } from "./options";
import { buildSampling, fpcWeights, LONELY_PSU, type LonelyPsu, type Sampling } from "./stages";
import { degreesOfFreedom } from "./variance";
import { replicateDegreesOfFreedom } from "./replicate";

/** Arguments of `svydesign` (R's argument in brackets). */
export interface SvyDesignArgs {
  /** The data by column, numbers or text (a factor), null where empty; every column has the same rows (`data`). */
  data: Readonly<Record<string, InputColumn>>;
  /** A factor's labels in level order (R's `factor(x, levels = )`); default the labels sorted, as R's `factor()`. */
  levels?: Levels;
  /** Cluster id column per stage, first stage first; default every row its own unit (`ids = ~1`). */
  ids?: string | readonly string[];
  /** Stratum column(s) of the first stage; several are their interaction (`strata = ~a + b`). */
  strata?: string | readonly string[];
  /** `fpc`: a column per stage of population sizes, or of fractions when all ≤ 1; a number for one stage. */
  fpc?: number | string | readonly string[];
  /** Design weights, a column name or one weight per row (`weights`); default derived from `fpc` or `probs`, else 1. */
  weights?: ArrayLike<number> | string;
  /** Sampling probability column(s), one per stage, multiplied (`probs`); the weights are their inverse. */
  probs?: string | readonly string[];
  /** Number first-stage clusters within strata, so that ids may repeat across strata (`nest = TRUE`). */
  nest?: boolean;
  /** A stratum with one sampling unit, as `options(survey.lonely.psu = )`; default "fail". */
  lonelyPsu?: LonelyPsu;
  /** The data's name in error messages. */
  source?: string;
}

/** The `data` and `weights` rules, shared with `svrepdesign`. */
export const DATA_RULES = {
  data: (v: unknown) => (typeof v === "object" && v !== null ? null : "data is not a table of columns"),
  weights: (v: unknown) =>
    typeof v === "string" || ArrayBuffer.isView(v) || Array.isArray(v) ? null : "weights are not a column",
};

const OPTIONS: Readonly<Record<string, OptionRule>> = {
  data: DATA_RULES.data,
  ids: "strings",
  levels: (v: unknown) =>
    typeof v === "object" && v !== null && Object.values(v).every((l) => Array.isArray(l))
      ? null
      : "levels is not a list of labels per column",
  strata: "strings",
  pps: () => "pps (a design with probabilities proportional to size) is not supported",
  fpc: (v: unknown) =>
    ["number", "string"].includes(typeof v) || Array.isArray(v) ? null : "fpc is not a number or column",
  weights: DATA_RULES.weights,
  probs: "strings",
  nest: "boolean",
  lonelyPsu: LONELY_PSU,
  source: "string",
};

/**
 * A survey design from data columns, as R's `svydesign(ids, strata, fpc, weights, probs, data, nest)`.
 * @example const dstrat = svydesign({ data: apistrat, strata: "stype", fpc: "fpc", weights: "pw" });
 */
export function svydesign(args: SvyDesignArgs): SurveyDesign {
  const source = args.source ?? "survey data";
  checkOptions("svydesign", args, OPTIONS, source);
  const bad = (option: string, value: unknown, problem: string, expected: string): DataError =>
    new DataError({ file: source, column: option, value: String(value), problem, expected });
  if (args.weights !== undefined && args.probs !== undefined)
    throw bad("probs", args.probs, "svydesign takes weights or probs, not both", "weights or probs");
  if (typeof args.fpc === "number" && list(args.ids).length > 1)
    throw bad("fpc", args.fpc, "a constant fpc is for a one-stage design", "one fpc column per stage of ids");
  const names = Object.keys(args.data);
  if (names.length === 0)
    throw new DataError({ file: source, problem: "the data has no columns", expected: "at least one column" });
  const n = args.data[names[0]].length;
  if (n < 1) throw new DataError({ file: source, problem: "the data has no rows", expected: "at least one row" });
  for (const name of names) {
    const length = args.data[name].length;
    if (length !== n) {
      const [problem, expected] = [`column has ${length} values, "${names[0]}" has ${n}`, `${n} values, one per row`];
      throw new DataError({ file: source, column: name, value: String(length), problem, expected });
    }
  }
  const { data, levels } = designData(args.data, source, args.levels);
  const col = (option: string, name: string) => {
    const values = data[name];
    if (values === undefined) {
      const [problem, expected] = [`${option}: there is no column "${name}"`, `one of ${names.join(", ")}`];
      throw new DataError({ file: source, column: name, problem, expected });
    }
    return { name, values, label: (row: number) => levels[name]?.[(values[row] ?? 0) - 1] ?? String(values[row]) };
  };
  const strataNames = list(args.strata);
  let strata = strataNames.length === 1 ? col("strata", strataNames[0]) : null;
  if (strataNames.length > 1) {
    const parts = strataNames.map((s) => col("strata", s)).map((c) => asFactor(levels[c.name] ?? null, c.values));
    const combined = interactionColumn(parts);
    const values = combined.codes;
    strata = { name: strataNames.join(" + "), values, label: (row) => combined.labels[(values[row] ?? 0) - 1] ?? "" };
  }
  const ids = list(args.ids).map((name) => col("ids", name));
  const fpc =
    typeof args.fpc === "number"
      ? [{ name: "fpc", values: new Array<number>(n).fill(args.fpc) }]
      : list(args.fpc).map((name) => col("fpc", name));
  const designed = ids.length > 0 || strata !== null || fpc.length > 0;
  const [nest, lonelyPsu] = [args.nest ?? false, args.lonelyPsu ?? "fail"];
  const sampling = designed ? buildSampling({ n, source, ids, strata, fpc, nest, lonelyPsu }) : null;
  if (sampling !== null && sampling.stages[0].units === 1 && !(args.nest === true && args.strata !== undefined)) {
    const [problem, expected] = ["the design has only one primary sampling unit", "two or more primary sampling units"];
    throw new DataError({ file: source, column: ids[0]?.name ?? null, problem, expected });
  }
  const weights = designWeights(args, n, source, sampling, col);
  return {
    source,
    n,
    data,
    weights,
    calibration: null,
    clusters: sampling !== null && ids.length > 0 ? sampling.stages[0].unitOf : null,
    populationUnits: null,
    domain: null,
    domainLabel: [],
    raking: null,
    sampling,
    levels,
  };
}

/** A column name or list of them as a list. */
function list(names: string | readonly string[] | undefined): readonly string[] {
  return names === undefined ? [] : typeof names === "string" ? [names] : names;
}

/** R's `weights`, else 1/Π `probs`, else the weights the fpc implies, else 1; each finite and ≥ 0. */
function designWeights(
  args: SvyDesignArgs,
  n: number,
  source: string,
  sampling: Sampling | null,
  col: (option: string, name: string) => { name: string; values: ColumnValues },
): Float64Array {
  const weights = new Float64Array(n).fill(1);
  let name = "weights";
  if (typeof args.weights === "string") {
    const given = col("weights", args.weights);
    name = given.name;
    for (let i = 0; i < n; i++) weights[i] = given.values[i] ?? NaN;
  } else if (args.weights !== undefined) {
    for (let i = 0; i < n; i++) weights[i] = args.weights[i];
  } else if (args.probs !== undefined) {
    const probs = list(args.probs).map((p) => col("probs", p));
    name = probs.map((p) => p.name).join(" × ");
    for (let i = 0; i < n; i++) {
      let p = 1;
      for (const c of probs) p *= c.values[i] ?? NaN;
      weights[i] = p > 0 ? 1 / p : NaN;
    }
  } else if (sampling !== null && sampling.stages.every((s) => s.population !== null)) {
    return fpcWeights(sampling, n);
  }
  const expected = args.weights === undefined ? "sampling probabilities above 0" : "a finite non-negative weight";
  for (let i = 0; i < n; i++)
    if (!(Number.isFinite(weights[i]) && weights[i] >= 0))
      throw new DataError({ file: source, row: i + 1, column: name, value: String(weights[i]), expected });
  return weights;
}

/**
 * The design's degrees of freedom, as R's `degf`: first-stage PSUs with nonzero weight (in the domain) minus strata.
 * @example degf(dstrat) // 197 = 200 schools − 3 strata
 */
export function degf(design: SurveyDesign): number {
  if (design.replicates) return replicateDegreesOfFreedom(design);
  return degreesOfFreedom(design, design.domain);
}
