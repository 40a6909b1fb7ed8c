/** `svycontrast`: linear and nonlinear contrasts, as R's `svycontrast(stat, c(E = 1, M = -1))` and `quote(E / H)`. */

import { DataError } from "./errors";
import type { Estimate } from "./estimators";
import { confidenceInterval } from "./intervals";
import { checkOptions } from "./options";
import type { VcovItem } from "./svyvcov";

/** Estimates with their covariance: named values, or `svyvcov`'s result (named as R's svyby: `E`, `E:api00`). */
export type Estimates =
  | { names: readonly string[]; values: readonly number[]; vcov: readonly (readonly number[])[] }
  | { items: readonly VcovItem[]; vcov: readonly (readonly number[])[] };

/** A contrast: weights by position or by name (the others 0), or an R expression of the names. */
export type Contrast = readonly number[] | Readonly<Record<string, number>> | string;

/** Options of `svycontrast`: the interval's level and degrees of freedom (default Infinity, R's `confint`). */
export interface ContrastOptions {
  level?: number;
  df?: number;
}

/** Several contrasts: their names, estimates and covariance matrix. */
export interface Contrasts {
  names: string[];
  estimates: Estimate[];
  vcov: number[][];
}

/** The estimates' names as R gives them. */
function named(est: Estimates): { names: string[]; values: number[] } {
  if ("names" in est) return { names: [...est.names], values: [...est.values] };
  const columns = new Set(est.items.map((i) => i.column));
  const names = est.items.map((i) => {
    const group = Object.values(i.labels).join(".");
    return group === "" ? i.column : columns.size > 1 ? `${group}:${i.column}` : group;
  });
  return { names, values: est.items.map((i) => i.estimate.value) };
}

const isSingle = (c: unknown): c is Contrast =>
  typeof c === "string" || Array.isArray(c) || Object.values(c as object).every((v) => typeof v === "number");

/**
 * R's `svycontrast`: Σ c_j θ_j with variance cᵀVc, or g(θ) by the delta method; a record of contrasts gives them all.
 * @example svycontrast(svyvcov(dclus1, ["enroll"], { by: "stype", fun: "svytotal" }), "E / H").value // 3.939
 */
export function svycontrast(est: Estimates, contrast: Contrast, options?: ContrastOptions): Estimate;
export function svycontrast(
  est: Estimates,
  contrasts: Readonly<Record<string, Contrast>>,
  options?: ContrastOptions,
): Contrasts;
export function svycontrast(
  est: Estimates,
  contrasts: Contrast | Readonly<Record<string, Contrast>>,
  options: ContrastOptions = {},
): Estimate | Contrasts {
  checkOptions("svycontrast", options, { level: "number", df: "number" }, "svycontrast");
  const { names, values } = named(est);
  const list: [string, Contrast][] = isSingle(contrasts)
    ? [["contrast", contrasts]]
    : Object.entries(contrasts as Record<string, Contrast>);
  const rows = list.map(([, c]) => gradientOf(c, names, values));
  const V = est.vcov;
  const vcov = rows.map((a) =>
    rows.map((b) => a.gradient.reduce((s, x, i) => s + x * b.gradient.reduce((t, y, j) => t + y * V[i][j], 0), 0)),
  );
  const level = options.level ?? 0.95;
  const df = options.df ?? Infinity;
  const estimates = rows.map(({ value }, k): Estimate => {
    const se = Math.sqrt(vcov[k][k]);
    const [ciLow, ciHigh] = confidenceInterval(value, se, df, level, "wald", 0);
    return { value, se, ciLow, ciHigh, level, df, n: NaN, weightedBase: NaN, deff: NaN };
  });
  if (isSingle(contrasts)) return estimates[0];
  return { names: list.map(([n]) => n), estimates, vcov };
}

/** A contrast's value and gradient. */
function gradientOf(c: Contrast, names: string[], values: number[]): { value: number; gradient: number[] } {
  if (typeof c === "string") return evaluate(c, names, values);
  const fail = (problem: string): never => {
    const expected = `weights of ${names.join(", ")}`;
    throw new DataError({ file: "svycontrast", column: "contrast", problem, expected });
  };
  let gradient: number[];
  if (Array.isArray(c)) {
    if (c.length !== names.length) fail(`${c.length} weights for ${names.length} estimates`);
    gradient = [...(c as number[])];
  } else {
    gradient = names.map(() => 0);
    for (const [name, w] of Object.entries(c)) {
      const j = names.indexOf(name);
      if (j < 0) fail(`no estimate named "${name}"`);
      gradient[j] = w;
    }
  }
  return { value: gradient.reduce((s, w, j) => s + w * values[j], 0), gradient };
}

interface Dual {
  v: number;
  d: Float64Array;
}

const FUNCTIONS: Record<string, (x: number) => [number, number]> = {
  exp: (x) => [Math.exp(x), Math.exp(x)],
  log: (x) => [Math.log(x), 1 / x],
  sqrt: (x) => [Math.sqrt(x), 0.5 / Math.sqrt(x)],
  sin: (x) => [Math.sin(x), Math.cos(x)],
  cos: (x) => [Math.cos(x), -Math.sin(x)],
};

/**
 * The value of an R expression (+ − * / ^, numbers, names, exp log sqrt sin cos) at the named `values` and its
 * gradient by dual numbers (exact as R's `deriv`); an unknown name or function or a syntax error is a DataError.
 * @example evaluate("E / H", ["E", "H", "M"], [4, 2, 1]) // { value: 2, gradient: [0.5, -1, 0] }
 */
function evaluate(
  expression: string,
  names: readonly string[],
  values: readonly number[],
): { value: number; gradient: number[] } {
  const tokens = expression.match(/`[^`]*`|\d*\.?\d+(?:[eE][-+]?\d+)?|[A-Za-z_.][A-Za-z0-9_.]*|\S/g) ?? [];
  let at = 0;
  const fail = (problem: string): never => {
    const expected = "an R expression of the estimates' names";
    throw new DataError({ file: "svycontrast", column: expression, problem, expected });
  };
  const k = names.length;
  const constant = (v: number): Dual => ({ v, d: new Float64Array(k) });
  const combine = (a: Dual, b: Dual, v: number, da: number, db: number): Dual => ({
    v,
    d: a.d.map((x, j) => da * x + (db === 0 ? 0 : db * b.d[j])),
  });
  const eat = (t: string) => (tokens[at] === t ? (at++, true) : false);
  const expr = (): Dual => {
    let a = term();
    for (;;) {
      if (eat("+")) a = ((b) => combine(a, b, a.v + b.v, 1, 1))(term());
      else if (eat("-")) a = ((b) => combine(a, b, a.v - b.v, 1, -1))(term());
      else return a;
    }
  };
  const term = (): Dual => {
    let a = unary();
    for (;;) {
      if (eat("*")) a = ((b) => combine(a, b, a.v * b.v, b.v, a.v))(unary());
      else if (eat("/")) a = ((b) => combine(a, b, a.v / b.v, 1 / b.v, -a.v / (b.v * b.v)))(unary());
      else return a;
    }
  };
  const unary = (): Dual => {
    if (eat("-")) return ((a) => combine(a, a, -a.v, -1, 0))(unary());
    if (eat("+")) return unary();
    const a = primary();
    if (!eat("^")) return a;
    const b = unary();
    const v = a.v ** b.v;
    return combine(a, b, v, b.v * a.v ** (b.v - 1), b.d.some((x) => x !== 0) ? v * Math.log(a.v) : 0);
  };
  const primary = (): Dual => {
    const t = tokens[at++];
    if (t === undefined) return fail("the expression ends early");
    if (t === "(") return ((a) => (eat(")") ? a : fail('a ")" is missing')))(expr());
    if (/^[\d.]/.test(t) && !Number.isNaN(Number(t))) return constant(Number(t));
    if (tokens[at] === "(") {
      const f = FUNCTIONS[t] ?? fail(`unknown function ${t} (known: ${Object.keys(FUNCTIONS).join(", ")})`);
      at++;
      const a = expr();
      if (!eat(")")) fail('a ")" is missing');
      const [v, dv] = f(a.v);
      return combine(a, a, v, dv, 0);
    }
    const name = t.startsWith("`") ? t.slice(1, -1) : t;
    const j = names.indexOf(name);
    if (j < 0) fail(`no estimate named "${name}" (there are ${names.join(", ")})`);
    const d = constant(values[j]);
    d.d[j] = 1;
    return d;
  };
  const result = expr();
  if (at < tokens.length) fail(`unexpected "${tokens[at]}"`);
  return { value: result.v, gradient: Array.from(result.d) };
}
