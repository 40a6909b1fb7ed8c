/**
 * Replicate-weight designs, as R's `as.svrepdesign()`: a `SurveyDesign` that carries jackknife (JK1) or bootstrap
 * replicate weights.
 */

import type { SurveyDesign } from "./design";
import { checkOptions } from "./options";
import { DataError } from "./errors";
import { rakeReplicates, replicateWeights, type ReplicateOptions, type ReplicateWeights } from "./replicate-weights";
import type { Margins } from "./types";

/**
 * The design with replicate weights, as `as.svrepdesign(design, type = "JK1")` or `type = "bootstrap", replicates = 50`
 * (seeded here: the same seed gives the same replicates).
 * @example
 * const jk = asReplicateDesign(svydesign({ data: panel.columns }), { type: "JK1" });
 * const raked = rake(jk, margins);                 // every replicate raked again
 * svyciprop(raked, "ai_brug", [3, 4, 5]).se        // the JK1 standard error
 */
export function asReplicateDesign(design: SurveyDesign, options: ReplicateOptions = {}): SurveyDesign {
  const rules = { type: ["JK1", "bootstrap"], replicates: "number", seed: "number", mse: "boolean" } as const;
  checkOptions("asReplicateDesign", options, rules, design.source);
  if (design.domain !== null)
    throw new DataError({
      file: design.source,
      problem: "asReplicateDesign() on a subset",
      expected: "make the replicate design from the whole design, then subset it",
    });
  const stages = design.sampling?.stages ?? [];
  if (stages.length > 1 || (stages.length === 1 && stages[0].strata.length > 1))
    throw new DataError({
      file: design.source,
      column: stages.length > 1 ? "ids" : "strata",
      problem: "replicate weights for a stratified or multistage design are not supported",
      expected: "a one-stage unstratified design",
    });
  if (design.populationUnits !== null || stages.some((s) => s.population !== null))
    throw new DataError({
      file: design.source,
      column: "fpc",
      problem: "replicate weights with a finite population correction are not supported",
      expected: "a design without fpc",
    });
  const base = design.calibration === null ? design.weights : design.calibration.baseWeights;
  const raked = design.calibration !== null && design.raking !== null;
  const replicates = replicateWeights(base, design.clusters, options, design.source, !raked);
  if (design.calibration === null || design.raking === null) return { ...design, replicates };
  const margins = marginsOf(design);
  return {
    ...design,
    replicates: rakeReplicates(replicates, design.calibration.variables, margins, { source: design.source }),
  };
}

/** The margins a raked design was raked to, from its raking record. */
function marginsOf(design: SurveyDesign): Margins {
  const raking = design.raking;
  if (raking === null) throw new Error("marginsOf: design was not raked");
  const rows = raking.cells.map((c) => ({
    variable: c.variable,
    level: c.level,
    count: c.target,
    sourceStatus: "derived" as const,
  }));
  const first = rows.filter((r) => r.variable === rows[0].variable);
  return { source: `${design.source} (raking margins)`, rows, total: first.reduce((a, r) => a + r.count, 0) };
}

/**
 * A design's replicate weights; a DataError when it has none.
 * @example replicatesOf(jk).count // 4128
 */
export function replicatesOf(design: SurveyDesign): ReplicateWeights {
  const r = design.replicates;
  if (r === undefined || r === null)
    throw new DataError({
      file: design.source,
      problem: "the design has no replicate weights",
      expected: "a design from asReplicateDesign()",
    });
  return r;
}

/**
 * R's `degf()` of a replicate design: the rank of the analysis weights of the rows in the domain, minus 1.
 * @example replicateDegreesOfFreedom(jk) // 4127
 */
export function replicateDegreesOfFreedom(design: SurveyDesign): number {
  const r = replicatesOf(design);
  let rows = 0;
  for (let i = 0; i < design.n; i++)
    if ((design.domain === null || design.domain[i] === 1) && design.weights[i] > 0) rows++;
  return Math.min(rows, r.count) - 1;
}
