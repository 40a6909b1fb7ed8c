/**
 * Issue 20's benchmark at 1,000,000 rows: a proportion with its SE on a stratified two-stage design with a finite
 * population correction at each stage, and a GREG calibration (R's default linear `calibrate` to the totals of four
 * factors' levels) followed by a proportion with its SE; against R's survey (scripts/r/bench-designs.R).
 */
import { writeFileSync } from "fs";
import { join } from "path";
import { calibrate, mulberry32, svyciprop, svydesign, type Margins } from "../../survey";
import { rJson, timeMedian, writeColumns } from "./common";

type Columns = Record<string, ArrayLike<number>>;
const FACTORS = ["branche", "stoerrelse", "erhvervshus", "alder"];

/** 5 strata × 20 PSUs × n/100 units; PSUs drawn from 60 per stratum, units from 50,000 per PSU; y depends on the PSU. */
function twoStage(n: number, seed: number): Columns {
  const rnd = mulberry32(seed);
  const out: Record<string, number[]> = { stratum: [], psu: [], ssu: [], fpc1: [], fpc2: [], y: [] };
  const perPsu = Math.floor(n / 100);
  for (let psu = 0; psu < 100; psu++) {
    const p = 0.25 + 0.3 * rnd() + 0.02 * Math.floor(psu / 20);
    for (let k = 0; k < perPsu; k++) {
      const row = [Math.floor(psu / 20) + 1, psu + 1, k + 1, 60, 50_000, rnd() < p ? 1 : 0];
      Object.keys(out).forEach((name, j) => out[name].push(row[j]));
    }
  }
  return out;
}

/** The raking bench's variables (typed arrays, as R's integer and double vectors) with base weights N/n. */
function gregData(variables: Record<string, Int32Array>, y: Float64Array, total: number): Columns {
  return { ...variables, y, d: new Float64Array(y.length).fill(total / y.length) };
}

/** R's model-matrix order: intercept, then each factor's levels but the first. */
function gregTotals(margins: Margins): number[] {
  const levels = FACTORS.flatMap((f) => margins.rows.filter((r) => r.variable === f && r.level !== 1));
  return [margins.total, ...levels.map((r) => r.count)];
}

/**
 * Times both designs at `n` rows (and R's survey on the same data when `rDir` is given); returns the result fields.
 * @example designBenchmarks(1_000_000, data.variables, data.y, margins, null).twostage_1m_s
 */
export function designBenchmarks(
  n: number,
  variables: Record<string, Int32Array>,
  y: Float64Array,
  margins: Margins,
  rDir: string | null,
): Record<string, number | null> {
  const two = twoStage(n, 20261206);
  const design = svydesign({ data: two, ids: ["psu", "ssu"], strata: "stratum", fpc: ["fpc1", "fpc2"], nest: true });
  const twoTimed = timeMedian(7, () => svyciprop(design, "y", [1]));
  const greg = gregData(variables, y, margins.total);
  const totals = gregTotals(margins);
  const base = svydesign({ data: greg, weights: "d", source: "bench GREG data" });
  const formula = { terms: FACTORS.map((f) => [f]), factors: FACTORS };
  const gregTimed = timeMedian(5, () => svyciprop(calibrate(base, formula, totals), "y", [1]));
  const out: Record<string, number | null> = {
    twostage_1m_s: twoTimed.seconds,
    twostage_1m_estimate: twoTimed.last.value,
    twostage_1m_se: twoTimed.last.se,
    greg_1m_s: gregTimed.seconds,
    greg_1m_estimate: gregTimed.last.value,
    greg_1m_se: gregTimed.last.se,
  };
  console.log(
    `n = ${n}: stratified two-stage design (5 strata, 100 PSUs, fpc at both stages), svyciprop with SE ` +
      `${(twoTimed.seconds * 1000).toFixed(1)} ms (median of 7; ${twoTimed.last.value.toFixed(4)}, SE ${twoTimed.last.se.toExponential(4)}); ` +
      `GREG calibrate (21 totals of 4 factors) and svyciprop ${(gregTimed.seconds * 1000).toFixed(0)} ms ` +
      `(median of 5; ${gregTimed.last.value.toFixed(4)}, SE ${gregTimed.last.se.toExponential(4)})`,
  );
  for (const key of ["r_twostage_1m_s", "r_greg_1m_s", "ratio_vs_r_twostage", "ratio_vs_r_greg"]) out[key] = null;
  if (rDir === null) return out;
  const paths = ["twostage.csv", "greg.csv", "greg-totals.csv"].map((f) => join(rDir, f));
  writeColumns(paths[0], two);
  writeColumns(paths[1], greg);
  writeFileSync(paths[2], "total\n" + totals.join("\n") + "\n");
  let r: Record<string, number>;
  try {
    r = rJson("bench-designs.R", [...paths, "3"]);
  } catch (error) {
    console.log(`R on the two designs failed (their R timings are null): ${(error as Error).message.split("\n")[0]}`);
    return out;
  }
  out.r_twostage_1m_s = r.r_twostage_s;
  out.r_greg_1m_s = r.r_greg_s;
  out.ratio_vs_r_twostage = r.r_twostage_s / twoTimed.seconds;
  out.ratio_vs_r_greg = r.r_greg_s / gregTimed.seconds;
  console.log(
    `R survey ${r.survey_version}: two-stage svyciprop ${r.r_twostage_s.toFixed(2)} s (one run; ${r.r_twostage_estimate.toFixed(4)}, ` +
      `SE ${r.r_twostage_se.toExponential(4)}); GREG calibrate and svymean ${r.r_greg_s.toFixed(2)} s (median of 3; ` +
      `${r.r_greg_estimate.toFixed(4)}, SE ${r.r_greg_se.toExponential(4)}); ratios ${out.ratio_vs_r_twostage.toFixed(0)}× and ${out.ratio_vs_r_greg.toFixed(0)}×`,
  );
  return out;
}
