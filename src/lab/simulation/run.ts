/** The coverage simulation in one process (`npm run simulate` splits it over threads, same numbers). */

import type { Margins } from "../../survey";
import type { SynthesisTargets } from "../synthesize/targets";
import { simulateReplication, type ReplicationSettings } from "./estimate";
import { trueValues } from "./figures";
import { buildPopulation, type Population } from "./population";
import { propensities } from "./response";
import { summarise, type CoverageRow, type ReplicationResult } from "./summary";

/** Options of `runSimulation`. */
interface SimulationOptions {
  reps: number; // Number of panels drawn.
  seed?: number; // Seed of the panels (default 1).
  bootstrapReplicates?: number; // Per panel for method (e) (default 50, R's default); 0 leaves it out.
  panelSize?: number; // Firms per panel (default 4,128; the tests use smaller panels to run fast).
  progress?: (done: number) => void; // Called after each replication with the number done.
}

/** A simulation's result: the coverage table, the true values and the settings. */
export interface SimulationResult {
  reps: number;
  seed: number;
  bootstrapReplicates: number;
  truth: Record<string, number>;
  rows: CoverageRow[];
}

/** The population, its propensities and true values (built once per process). */
export interface SimulationWorld {
  population: Population;
  propensity: Float64Array;
  truth: Record<string, number>;
  margins: Margins;
}

/**
 * Builds the population for the margins and the answers' targets, with its response propensities and true values.
 * @example const world = simulationWorld(readMargins("data/population/margins.csv"), synthesisTargets(publishedFigures()));
 */
export function simulationWorld(margins: Margins, targets: SynthesisTargets): SimulationWorld {
  const population = buildPopulation(margins, targets);
  return { population, propensity: propensities(population), truth: trueValues(population), margins };
}

/**
 * The replication settings of a simulation's options (defaults: seed 1, 50 bootstrap replicates).
 * @example replicationSettings({ seed: 3 }) // { seed: 3, bootstrapReplicates: 50, panelSize: undefined }
 */
export function replicationSettings(
  options: Pick<SimulationOptions, "seed" | "bootstrapReplicates" | "panelSize">,
): ReplicationSettings {
  return {
    seed: options.seed ?? 1,
    bootstrapReplicates: options.bootstrapReplicates ?? 50,
    panelSize: options.panelSize,
  };
}

/**
 * Runs `reps` replications in this process and summarises them.
 * @example runSimulation(world, { reps: 100 }).rows.filter((r) => r.method === "raking")
 */
export function runSimulation(world: SimulationWorld, options: SimulationOptions): SimulationResult {
  const settings = replicationSettings(options);
  const results: ReplicationResult[] = [];
  for (let r = 0; r < options.reps; r++) {
    results.push(simulateReplication(world.population, world.propensity, world.margins, r, settings));
    options.progress?.(r + 1);
  }
  return {
    reps: options.reps,
    seed: settings.seed,
    bootstrapReplicates: settings.bootstrapReplicates,
    truth: world.truth,
    rows: summarise(results, world.truth),
  };
}
