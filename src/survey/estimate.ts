/**
 * The mask-based estimation API, kept at this path for code written before the design object:
 * `mean`, `proportion` and `total` of a variable in a domain given as booleans, with linearised
 * standard errors that account for calibration as R's survey does. The code lives in estimators.ts
 * (estimates), intervals.ts (intervals), variance.ts and calibration.ts (variance) and checks.ts.
 * New code uses the design verbs of the engine's index (`svyciprop`, `svymean`, `svytotal`).
 */

import type { DesignWeights } from "./types";
import { degreesOfFreedom, designCovariance } from "./variance";

export { checkDesign, domainMask } from "./checks";
export { calibrationResiduals } from "./calibration";
export { psuCovariance } from "./variance";
export { confidenceInterval, twoSidedP, type CiMethod } from "./intervals";
export { designRows, mean, proportion, total, type Estimate, type EstimateOptions } from "./estimators";

/**
 * Covariance matrix of estimates given their influence columns (one value per row; 0 outside a
 * domain): the engine's `designCovariance` under its older name.
 * @example influenceCovariance(design, [x1, x2]) // 2×2 covariance
 */
export function influenceCovariance(design: DesignWeights, influence: readonly Float64Array[]): number[][] {
  return designCovariance(design, influence);
}

/**
 * R's `degf` on a subset: PSUs (rows, without clusters) with nonzero weight in the domain, minus 1.
 * @example domainDegreesOfFreedom(design, mask) // 182
 */
export function domainDegreesOfFreedom(design: DesignWeights, mask: readonly boolean[]): number {
  return degreesOfFreedom(design, mask);
}
