/**
 * R's expressions of svycontrast's nonlinear contrasts (`quote(exp(E - H))`): parsed and evaluated with their gradient
 * (forward-mode dual numbers), so the delta method is exact as R's `deriv`. Operators + − * / ^ and parentheses,
 * numbers, names (`api00`, `` `log(enroll)` ``) and exp, log, sqrt, sin, cos.
 */

import { DataError } from "./errors";

/** A value and its gradient with respect to the named estimates. */
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
 * The value of `expression` at the named `values` and its gradient (one entry per name); an unknown name, function
 * or a syntax error is a DataError.
 * @example evaluate("E / H", ["E", "H", "M"], [4, 2, 1]) // { value: 2, gradient: [0.5, -1, 0] }
 */
export function evaluate(
  expression: string,
  names: readonly string[],
  values: readonly number[],
): { value: number; gradient: number[] } {
  const tokens = expression.match(/`[^`]*`|\d*\.?\d+(?:[eE][-+]?\d+)?|[A-Za-z_.][A-Za-z0-9_.]*|\S/g) ?? [];
  let at = 0;
  const fail = (problem: string): never => {
    throw new DataError({
      file: "svycontrast",
      column: expression,
      problem,
      expected: "an R expression of the estimates' names",
    });
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
