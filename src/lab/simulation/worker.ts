/**
 * The coverage simulation in a Web Worker (bundled into the site's simulering.js): builds the population from the
 * margins and targets it is sent, runs the panels with `runSimulation`, posts progress and the table's text.
 */
import type { Margins } from "../../survey";
import type { SynthesisTargets } from "../synthesize/targets";
import { propensities } from "./response";
import { runSimulation, simulationWorld } from "./run";
import { coverageText } from "./summary";

/** What the page asks: the world's data and the simulation's settings (seed 1, as the notebook). */
export interface SimulationRequest {
  margins: Margins;
  targets: SynthesisTargets;
  reps: number;
  bootstrapReplicates: number;
  aiUsers: number; // How many times as often firms using AI answer (1: the weighting variables only).
}

/** What the worker posts: progress, the coverage table's header and cells as shown, or an error. */
export type SimulationMessage =
  | { type: "progress"; done: number }
  | { type: "done"; header: string[]; cells: string[][] }
  | { type: "error"; message: string };

const scope = globalThis as unknown as {
  onmessage: ((event: { data: SimulationRequest }) => void) | null;
  postMessage(message: SimulationMessage): void;
};

scope.onmessage = ({ data: { margins, targets, reps, bootstrapReplicates, aiUsers } }) => {
  try {
    const world = simulationWorld(margins, targets);
    const propensity = propensities(world.population, { aiUsers });
    const progress = (done: number) => scope.postMessage({ type: "progress", done });
    const result = runSimulation({ ...world, propensity }, { reps, seed: 1, bootstrapReplicates, progress });
    scope.postMessage({ type: "done", ...coverageText(result.rows) });
  } catch (error) {
    scope.postMessage({ type: "error", message: error instanceof Error ? error.message : String(error) });
  }
};
