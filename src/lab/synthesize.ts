/**
 * The seeded generator of the SYNTHETIC panel (`npm run synthesize`): NOT REAL FIRMS, NOT REAL ANSWERS.
 * @example writeFileSync("panel.csv", panelToCsv(synthesizePanel({ margins })));
 */

export { panelToCsv, synthesizePanel, type SynthesizeOptions } from "./synthesize/generate";
export { DEFAULT_SEED, ASSUMED_POTENTIAL, synthesisTargets, type SynthesisTargets } from "./synthesize/targets";
export { targetChecks, type SyntheticPanel, type TargetCheck } from "./synthesize/checks";
export { mulberry32 } from "../survey";
