/**
 * Issue 21's benchmark: a logistic `svyglm` (quasibinomial) with 10 parameters (intercept, size 3, age 3 and region 6
 * levels as treatment contrasts) on a weighted design of 200,000 and 1,000,000 rows, fit and linearised SEs, against
 * R's survey on the same rows in the same run (scripts/r/bench-glm.R).
 */
import { join } from "path";
import { rakeWeights, svydesign, svyglm, type Margins } from "../../survey";
import { rJson, timeMedian, writeColumns } from "./common";

const FACTORS = ["stoerrelse", "alder", "erhvervshus"];
const FORMULA = `y ~ ${FACTORS.join(" + ")}`;

/**
 * Times svyglm at each size (median of `reps`) and R's svyglm on the same rows when `rDir` is given; returns the fields
 * `glm_<size>_s`, `r_glm_<size>_s`, `ratio_vs_r_glm_<size>` and the largest relative difference of a coefficient or SE.
 * @example glmBenchmarks({ "200k": data }, margins, dir)
 */
export function glmBenchmarks(
  sizes: Record<string, { variables: Record<string, Int32Array>; y: Float64Array }>,
  margins: Margins,
  rDir: string | null,
): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const [label, data] of Object.entries(sizes)) {
    const w = rakeWeights(data.variables, margins, { tolerance: 1e-10 }).weights;
    const columns: Record<string, string[] | number[]> = { y: Array.from(data.y), w: Array.from(w) };
    // factors as text with the codes as labels (R's factor of the codes: same levels, same order)
    for (const f of FACTORS) columns[f] = Array.from(data.variables[f], String);
    const design = svydesign({ data: columns, weights: "w", source: `bench GLM data ${label}` });
    const timed = timeMedian(3, () => svyglm(design, FORMULA, { family: "quasibinomial" }));
    const m = timed.last;
    out[`glm_${label}_s`] = timed.seconds;
    out[`glm_${label}_cpu_s`] = timed.cpu;
    console.log(
      `n = ${data.y.length}: svyglm(${FORMULA}, quasibinomial) with ${m.coefficients.length} parameters, fit and ` +
        `linearised SEs ${(timed.seconds * 1000).toFixed(0)} ms (median of 3; CPU ${(timed.cpu * 1000).toFixed(0)} ms)`,
    );
    for (const key of ["r_glm", "ratio_vs_r_glm", "glm_max_rel_diff"])
      out[`${key}_${label}${key === "r_glm" ? "_s" : ""}`] = null;
    if (rDir === null) continue;
    const csv = join(rDir, `glm-${label}.csv`);
    writeColumns(csv, columns);
    let r: { r_glm_s: number; coef: number[]; se: number[]; survey_version: string };
    try {
      r = rJson("bench-glm.R", [csv, "3"]);
    } catch (error) {
      console.log(`R svyglm failed (its timing is null): ${(error as Error).message.split("\n")[0]}`);
      continue;
    }
    const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
    const diff = Math.max(...m.coefficients.map((c, k) => Math.max(rel(c, r.coef[k]), rel(m.se[k], r.se[k]))));
    out[`r_glm_${label}_s`] = r.r_glm_s;
    out[`ratio_vs_r_glm_${label}`] = r.r_glm_s / timed.seconds;
    out[`glm_max_rel_diff_${label}`] = diff;
    console.log(
      `R survey ${r.survey_version}: svyglm ${r.r_glm_s.toFixed(2)} s (median of 3); ours ${(r.r_glm_s / timed.seconds).toFixed(1)}× ` +
        `faster; largest relative difference of a coefficient or SE ${diff.toExponential(1)}`,
    );
  }
  return out;
}
