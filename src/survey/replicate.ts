/**
 * Replicate-weight designs, as R's `as.svrepdesign()`: a `SurveyDesign` that carries JK1, JKn, BRR, Fay or bootstrap
 * replicate weights made from its first stage (R's finite population correction included), and R's `degf` of it.
 */

import type { SurveyDesign } from "./design";
import { checkOptions } from "./options";
import { DataError } from "./errors";
import { cholesky } from "./linalg";
import { replicateFactors } from "./replicate-factors";
import { rakeReplicates, replicateStart, type ReplicateOptions, type ReplicateWeights } from "./replicate-weights";
import type { Margins } from "./types";
import { samplingOf } from "./variance";

const TYPES = ["auto", "JK1", "JKn", "BRR", "Fay", "bootstrap"];

/**
 * The design with replicate weights from its first stage, as R's `as.svrepdesign(design, type, fay.rho, mse)`.
 * @example svyciprop(rake(asReplicateDesign(des, { type: "JK1" }), margins), "ai_brug", [3, 4, 5]).se
 */
export function asReplicateDesign(design: SurveyDesign, options: ReplicateOptions = {}): SurveyDesign {
  const rules = { type: TYPES, replicates: "number", seed: "number", mse: "boolean", fayRho: "number" } as const;
  checkOptions("asReplicateDesign", options, rules, design.source);
  if (design.domain !== null || design.replicates)
    throw new DataError({
      file: design.source,
      problem: design.domain !== null ? "asReplicateDesign() on a subset" : "the design has replicate weights already",
      expected: "make the replicate design from the whole design without replicates, then subset it",
    });
  const sampling = samplingOf(design);
  const plan = replicateFactors(sampling.stages[0], design.sampling?.lonelyPsu ?? "fail", options, design.source);
  const baseWeights = design.calibration === null ? design.weights : design.calibration.baseWeights;
  const reps: ReplicateWeights = { ...plan, baseWeights, weights: [], mse: options.mse ?? false };
  if (design.calibration === null || design.raking === null) {
    const weights = Array.from({ length: reps.count }, (_, r) => replicateStart(reps, r));
    return { ...design, replicates: { ...reps, weights } };
  }
  const rows = design.raking.cells.map(({ variable, level, target }) => ({
    variable,
    level,
    count: target,
    sourceStatus: "derived" as const,
  }));
  const total = rows.filter((r) => r.variable === rows[0].variable).reduce((a, r) => a + r.count, 0);
  const margins: Margins = { source: `${design.source} (raking margins)`, rows, total };
  const replicates = rakeReplicates(reps, design.calibration.variables, margins, { source: design.source });
  return { ...design, replicates };
}

/**
 * A design's replicate weights; a DataError when it has none.
 * @example replicatesOf(jk).count // 4128
 */
export function replicatesOf(design: SurveyDesign): ReplicateWeights {
  const r = design.replicates;
  if (r) return r;
  const expected = "a design from asReplicateDesign() or svrepdesign()";
  throw new DataError({ file: design.source, problem: "the design has no replicate weights", expected });
}

/**
 * R's `degf()` of a replicate design: the rank (R's `qr(tol = 1e-5)`) of the analysis weights of the rows in the
 * domain, minus 1; computed on the replicate factors per PSU (before any raking).
 * @example replicateDegreesOfFreedom(jk) // 4127
 */
export function replicateDegreesOfFreedom(design: SurveyDesign): number {
  const r = replicatesOf(design);
  const f = r.factors;
  const combined = f.kind === "counts" && f.combined === true;
  const mass = new Float64Array(f.psuCount); // Σ over the unit's rows in the domain of (row scale)²
  for (let i = 0; i < design.n; i++) {
    if (design.domain !== null && design.domain[i] === 0) continue;
    const b = combined ? 1 : r.baseWeights[i];
    if (b !== 0) mass[f.psuOf[i]] += b * b;
  }
  const units: number[] = [];
  mass.forEach((m, u) => (m > 0 ? units.push(u) : 0));
  if (f.kind === "jk1") return units.length - 1; // k rows of the invertible n × n JK1 matrix
  const k = units.length;
  const R = r.count;
  const byColumn = R <= k;
  const p = byColumn ? R : k;
  const gram = new Float64Array(p * p);
  const rank = (): number => {
    const g = Float64Array.from(gram);
    for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) g[a * p + b] = g[b * p + a];
    return cholesky(g, p).keep.reduce((s, x) => s + x, 0);
  };
  if (!byColumn)
    for (let c = 0; c < R; c++) {
      const row = units.map((u) => f.counts[c][u] * Math.sqrt(mass[u]));
      for (let a = 0; a < k; a++) if (row[a] !== 0) for (let b = a; b < k; b++) gram[a * k + b] += row[a] * row[b];
    }
  // the rank is at most R: stop once the units so far reach it (more rows keep it)
  for (let j = 0, next = 2 * R; byColumn && j < k; j++) {
    const u = units[j];
    for (let a = 0; a < R; a++) {
      const x = f.counts[a][u] * mass[u];
      if (x !== 0) for (let b = a; b < R; b++) gram[a * R + b] += x * f.counts[b][u];
    }
    if (j + 1 === next && j + 1 < k) {
      if (rank() === R) return R - 1;
      next *= 2;
    }
  }
  return rank() - 1;
}
