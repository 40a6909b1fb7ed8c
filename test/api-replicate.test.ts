/**
 * Replicate designs against R's survey 4.1.1 on its own examples (test/fixtures/api-examples, written by
 * scripts/r/api-examples.R): as.svrepdesign (JK1 with the fpc, JKn, BRR, Fay, lonely PSUs, the first stage of a
 * multistage design) and svrepdesign (weight columns of every type), under svymean, svytotal, svyciprop, svyby,
 * svychisq, subset, update, rake and calibrate; estimates to 1e-8 relative, SEs to 1e-6, degrees of freedom exactly. R's bootstrap
 * draws cannot be matched: svrepdesign reproduces them from their columns, asReplicateDesign's are tested by property.
 */

import { afterAll, describe, expect, it } from "vitest";
import {
  asReplicateDesign,
  calibrate,
  DataError,
  degf,
  rake,
  subset,
  svrepdesign,
  svyby,
  svychisq,
  svyciprop,
  svydesign,
  svydiff,
  svyitems,
  svymean,
  svytotal,
  update,
  type Estimate,
  type SurveyDesign,
} from "../src/survey";
import type { LonelyPsu } from "../src/survey/stages";
import type { ReplicateType } from "../src/survey/replicate-weights";
import { codedTable as table, expected, fixtures, type Json } from "./helpers/api-fixtures";

const levelsOf = (data: string, column: string): string[] | undefined => expected.data[data]?.factors[column];

/** The rows of a `data_rows` spec (a subset of a data set before svydesign). */
function rowsOfData(spec: Json): Record<string, (number | null)[]> {
  const data = table(spec.data_rows?.from ?? spec.data);
  if (!spec.data_rows) return data;
  const rows: number[] = Object.values(expected.derived_data as Json).find(
    (d: Json) => d.from === spec.data_rows.from && d.r === spec.data_rows.r,
  ).rows_zero_based;
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, rows.map((i) => v[i])]));
}

/** R's run-length rscales, expanded. */
const runs = (r: Json | undefined): number[] | undefined =>
  r?.values.flatMap((v: number, k: number) => new Array<number>(r.lengths[k]).fill(v));

/** The design of a spec, following `from_id` (the lonely-PSU rule is the one in force at the conversion). */
function build(spec: Json, lonelyPsu: LonelyPsu = "fail"): SurveyDesign {
  const parent = (): SurveyDesign =>
    build(expected.designs[spec.from_id].spec, spec.effective?.lonely_psu ?? lonelyPsu);
  switch (spec.kind) {
    case "svydesign":
      return svydesign({
        data: rowsOfData(spec),
        ids: spec.ids,
        strata: spec.strata.length ? spec.strata[0] : undefined,
        fpc: spec.fpc.length ? spec.fpc : undefined,
        weights: spec.weights,
        nest: spec.nest,
        lonelyPsu,
        source: spec.data,
      });
    case "as.svrepdesign":
      return asReplicateDesign(parent(), {
        type: spec.type,
        replicates: spec.replicates,
        fayRho: spec.type === "Fay" ? spec["fay.rho"] : undefined,
        mse: spec.mse,
      });
    case "svrepdesign":
      return svrepdesign({
        data: table(spec.data),
        repweights: spec.repweights,
        weights: spec.weights,
        type: spec.type as ReplicateType,
        combinedWeights: spec.combined_weights,
        rho: spec.rho ?? undefined,
        scale: spec.scale,
        rscales: runs(spec.rscales_runs),
        mse: spec.mse,
        source: spec.data,
      });
    case "subset": {
      const des = parent();
      const keep = new Array<boolean>(des.n).fill(false);
      for (const i of spec.domain_rows_zero_based) keep[i] = true;
      return subset(des, keep, spec.where_r);
    }
    case "update": {
      const des = parent();
      const [name, def] = Object.entries(spec.add as Json)[0];
      if (def.expr.op !== "-") throw new Error(`update ${def.r} not expressed`);
      const [a, b] = def.expr.args.map((x: Json) => des.data[x.column]);
      return update(des, {
        [name]: a.map((v: number | null, i: number) => (v === null || b[i] === null ? null : v - b[i])),
      });
    }
    case "rake": {
      const des = parent();
      const data = expected.designs[spec.from_id];
      const rows = spec.margins.flatMap((m: Json) =>
        m.cells.map((c: Json) => {
          const variable = m.vars[0];
          const levels = levelsOf("apiclus1", variable) ?? levelsOf(data.spec?.data ?? "", variable) ?? [];
          return { variable, level: levels.indexOf(c[variable]) + 1, count: c.Freq, sourceStatus: "verbatim" as const };
        }),
      );
      const total = spec.margins[0].cells.reduce((s: number, c: Json) => s + c.Freq, 0);
      return rake(des, { source: "margins", rows, total }, { tolerance: 1e-13, maxIterations: 1000 });
    }
    case "calibrate": {
      const des = parent();
      const data = expected.designs[spec.from_id].spec.data;
      const factors = spec.formula.terms.flat().filter((v: string) => levelsOf(data, v));
      const bounds = spec.bounds.map((b: string | number) => (b === "Inf" ? Infinity : b === "-Inf" ? -Infinity : b));
      const options = { calfun: spec.calfun, bounds, epsilon: spec.epsilon, maxit: spec.maxit };
      const formula = { terms: spec.formula.terms, intercept: spec.formula.intercept, factors };
      return calibrate(
        des,
        formula,
        spec.population.map((p: Json) => p.total),
        options,
      );
    }
  }
  throw new Error(`design kind ${spec.kind} not expressed`);
}

const worst = { estimate: 0, se: 0 };
const rel = (a: number, b: number) => (b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b));
const close = (got: number, want: number, tol: number, what: string, key: "estimate" | "se" = "estimate"): void => {
  worst[key] = Math.max(worst[key], rel(got, want));
  expect(rel(got, want), what).toBeLessThan(tol);
};

/** The design, or with na.rm its rows complete in the call's variables (R's na.rm is that subset). */
function rowsOf(des: SurveyDesign, call: Json): SurveyDesign {
  if (!call.na_rm) return des;
  const cols = call.vars.map((v: Json) => des.data[v.column]);
  return subset(des, (_, i) => cols.every((c: (number | null)[]) => c[i] !== null), "complete rows");
}

/** Each coefficient of a svymean/svytotal call. */
function estimates(des: SurveyDesign, call: Json): Estimate[] {
  const d = rowsOf(des, call);
  return call.vars.flatMap((v: Json) => {
    const fun = call.FUN ?? call.fun;
    if (v.type === "numeric") return [fun === "svymean" ? svymean(d, v.column) : svytotal(d, v.column)];
    return v.levels.map((_: string, l: number) =>
      fun === "svymean" ? svyciprop(d, v.column, [l + 1]) : svytotal(d, v.column, [l + 1]),
    );
  });
}

function check(id: string): void {
  const f = fixtures.get(id);
  if (f === undefined) throw new Error(`no fixture ${id}`);
  if (f.error) {
    expect(() => build(f.design ?? f.estimate.makes_design, f.lonely_psu)).toThrow(DataError);
    return;
  }
  const des = build(f.design, f.lonely_psu);
  const call = f.estimate;
  const r = f.result;
  if (call.fun === "degf") return expect(degf(des)).toBe(r.values[0]);
  if (call.fun === "svychisq") {
    const [a, b] = call.vars.map((v: Json) => v.column);
    const t = svychisq(des, a, b);
    close(t.f, r.statistic, 1e-6, `${id} F`);
    close(t.ndf, r.parameter.ndf, 1e-6, `${id} ndf`);
    close(t.ddf, r.parameter.ddf, 1e-6, `${id} ddf`);
    return close(t.p, r.p_value, 1e-6, `${id} p`);
  }
  if (call.fun === "svyciprop") {
    const { column, value } = call.vars[0].derive;
    const levels = levelsOf(f.design.data ?? "apiclus1", column);
    const code = typeof value === "string" ? (levels ?? []).indexOf(value) + 1 : value;
    const e = svyciprop(des, column, [code], { ci: call.method === "be" ? "beta" : "logit" });
    close(e.value, r.estimate, 1e-8, `${id} estimate`);
    close(e.se, r.se, 1e-6, `${id} se`, "se");
    close(e.ciLow, r.ci[0], 1e-6, `${id} ci`);
    close(e.ciHigh, r.ci[1], 1e-6, `${id} ci`);
    return expect(e.df).toBe(r.degf);
  }
  if (call.fun === "svyby") {
    const by = call.by.map((b: Json) => b.column);
    const groups = svyby(des, by, (g) => estimates(g, call));
    const G = r.by_values.length;
    r.by_values.forEach((values: Json, g: number) => {
      const codes = call.by.map((b: Json) => b.levels.indexOf(values[b.label ?? b.name]) + 1);
      const group = groups.find((x) => by.every((c: string, j: number) => x.key[c] === codes[j]));
      group?.result.forEach((e, v) => {
        close(e.value, r.estimate[v * G + g], 1e-8, `${id} estimate ${g}`);
        if (r.se) close(e.se, r.se[v * G + g], 1e-6, `${id} se ${g}`, "se");
      });
      expect(group, `${id} group ${g}`).toBeDefined();
    });
    return;
  }
  const got = estimates(des, call);
  got.forEach((g, i) => {
    close(g.value, r.estimate[i], 1e-8, `${id} estimate ${i}`);
    if (Math.abs(r.se[i]) < 1e-12 * Math.abs(r.estimate[i])) expect(g.se / Math.abs(g.value)).toBeLessThan(1e-6);
    else close(g.se, r.se[i], 1e-6, `${id} se ${i}`, "se");
    // with na.rm, R's degf there is the whole design's; the engine's df is the domain's (R's degf of the subset)
    expect(g.df, `${id} df`).toBe(call.na_rm ? degf(rowsOf(des, call)) : r.degf);
  });
}

afterAll(() => console.log(`api-replicate: max relative error estimate ${worst.estimate}, SE ${worst.se}`));

/** Pages whose calibrated replicate designs test/api-calibrate.test.ts tests. */
const CALIBRATION_PAGES = ["calibrate", "postStratify", "rake", "trimWeights"];
/** Core fixtures of the pages, and of other pages on replicate designs, that the engine expresses. */
const core = (page: string | null, skip: RegExp): string[] =>
  expected.fixtures
    .filter(
      (f: Json) =>
        f.scope === "core" &&
        f.use_in_tests &&
        (page === null ? /svrep/.test(JSON.stringify(f.capabilities)) : f.page === page) &&
        !skip.test(f.id) &&
        !(CALIBRATION_PAGES.includes(f.page) && /calibrate|postStratify/.test(f.capabilities.join())),
    )
    .map((f: Json) => f.id);

/** Not expressed: R's random bootstrap draws (tested below by property), vcov, other test statistics. */
const NOT_HERE = /bclus1|vcov|covmat|adjWald|Chisq$|Wald$/;
export const AS_SVREP = core("as.svrepdesign", NOT_HERE);
export const SVREP = core("svrepdesign", NOT_HERE);
export const OTHER_PAGES = core(null, NOT_HERE).filter((id) => !AS_SVREP.includes(id) && !SVREP.includes(id));

describe("asReplicateDesign as R's as.svrepdesign: JK1 with the fpc, JKn, BRR, Fay, lonely PSUs, first stage", () => {
  for (const id of AS_SVREP) it(id, () => check(id));
});

describe("svrepdesign as R's: weight columns of every type, combinedWeights, scale, rscales, rho, mse", () => {
  for (const id of SVREP) it(id, () => check(id));
});

describe("replicate designs in the fixtures of other pages (svymean, svyciprop, svyby, svychisq, subset, rake)", () => {
  for (const id of OTHER_PAGES) it(id, () => check(id));
});

describe("asReplicateDesign's bootstrap (R's draws are random: its properties, against R's numbers)", () => {
  const spec = expected.designs.bclus1.spec;
  const dclus1 = build(expected.designs.dclus1.spec);
  const boot = asReplicateDesign(dclus1, { type: "bootstrap", replicates: 100, seed: 20 });
  it("draws 15 districts per replicate from the 757 (fpc), with R's scale, rscales and degf", () => {
    const reps = boot.replicates!;
    expect(reps.count).toBe(100);
    expect(rel(reps.scale, spec.effective.scale)).toBeLessThan(1e-15);
    expect(Array.from(reps.rscales)).toEqual(runs(spec.effective.rscales_runs));
    if (reps.factors.kind !== "counts") throw new Error("bootstrap factors are counts");
    for (const c of reps.factors.counts) expect(c.reduce((a, b) => a + b, 0)).toBe(15);
    expect(degf(boot)).toBe(14);
  });
  it("gives R's estimates and SEs within 25 % of R's draw (as.svrepdesign-bclus1-*)", () => {
    for (const id of ["as.svrepdesign-bclus1-mean-api00", "as.svrepdesign-bclus1-total-enroll"]) {
      const f = fixtures.get(id)!;
      const [e] = estimates(boot, f.estimate);
      close(e.value, f.result.estimate[0], 1e-8, id);
      expect(Math.abs(e.se / f.result.se[0] - 1), id).toBeLessThan(0.25);
    }
  });
  it("is stratified as R's bootweights: n_h draws per stratum, scale from the harmonic mean of n_h", () => {
    const b = asReplicateDesign(build(expected.designs.dstrat.spec), { type: "bootstrap", replicates: 20 });
    const reps = b.replicates!;
    if (reps.factors.kind !== "counts") throw new Error("bootstrap factors are counts");
    const stype = b.data.stype;
    for (const c of reps.factors.counts)
      for (const [h, n] of [
        [1, 100],
        [2, 50],
        [3, 50],
      ])
        expect(c.reduce((a, x, i) => a + (stype[i] === h ? x : 0), 0)).toBe(n);
    const p = 3 / (1 / 100 + 2 / 50);
    expect(rel(reps.scale, p / ((p - 1) * 19))).toBeLessThan(1e-15);
  });
});

describe("what R refuses is a DataError naming it", () => {
  const dpairs = build(expected.designs.dpairs.spec);
  const apiclus1rep = table("apiclus1rep");
  const rep = (args: Record<string, unknown>) => () =>
    svrepdesign({ data: apiclus1rep, repweights: "wt[1-9]+", weights: "pw", source: "apiclus1rep.csv", ...args });
  it.each([
    [() => asReplicateDesign(dpairs, { type: "Fay" }), /fayRho goes with type "Fay" only/],
    [() => asReplicateDesign(dpairs, { type: "BRR", fayRho: 0.5 }), /fayRho goes with type "Fay" only/],
    [() => asReplicateDesign(dpairs, { type: "JKn", replicates: 10 }), /JKn has its own number of replicates/],
    [() => asReplicateDesign(dpairs, { tpye: "BRR" } as object), /no option "tpye" \(did you mean "type"\?\)/],
    [() => asReplicateDesign(asReplicateDesign(dpairs)), /has replicate weights already/],
    [rep({ type: "JKn" }), /Must provide rscales for combined JKn weights/],
    [rep({ type: "JK1", rscales: [1, 2] }), /rscales has length 2, should be 15/],
    [rep({ type: "BRR", scale: 0.5 }), /column "scale".*has its own scale/],
    [rep({ type: "Fay" }), /column "rho".*rho goes with type "Fay" only/],
    [rep({ type: "JK1", rho: 0.5 }), /rho goes with type "Fay" only/],
    [rep({ type: "JK1", repweights: "nothing" }), /0 replicate weight column\(s\) match/],
    [rep({ type: "JK1", repweights: ["wt1", "wt99"] }), /repweights: there is no column "wt99"/],
    [rep({ type: "JK1", repweights: ["wt1", "acs.k3"] }), /row \d+, column "acs.k3"/],
    [rep({ type: "JK1", combined: false }), /svrepdesign has no option "combined"/],
  ])("%#", (make, message) => {
    expect(make).toThrow(DataError);
    expect(make).toThrow(message);
  });
  it("BRR with a stratum of 3 PSUs (R: Can't split with odd numbers of PSUs)", () => {
    const data = table("apiclus2rep");
    const three = data.vstrat.map((v) => (v === 2 ? 1 : v)); // strata 1 and 2 merged: 4 PSUs, split in pairs
    const split = svydesign({ data: { ...data, v: three }, ids: "dnum", strata: "v", weights: "pw" });
    expect(asReplicateDesign(split, { type: "BRR" }).replicates?.count).toBe(24); // 20 pairs: R's hadamard(20)
    const odd = data.vstrat.map((v, i) =>
      v === 2 && data.dnum[i] === data.dnum.find((_, j) => data.vstrat[j] === 2) ? 1 : v,
    );
    const des = svydesign({ data: { ...data, v: odd }, ids: "dnum", strata: "v", weights: "pw", lonelyPsu: "remove" });
    expect(() => asReplicateDesign(des, { type: "BRR" })).toThrow(/has 3 PSU\(s\): Can't split with odd numbers/);
  });
});

describe("svydiff and svyitems take every replicate type", () => {
  for (const id of ["jkstrat", "brrpairs", "faypairs", "jknrep", "fayrep", "rlonely_adjust"])
    it(id, () => {
      const des = build(expected.designs[id].spec, expected.designs[id].spec.effective?.lonely_psu);
      const d = svydiff(des, "sch.wide", [2], "stype", [[1], [3]]);
      const [e, m] = [1, 3].map((h) => svyciprop(subset(des, { stype: [h] }), "sch.wide", [2]));
      close(d.value, e.value - m.value, 1e-12, `${id} difference`);
      expect(d.se).toBeGreaterThan(0);
      expect(d.df).toBe(degf(subset(des, { stype: [1, 3] })));
      const items = svyitems(des, ["sch.wide", "comp.imp"], [2]);
      expect(items[1].estimate).toEqual(svyciprop(des, "comp.imp", [2]));
    });
});
