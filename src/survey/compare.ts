/**
 * Subgroup comparisons on a calibrated design, kept at this path for code written before the design
 * object: the difference of two domain proportions (contrast.ts) and the Rao–Scott test (raoscott.ts).
 * New code uses `svydiff` and `svychisq` from the engine's index.
 */

export { differenceOfProportions, type ProportionDifference } from "./contrast";
export { raoScott, type RaoScottTest } from "./raoscott";
