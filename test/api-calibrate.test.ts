/**
 * calibrate, postStratify, rake and trimWeights against R's survey 4.1.1 on its own examples (test/fixtures/api-examples,
 * written by scripts/r/api-examples.R): weights and estimates to 1e-8 relative, SEs to 1e-6, degrees of freedom exactly.
 * Factor columns are level codes 1..k in R's level order; R's early-stopping rake() fixtures are replaced by their
 * converged alternatives.
 */

import { afterAll, describe, expect, it } from "vitest";
import {
  asReplicateDesign,
  calibrate,
  ConvergenceError,
  DataError,
  postStratify,
  rake,
  subset,
  svyby,
  svychisq,
  svyciprop,
  svydesign,
  svymean,
  svytotal,
  trimWeights,
  update,
  type SurveyDesign,
} from "../src/survey";
import { modelMatrix } from "../src/survey/model-matrix";
import { degf } from "../src/survey/svydesign";
import { codedTable as table, expected, fixtures, type Json } from "./helpers/api-fixtures";

const num = (x: number | string) => (x === "Inf" ? Infinity : x === "-Inf" ? -Infinity : Number(x));

/** The level code of a level label of a column of a data set. */
const code = (data: string, col: string, label: string) => expected.data[data].factors[col].indexOf(label) + 1;
/** The data set a design chain starts from. */
const dataOf = (id: string): string => {
  const s = expected.designs[id].spec;
  return s.from_id ? dataOf(s.from_id) : s.data;
};

/** The totals of a calibration by the engine's column names, from R's margin tables (R's margins2totals). */
function marginTotals(
  des: SurveyDesign,
  data: string,
  spec: Json,
): { terms: string[][]; totals: Record<string, number> } {
  const terms: string[][] = [];
  for (const m of spec.margins) {
    const vars: string[] = m.vars;
    if (vars.length === 2) terms.push([vars[0]], [vars[1]], vars);
    else terms.push(vars);
  }
  const factors = [...new Set(terms.flat())];
  const names = modelMatrix({ terms, factors }, (v) => des.data[v], des.n, data).names;
  const totals: Record<string, number> = {};
  for (const name of names) {
    const parts = name === "(Intercept)" ? [] : name.split(":");
    const want = parts.map((p) => {
      const v = factors.find((f) => p.startsWith(f) && /^\d+$/.test(p.slice(f.length)))!;
      return [v, Number(p.slice(v.length))] as const;
    });
    const margin = spec.margins.find((m: Json) => want.every(([v]) => m.vars.includes(v)));
    totals[name] = margin.cells
      .filter((c: Json) => want.every(([v, l]) => code(data, v, c[v]) === l))
      .reduce((s: number, c: Json) => s + c.Freq, 0);
  }
  return { terms, totals };
}

/** The design a chain of specs names. */
function build(id: string): SurveyDesign {
  const spec = expected.designs[id].spec;
  const data = dataOf(id);
  if (spec.kind === "svydesign")
    return svydesign({
      data: table(spec.data),
      ids: spec.ids,
      strata: spec.strata.length ? spec.strata[0] : undefined,
      fpc: spec.fpc.length ? spec.fpc : undefined,
      weights: spec.weights,
      probs: spec.probs,
      nest: spec.nest,
      source: spec.data,
    });
  const from = build(spec.from_id);
  const factors = Object.keys(expected.data[data].factors);
  switch (spec.kind) {
    case "as.svrepdesign":
      return asReplicateDesign(from, spec.type === "auto" ? {} : { type: spec.type });
    case "trimWeights":
      return trimWeights(from, { lower: num(spec.lower), upper: num(spec.upper), strict: spec.strict });
    case "subset":
      return subset(from, { [spec.where.column]: [code(data, spec.where.column, spec.where.value)] });
    case "postStratify":
      return postStratify(
        from,
        spec.strata,
        spec.cells.map((c: Json) => ({
          ...Object.fromEntries(spec.strata.map((s: string) => [s, code(data, s, c[s])])),
          Freq: c.Freq,
        })),
      );
    case "rake": {
      const rows = spec.margins.flatMap((m: Json) =>
        m.cells.map((c: Json) => ({
          variable: m.vars[0],
          level: code(data, m.vars[0], c[m.vars[0]]),
          count: c.Freq,
          sourceStatus: "verbatim" as const,
        })),
      );
      return rake(from, { source: "margins", rows, total: 0 }, { tolerance: 1e-13 });
    }
    case "calibrate": {
      const options = {
        calfun: spec.calfun,
        bounds: spec.bounds.map(num) as [number, number],
        epsilon: spec.epsilon,
        maxit: spec.maxit,
        trim: spec.trim === undefined || spec.trim === null ? undefined : (spec.trim.map(num) as [number, number]),
      };
      if (spec.margins) {
        const { terms, totals } = marginTotals(from, data, spec);
        return calibrate(from, { terms, factors: terms.flat() }, totals, options);
      }
      const f = spec.formula;
      const formula = {
        terms: f.terms,
        intercept: f.intercept,
        factors: f.terms.flat().filter((v: string) => factors.includes(v)),
      };
      return calibrate(
        from,
        formula,
        spec.population.map((p: Json) => p.total),
        options,
      );
    }
  }
  throw new Error(`no builder for ${spec.kind}`);
}

const worst = { estimate: 0, se: 0 };
const rel = (a: number, b: number) => (b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b));
/**
 * Relative error; an SE that R gives as rounding noise (below 1e-9 of the estimate `scale`) must be noise likewise:
 * below 1e-9 of the estimate (measured as a fraction of that bar, times `tol`), not a relative error of noise.
 */
function close(got: number, want: number, tol: number, what: string, scale = want): void {
  const noise = Math.abs(want) < 1e-9 * Math.abs(scale);
  const e = noise ? (Math.abs(got) / Math.abs(scale) / 1e-9) * tol : rel(got, want);
  if (tol < 1e-7) worst.estimate = Math.max(worst.estimate, e);
  else worst.se = Math.max(worst.se, e);
  expect(e, what).toBeLessThan(tol);
}

/** The design with a call's derived columns (interaction() and I(x == level)) added. */
function withDerived(des: SurveyDesign, data: string, vars: Json[]): SurveyDesign {
  const cols: Record<string, (number | null)[]> = {};
  for (const v of vars) {
    if (v.interaction) {
      const [a, b] = (v.interaction as string[]).map((c) => des.data[c]);
      const ka = expected.data[data].factors[v.interaction[0]].length;
      cols[v.name] = Array.from(a, (x, i) => (x === null || b[i] === null ? null : x + ka * (b[i]! - 1)));
    } else if (v.derive) {
      const want = code(data, v.derive.column, v.derive.value);
      cols[v.name] = Array.from(des.data[v.derive.column], (x) => (x === null ? null : x === want ? 1 : 0));
    }
  }
  return Object.keys(cols).length ? update(des, cols) : des;
}

/** Each coefficient of a svymean/svytotal call. */
function estimates(des: SurveyDesign, call: Json) {
  const d = call.na_rm ? subset(des, (v) => call.vars.every((x: Json) => v(x.column) !== null), "complete") : des;
  return call.vars.flatMap((v: Json) => {
    const col = v.column ?? v.name;
    if (v.type === "numeric") return [call.fun === "svymean" ? svymean(d, col) : svytotal(d, col)];
    return v.levels.map((_: string, l: number) =>
      call.fun === "svymean" ? svyciprop(d, col, [l + 1]) : svytotal(d, col, [l + 1]),
    );
  });
}

/** The weights a design id names, for the weights extracts. */
function weightsOf(spec: Json): Float64Array {
  if (spec.extract === "weights") return build(spec.of.design_id).weights;
  const [a, b] = spec.args.map(weightsOf);
  return a.map((x: number, i: number) => x / b[i]);
}

function check(id: string): void {
  const f = fixtures.get(id)!;
  const r = f.result;
  const est = f.estimate;
  if (est.extract === "range" || est.extract === "head" || est.extract === "summary") {
    const w = Array.from(weightsOf(est.of));
    const sorted = [...w].sort((a, b) => a - b);
    const q = (p: number) => {
      const h = (w.length - 1) * p;
      return sorted[Math.floor(h)] + (h - Math.floor(h)) * (sorted[Math.ceil(h)] - sorted[Math.floor(h)]);
    };
    const mean = w.reduce((a, b) => a + b, 0) / w.length;
    const got =
      est.extract === "range"
        ? [sorted[0], sorted[w.length - 1]]
        : est.extract === "head"
          ? w.slice(0, 6)
          : [sorted[0], q(0.25), q(0.5), mean, q(0.75), sorted[w.length - 1]];
    const want: number[] = r.values ?? r.table.cells.map((c: Json) => c.Freq);
    got.forEach((g, i) => close(g, want[i], 1e-8, `${id} ${i}`));
    return;
  }
  const data = dataOf(est.design_id);
  const des = withDerived(build(est.design_id), data, [...est.vars, ...(est.by ?? [])]);
  if (est.fun === "svychisq") {
    const t = svychisq(des, est.vars[0].column, est.vars[1].column);
    close(t.f, r.statistic, 1e-6, `${id} F`);
    close(t.ndf, r.parameter.ndf, 1e-6, `${id} ndf`);
    close(t.ddf, r.parameter.ddf, 1e-6, `${id} ddf`);
    close(t.p, r.p_value, 1e-6, `${id} p`);
    return;
  }
  if (est.fun === "svyby") {
    const groups = svyby(des, est.by[0].column, (g) => estimates(g, { ...est, fun: est.FUN }));
    const got = groups.flatMap((g) => g.result);
    got.forEach((g, i) => {
      close(g.value, r.estimate[i], 1e-8, `${id} estimate ${i}`);
      close(g.se, r.se[i], 1e-6, `${id} se ${i}`, r.estimate[i]);
    });
    return;
  }
  if (est.fun === "svyciprop") {
    const g = svyciprop(des, est.vars[0].name, [1]);
    close(g.value, r.estimate, 1e-8, `${id} estimate`);
    close(g.se, r.se, 1e-6, `${id} se`);
    expect(g.df).toBe(r.degf);
    return;
  }
  const got = estimates(des, est);
  const domain = est.na_rm ? subset(des, (v) => est.vars.every((x: Json) => v(x.column) !== null), "complete") : des;
  got.forEach((g: { value: number; se: number; df: number }, i: number) => {
    close(g.value, r.estimate[i], 1e-8, `${id} estimate ${i}`);
    close(g.se, r.se[i], 1e-6, `${id} se ${i}`, r.estimate[i]);
    if (!des.replicates) expect(g.df, `${id} df`).toBe(est.na_rm ? degf(domain) : r.degf);
  });
}

afterAll(() => console.log(`api-calibrate: max relative error estimate ${worst.estimate}, SE ${worst.se}`));

/** The core fixtures of the calibration pages, used in tests, that the engine can express. */
const PAGES = ["calibrate", "postStratify", "rake", "trimWeights"];
const ALL = expected.fixtures.filter((f: Json) => PAGES.includes(f.page) && f.scope === "core" && f.use_in_tests);

/** Design ids whose chain has a step this engine leaves to others or does not do (see `unsupported`). */
function chain(id: string): Json[] {
  const s = expected.designs[id].spec;
  return s.from_id ? [...chain(s.from_id), s] : [s];
}
function designIds(est: Json): string[] {
  if (est.design_id) return [est.design_id];
  return est.of ? designIds(est.of) : (est.args ?? []).flatMap(designIds);
}
/** Why a fixture cannot run here: replicate weights this engine refuses. */
function unsupported(f: Json): string | null {
  const steps = designIds(f.estimate).flatMap(chain);
  for (const s of steps.filter((s) => s.kind === "as.svrepdesign"))
    try {
      asReplicateDesign(build(s.from_id), s.type === "auto" ? {} : { type: s.type });
    } catch (e) {
      if (e instanceof DataError) return `as.svrepdesign: ${e.message.split("\n")[0]}`;
      throw e;
    }
  return null;
}

describe("calibrate, postStratify, rake and trimWeights as R", () => {
  for (const f of ALL) {
    const why = unsupported(f);
    if (why === null) it(f.id, () => check(f.id));
    else it.skip(`${f.id} (${why})`, () => check(f.id));
  }
});

describe("what calibrate and postStratify refuse: a DataError naming it", () => {
  const dclus1 = () => build("dclus1");
  const f = { terms: [["stype"], ["api99"]], factors: ["stype"] };
  const pop = [6194, 755, 1018, 3914069];
  it.each([
    [{ calfun: "logistic" }, /column "calfun".*one of "linear", "raking", "logit"/],
    [{ bound: [0.5, 2] }, /calibrate has no option "bound" \(did you mean "bounds"\?\)/],
    [{ bounds: [2, 0.5] }, /column "bounds".*lo < hi/],
    [{ calfun: "logit" }, /logit calibration needs finite bounds/],
  ])("%j", (options, message) => {
    expect(() => calibrate(dclus1(), f, pop, options as object)).toThrow(DataError);
    expect(() => calibrate(dclus1(), f, pop, options as object)).toThrow(message);
  });
  it("totals that do not match the model's columns name the columns", () => {
    expect(() => calibrate(dclus1(), f, [6194, 755, 1018])).toThrow(/\(Intercept\), stype2, stype3, api99/);
    expect(() => calibrate(dclus1(), f, { "(Intercept)": 6194, stypeH: 755 })).toThrow(/do not match/);
  });
  it("totals by the engine's column names equal totals in column order", () => {
    const named = calibrate(dclus1(), f, { "(Intercept)": 6194, stype2: 755, stype3: 1018, api99: 3914069 });
    expect(Array.from(named.weights)).toEqual(Array.from(calibrate(dclus1(), f, pop).weights));
  });
  it("a missing value in a calibration variable names row and column; subsets and calibrated designs are refused", () => {
    const des = build("dclus1");
    expect(() => calibrate(des, { terms: [["acs.k3"]] }, [6194, 1e5])).toThrow(/row \d+, column "acs.k3"/);
    expect(() => calibrate(subset(des, { stype: [1] }), f, pop)).toThrow(/calibrate\(\): on a subset/);
    expect(() => calibrate(calibrate(des, f, pop), f, pop)).toThrow(/already calibrated/);
  });
  it("a calibration that cannot reach its totals within maxit is a ConvergenceError (R: 'Calibration failed')", () => {
    const o = { calfun: "raking" as const, bounds: [0.9, 1.1] as [number, number] };
    expect(() => calibrate(dclus1(), f, pop, o)).toThrow(ConvergenceError);
  });
  it("postStratify: a sample cell without a population count, or a population cell absent from the sample", () => {
    const cells = [1, 2, 3].map((s) => ({ stype: s, Freq: 1000 }));
    expect(() => postStratify(dclus1(), ["stype"], cells.slice(0, 2))).toThrow(/stype = 3 is in the sample but not/);
    const extra = [...cells, { stype: 4, Freq: 10 }];
    expect(() => postStratify(dclus1(), ["stype"], extra)).toThrow(/cells 4 are absent from the sample/);
    expect(postStratify(dclus1(), ["stype"], extra, { partial: true }).weights.reduce((a, b) => a + b, 0)).toBeCloseTo(
      3000,
      8,
    );
    expect(() => postStratify(dclus1(), ["stype"], cells, { partal: true } as object)).toThrow(
      /did you mean "partial"/,
    );
  });
});

describe("calibrate() on a replicate design calibrates every replicate from its own weights, as R", () => {
  it("JK1 replicates of a design without fpc: each replicate is the calibration of its weights", () => {
    const data = table("apiclus1");
    const base = svydesign({ data, ids: "dnum", weights: "pw", source: "apiclus1" });
    const f = { terms: [["stype"], ["api99"]], factors: ["stype"] };
    const pop = [6194, 755, 1018, 3914069];
    for (const options of [{}, { calfun: "raking" as const }, { bounds: [0.6, 1.6] as [number, number] }]) {
      const rep = asReplicateDesign(base);
      const cal = calibrate(rep, f, pop, options);
      expect(Array.from(cal.weights)).toEqual(Array.from(calibrate(base, f, pop, options).weights));
      rep.replicates!.weights.forEach((w, r) => {
        // a replicate that cannot reach the totals within the bounds keeps its last step, as R (which warns)
        const des = svydesign({ data: { ...data, w: Array.from(w) }, ids: "dnum", weights: "w" });
        const one = calibrate(des, f, pop, { ...options, force: true });
        expect(Array.from(cal.replicates!.weights[r])).toEqual(Array.from(one.weights));
      });
      expect(svytotal(cal, "api99").se).toBeLessThan(1e-6 * 3914069);
    }
  });
});

describe("rake() and calibrate(calfun = 'raking') on a replicate design calibrate every replicate alike, as R", () => {
  const margins = {
    source: "margins",
    total: 6194,
    rows: [
      ...[4421, 755, 1018].map((count, l) => ({ variable: "stype", level: l + 1, count })),
      ...[1072, 5122].map((count, l) => ({ variable: "sch.wide", level: l + 1, count })),
    ].map((r) => ({ ...r, sourceStatus: "verbatim" as const })),
  };
  const f = { terms: [["stype"], ["sch.wide"]], factors: ["stype", "sch.wide"] };
  const pop = [6194, 755, 1018, 5122];
  it.each([["rclus1_2"], ["jkstrat"]])("%s, without and with bounds", (id) => {
    const rep = build(id);
    for (const bounds of [undefined, [0.5, 2] as [number, number]]) {
      const raked = rake(rep, margins, { tolerance: 1e-13, maxIterations: 1000, ...(bounds && { bounds }) });
      const cal = calibrate(rep, f, pop, { calfun: "raking", epsilon: 1e-13, maxit: 100, ...(bounds && { bounds }) });
      raked.replicates!.weights.forEach((w, r) =>
        w.forEach((x, i) => expect(rel(x, cal.replicates!.weights[r][i]), `replicate ${r}`).toBeLessThan(1e-10)),
      );
    }
  });
});

describe("a formula of factors only is calibrated on its cells, whatever the codes", () => {
  it("codes that are not small whole numbers give the weights of the same factor coded 1, 2", () => {
    const small = { f: [1, 2, 1, 2, 2, 1, 2], g: [1, 1, 2, 2, 1, 2, 2], y: [1, 0, 0, 1, 1, 0, 1] };
    const odd = { ...small, f: small.f.map((v) => (v === 1 ? -3.5 : 70000)) };
    const formula = { terms: [["f"], ["g"]], factors: ["f", "g"] };
    const [a, b] = [small, odd].map((data) => calibrate(svydesign({ data, source: "t" }), formula, [20, 11, 9]));
    expect(Array.from(b.weights)).toEqual(Array.from(a.weights));
    expect(svyciprop(b, "y", [1]).se).toBe(svyciprop(a, "y", [1]).se);
  });
  it("an empty factor code is a DataError naming row and column", () => {
    const data = { f: [1, 2, null, 2], y: [1, 0, 0, 1] };
    expect(() => calibrate(svydesign({ data, source: "t.csv" }), { terms: [["f"]], factors: ["f"] }, [10, 4])).toThrow(
      /t\.csv, row 3, column "f"/,
    );
  });
});
