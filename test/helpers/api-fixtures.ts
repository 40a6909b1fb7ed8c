/**
 * R's documented examples (test/fixtures/api-examples, written by scripts/r/api-examples.R) as designs: the data with
 * text columns as text (factors, as R), a fixture's design spec (svydesign, subset, update chains) as a design.
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { parseDelimited } from "../../src/data/csv";
import {
  asReplicateDesign,
  DataError,
  interaction,
  levelsOf,
  subset,
  svydesign,
  svymean,
  svytotal,
  update,
  type Estimate,
  type SurveyDesign,
} from "../../src/survey";
import { degf } from "../../src/survey/svydesign";
import type { LonelyPsu } from "../../src/survey/stages";

const DIR = join(__dirname, "..", "fixtures", "api-examples");
export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
export const expected: Json = JSON.parse(readFileSync(join(DIR, "expected.json"), "utf8"));
export const fixtures = new Map<string, Json>(expected.fixtures.map((f: Json) => [f.id, f]));

/** A fixture by id. */
export function fixture(id: string): Json {
  const f = fixtures.get(id);
  if (f === undefined) throw new Error(`no fixture ${id}`);
  return f;
}

/** A data set of the fixtures: R's factors as text, numbers as numbers, empty as null. */
export function table(name: string): Json {
  const info = expected.data[name];
  const csv = parseDelimited(readFileSync(join(DIR, info.file), "utf8"), info.file);
  const out: Json = {};
  csv.header.forEach((col, j) => {
    const text = info.factors[col] !== undefined;
    out[col] = csv.rows.map((r) => (r[j] === "" ? null : text ? r[j] : Number(r[j])));
  });
  return out;
}

/** A data set of the fixtures with R's factors as 1-based codes of their levels in R's order (empty as null). */
export function codedTable(name: string): Record<string, (number | null)[]> {
  const levels: Record<string, string[]> = expected.data[name].factors;
  const out: Record<string, (number | null)[]> = {};
  for (const [col, values] of Object.entries(table(name) as Record<string, (string | number | null)[]>))
    out[col] = values.map((v) =>
      v === null ? null : levels[col] ? levels[col].indexOf(v as string) + 1 : (v as number),
    );
  return out;
}

/** The design a fixture's flat svydesign spec names, with the fixture's lonely-PSU rule. */
export function design(spec: Json, lonelyPsu: LonelyPsu = "fail"): SurveyDesign {
  if (spec.kind === "subset") return subsetOf(design(expected.designs[spec.from_id].spec, lonelyPsu), spec.where);
  if (spec.kind === "update") return updated(design(expected.designs[spec.from_id].spec, lonelyPsu), spec.add);
  if (spec.kind === "as.svrepdesign")
    return asReplicateDesign(design(expected.designs[spec.from_id].spec, spec.effective?.lonely_psu ?? lonelyPsu), {
      type: spec.type,
      fayRho: spec.type === "Fay" ? spec["fay.rho"] : undefined,
      mse: spec.mse,
    });
  let data = table(spec.data_rows?.from ?? spec.data);
  if (spec.data_rows) {
    const rows: number[] = Object.values(expected.derived_data as Json).find(
      (d: Json) => d.from === spec.data_rows.from && d.r === spec.data_rows.r,
    ).rows_zero_based;
    data = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, rows.map((i) => v[i])]));
  }
  const weights = spec.weights_of_design
    ? design(expected.designs[spec.weights_of_design].spec).weights
    : (spec.weights as string | undefined);
  return svydesign({
    data,
    ids: spec.ids,
    strata: spec.strata.length ? spec.strata : undefined,
    fpc: spec.fpc.length ? spec.fpc : undefined,
    weights,
    probs: spec.probs,
    nest: spec.nest,
    lonelyPsu,
    source: spec.data,
  });
}

/** A row's value: a factor's label, else the number. */
function valueAt(des: SurveyDesign, name: string, i: number): number | string | null {
  const v = des.data[name][i];
  const labels = levelsOf(des, name);
  return v === null || labels === null ? v : labels[v - 1];
}

/** R's `subset(design, where)`: labels for `==`/`%in%` (the engine's subset by labels), else a row test. */
function subsetOf(des: SurveyDesign, where: Json): SurveyDesign {
  if (where.op === "==" || where.op === "in")
    return subset(des, { [where.column]: [where.value].flat() as number[] | string[] });
  const test = (w: Json, i: number): boolean => {
    if (w.and) return w.and.every((x: Json) => test(x, i));
    if (w.or) return w.or.some((x: Json) => test(x, i));
    const v = valueAt(des, w.column, i);
    if (v === null) return false;
    const ops: Record<string, () => boolean> = {
      "==": () => v === w.value,
      "!=": () => v !== w.value,
      in: () => w.value.includes(v),
      ">": () => v > w.value,
    };
    return ops[w.op]();
  };
  return subset(des, (_, i) => test(where, i), JSON.stringify(where));
}

/** R's `update(design, name = expr)`: a logical result is a factor FALSE/TRUE, as R's svymean treats it. */
function updated(des: SurveyDesign, add: Json): SurveyDesign {
  const columns: Record<string, (number | null)[] | (string | null)[]> = {};
  for (const [name, { expr }] of Object.entries(add as Record<string, Json>)) {
    const arg = (a: Json, i: number): number | null => (a.column ? des.data[a.column][i] : a.value);
    const values = Array.from({ length: des.n }, (_, i) => {
      const [x, y] = expr.args.map((a: Json) => arg(a, i));
      if (x === null || y === null) return null;
      return expr.op === "-" ? x - y : expr.op === ">" ? String(x > y).toUpperCase() : NaN;
    });
    columns[name] = values as (number | null)[] | (string | null)[];
  }
  return update(des, columns);
}

/** Relative difference (absolute when R's value is 0). */
export const rel = (a: number, b: number): number => (b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b));

/** The worst relative errors seen (for a summary line). */
export const worst = { estimate: 0, se: 0 };

/**
 * Each coefficient of a svymean/svytotal call (a factor: one per level, checked against R's labels). With na.rm on
 * several variables, R's subset to the rows complete in all of them comes first.
 */
export function estimates(des: SurveyDesign, call: Json): Estimate[] {
  const o = call.na_rm ? { naRm: true } : {};
  const d =
    call.na_rm && call.vars.length > 1
      ? subset(des, (_, i) => call.vars.every((v: Json) => des.data[v.column][i] !== null), "complete rows")
      : des;
  return call.vars.flatMap((v: Json) => {
    if (v.type === "numeric")
      return [call.fun === "svymean" ? svymean(d, v.column, o) : svytotal(d, v.column, undefined, o)];
    const name = v.interaction ? v.interaction.join(".") : v.column;
    const withFactor = v.interaction ? interaction(d, v.interaction) : d;
    const levels =
      call.fun === "svymean"
        ? svymean(withFactor, name, { ...o, levels: true })
        : svytotal(withFactor, name, { ...o, levels: true });
    expect(levels.map((l) => l.level)).toEqual(v.levels);
    return levels.map((l) => l.estimate);
  });
}

/** Checks one svymean/svytotal/degf/weights fixture against R: estimates 1e-8, SEs 1e-6, df exactly. */
export function check(id: string): void {
  const f = fixture(id);
  if (f.error) {
    expect(() => estimates(design(f.design ?? f.estimate.makes_design, f.lonely_psu), f.estimate)).toThrow(DataError);
    return;
  }
  const des = design(f.design, f.lonely_psu);
  const call = f.estimate.of ?? f.estimate;
  const r = f.result;
  if (f.estimate.extract === "weights") {
    r.values.forEach((w: number, i: number) => {
      worst.estimate = Math.max(worst.estimate, rel(des.weights[i], w));
      expect(rel(des.weights[i], w)).toBeLessThan(1e-8);
    });
    return;
  }
  if (call.fun === "degf") return expect(degf(des)).toBe(r.values[0]);
  const got = estimates(des, call);
  const extract = f.estimate.extract as string | undefined;
  const want: number[] = r.estimate ?? r.values ?? r.matrix.map((m: number[]) => m[0]);
  expect(got.length).toBe(want.length);
  got.forEach((g, i) => {
    const value = extract === "SE" ? g.se : extract === "cv" ? g.se / g.value : g.value;
    const e = rel(value, want[i]);
    worst.estimate = Math.max(worst.estimate, e);
    expect(e, `${id} estimate ${i}`).toBeLessThan(extract === "SE" || extract === "cv" ? 1e-6 : 1e-8);
    if (r.se === undefined) return;
    const s = r.se[i] === 0 ? Math.abs(g.se) / Math.abs(g.value) : rel(g.se, r.se[i]);
    worst.se = Math.max(worst.se, s);
    expect(s, `${id} se ${i}`).toBeLessThan(1e-6);
    // naRm keeps the design's degf, as R's confint(df = degf(design)); an explicit subset has its own
    if (!(call.na_rm && call.vars.length > 1)) expect(g.df, `${id} df`).toBe(r.degf);
  });
}
