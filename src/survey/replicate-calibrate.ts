/** Calibrating every replicate of a replicate design, as R's `calibrate.svyrep.design` and `postStratify.svyrep.design`. */

import type { ReplicateWeights } from "./replicate-weights";

/**
 * The replicate weights with each replicate's weights calibrated by `calibrateOne` (from its current weights, as R).
 * @example calibrateReplicates(reps, (w) => w.map((x) => 2 * x)).weights[0]
 */
export function calibrateReplicates(
  replicates: ReplicateWeights,
  calibrateOne: (weights: Float64Array) => Float64Array,
): ReplicateWeights {
  return { ...replicates, weights: replicates.weights.map((w) => calibrateOne(Float64Array.from(w))) };
}
