/**
 * The seeded generator of the SYNTHETIC respondent file `data/survey/panel-2025-synthetic.csv`
 * (`npm run synthesize`). THE RESPONDENTS ARE SYNTHETIC — NOT REAL FIRMS AND NOT REAL ANSWERS.
 *
 * One module per job in `synthesize/`: the seeded random draws, the answer model, selection up to a
 * weighted share, the targets (from the published figures), demographics and weights, the answers,
 * the self-check and the CSV writer.
 *
 * @example
 * const panel = synthesizePanel({ margins: readMargins("data/population/margins.csv") });
 * writeFileSync("panel.csv", panelToCsv(panel));
 */

export { synthesizePanel, type SynthesizeOptions, type SyntheticPanel } from "./synthesize/generate";
export { DEFAULT_SEED, ASSUMED_POTENTIAL, synthesisTargets, type SynthesisTargets } from "./synthesize/targets";
export { targetChecks, type TargetCheck } from "./synthesize/checks";
export { panelToCsv } from "./synthesize/csv";
export { mulberry32 } from "./synthesize/random";
