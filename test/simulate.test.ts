/**
 * The coverage simulation: the synthetic population matches its margins exactly, the response model
 * skews the panel as the shipped one is skewed, and on a small simulation the raking-aware interval
 * covers within its Monte Carlo error of 95 % while the unweighted estimate shows its bias.
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readMargins } from "../src/data/load";
import { mulberry32, synthesisTargets } from "../src/lab/synthesize";
import { publishedFigures } from "../src/report/figures";
import { HEADLINE_FIGURES } from "../src/lab/simulation/figures";
import { levelCounts } from "../src/lab/simulation/population";
import { drawPanel, expectedShares, PANEL_SIZE, propensities } from "../src/lab/simulation/response";
import { runSimulation, simulationWorld, type SimulationResult, type SimulationWorld } from "../src/lab/simulation/run";
import type { Margins } from "../src/survey";
import { simulationScript, simulationSectionHtml } from "../src/lab/simulation/site";

let margins: Margins;
let world: SimulationWorld;
let small: SimulationResult;
const REPS = 200;

beforeAll(() => {
  margins = readMargins(join(__dirname, "..", "data/population/margins.csv"));
  world = simulationWorld(margins, synthesisTargets(publishedFigures()));
  // Panels of 1,000 firms (not 4,128) and no bootstrap, so that 200 replications take seconds.
  small = runSimulation(world, { reps: REPS, seed: 7, bootstrapReplicates: 0, panelSize: 1000 });
});

describe("synthetic population", () => {
  it("has the margins' total and every margin count exactly", () => {
    expect(world.population.size).toBe(margins.total);
    for (const row of margins.rows)
      expect(levelCounts(world.population, row.variable).get(row.level) ?? 0).toBe(row.count);
  });

  it("gives firms answers at the published shares (the answer model's cuts)", () => {
    const n = world.population.size;
    expect(world.truth.uses_ai).toBe(Math.round(0.44 * n) / n);
    expect(world.truth.relevant).toBe(Math.round(0.6 * n) / n);
    for (const f of HEADLINE_FIGURES) expect(world.truth[f.key]).toBeGreaterThan(0.3);
  });
});

describe("response model", () => {
  it("skews the panel towards larger firms as the shipped panel: about 39 % with 10+ årsværk against 13 %", () => {
    const population = levelCounts(world.population, "stoerrelse");
    const populationLarge = ((population.get(2) ?? 0) + (population.get(3) ?? 0)) / world.population.size;
    expect(populationLarge).toBeGreaterThan(0.12);
    expect(populationLarge).toBeLessThan(0.14);
    const expected = expectedShares(world.population, world.propensity, "stoerrelse");
    const large = (expected.get(2) ?? 0) + (expected.get(3) ?? 0);
    expect(large).toBeGreaterThan(0.37);
    expect(large).toBeLessThan(0.41);
    const rows = drawPanel(world.propensity, mulberry32(5));
    expect(new Set(rows).size).toBe(PANEL_SIZE);
    const drawnLarge = Array.from(rows).filter((i) => world.population.columns.stoerrelse[i] > 1).length / PANEL_SIZE;
    expect(Math.abs(drawnLarge - large)).toBeLessThan(4 * Math.sqrt((large * (1 - large)) / PANEL_SIZE));
    expect(drawPanel(world.propensity, mulberry32(5))).toEqual(rows);
  });
});

describe(`coverage simulation (${REPS} panels of 1,000 firms)`, () => {
  const mcse = Math.sqrt((0.95 * 0.05) / REPS);
  for (const f of HEADLINE_FIGURES) {
    it(`raking-aware linearised interval covers ${f.key} within 3 Monte Carlo SEs of 95 %`, () => {
      const row = small.rows.find((r) => r.figure === f.key && r.method === "raking");
      expect(row?.replications).toBe(REPS);
      expect(Math.abs((row?.coverage ?? 0) - 0.95)).toBeLessThan(3 * mcse);
    });
  }

  it("the unweighted estimate of AI use is biased and its interval misses the truth", () => {
    const row = small.rows.find((r) => r.figure === "uses_ai" && r.method === "unweighted");
    if (row === undefined) throw new Error("no unweighted row");
    expect(Math.abs(row.bias)).toBeGreaterThan(5 * (row.empiricalSe / Math.sqrt(REPS)));
    expect(row.bias).toBeGreaterThan(0.02); // larger firms use AI more often and answer more often
    expect(row.coverage).toBeLessThan(0.5);
    const raked = small.rows.find((r) => r.figure === "uses_ai" && r.method === "raking");
    expect(Math.abs(raked?.bias ?? 1)).toBeLessThan(3 * ((raked?.empiricalSe ?? 0) / Math.sqrt(REPS)) + 0.002);
  });

  it("an outcome-dependent response (AI users answer twice as often) leaves a bias that raking does not remove", () => {
    const reps = 20;
    const outcome = { ...world, propensity: propensities(world.population, { aiUsers: 2 }) };
    expect(propensities(world.population, { aiUsers: 1 })).toEqual(world.propensity);
    const shares = expectedShares(world.population, outcome.propensity, "ai_brug");
    const users = [3, 4, 5].reduce((s, code) => s + (shares.get(code) ?? 0), 0);
    expect(users).toBeGreaterThan(expectedShares(world.population, world.propensity, "ai_brug").get(3) ?? 1);
    const result = runSimulation(outcome, { reps, seed: 7, bootstrapReplicates: 0, panelSize: 1000 });
    const raked = result.rows.find((r) => r.figure === "uses_ai" && r.method === "raking");
    if (raked === undefined) throw new Error("no raking row");
    expect(raked.bias).toBeGreaterThan(5 * (raked.empiricalSe / Math.sqrt(reps)));
    expect(raked.coverage).toBeLessThan(0.5);
  });

  it("gives the same numbers for the same seed", () => {
    const again = runSimulation(world, { reps: 3, seed: 7, bootstrapReplicates: 0, panelSize: 1000 });
    const first = runSimulation(world, { reps: 3, seed: 7, bootstrapReplicates: 0, panelSize: 1000 });
    expect(again.rows).toEqual(first.rows);
  });
});

describe("the site's simulation section", () => {
  it("carries the margins as JSON no file name can break out of, and its script is browser code", () => {
    const hostile = { ...margins, source: "</script><img src=x onerror=alert(1)>.csv" };
    const html = simulationSectionHtml(hostile, synthesisTargets(publishedFigures()));
    expect(html).not.toContain("<img");
    const json = /<script type="application\/json" id="simulering-data">([^<]*)<\/script>/.exec(html);
    expect(JSON.parse(json?.[1] ?? "null").margins.source).toBe(hostile.source);
    const script = simulationScript(); // esbuild fails on a Node module it cannot bundle for the browser
    expect(script).not.toMatch(/require\(["'](fs|path|os|worker_threads)["']\)/);
    expect(script).toContain("new Worker(");
  });
});
