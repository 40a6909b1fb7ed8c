// Raking, bounded raking and trimming against R's survey package (fixtures written by
// scripts/r/rake-fixtures.R; R is not needed to run these tests).
import { readFileSync } from "fs";
import { join } from "path";
import { describe, expect, it } from "vitest";
import { parseDelimited } from "../src/data/csv";
import { ConvergenceError, DataError } from "../src/survey/errors";
import { parseMargins } from "../src/data/load";
import { rake, trimWeights, weightDiagnostics } from "../src/survey/rake";
import type { Margins, MarginRow } from "../src/survey/types";

const FIX = join(__dirname, "fixtures");
const json = (name: string) => JSON.parse(readFileSync(join(FIX, "rake", name), "utf8"));

/** Every element within `rel` relative difference of the reference. */
function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rel = 1e-6): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  let at = -1;
  for (let i = 0; i < expected.length; i++) {
    const e = Math.abs(actual[i] - expected[i]) / Math.max(Math.abs(expected[i]), 1e-300);
    if (!(e <= worst)) {
      worst = e;
      at = i;
    }
  }
  expect(worst, `worst relative difference at index ${at}: ${actual[at]} vs ${expected[at]}`).toBeLessThanOrEqual(rel);
}

function margins(source: string, byVariable: Record<string, [number, number][]>): Margins {
  const rows: MarginRow[] = Object.entries(byVariable).flatMap(([variable, levels]) =>
    levels.map(([level, count]) => ({ variable, level, count, sourceStatus: "verbatim" as const })),
  );
  const first = Object.values(byVariable)[0];
  return { source, rows, total: first.reduce((a, [, c]) => a + c, 0) };
}

// ---------------------------------------------------------------------------------------------
// (a) Kalton & Flores-Cervantes (2003), table B
// ---------------------------------------------------------------------------------------------
describe("raking a two-way table reproduces published raking factors; bounded raking and its rescaling as calibrate(bounds)", () => {
  const k = json("kalton.json");
  type Cell = { a: number; b: number; sample: number; population: number };
  const cells: Cell[] = k.cells;
  const a: number[] = [];
  const b: number[] = [];
  const cellOfRow: number[] = [];
  cells.forEach((c, i) => {
    for (let r = 0; r < c.sample; r++) {
      a.push(c.a);
      b.push(c.b);
      cellOfRow.push(i);
    }
  });
  const kaltonMargins = (scale = 1) =>
    margins("kalton", {
      a: (k.margin_a as number[]).map((n, i) => [i + 1, n * scale]),
      b: (k.margin_b as number[]).map((n, i) => [i + 1, n * scale]),
    });
  const factors = (g: Float64Array): number[] => cells.map((_, i) => g[cellOfRow.indexOf(i)]);

  it("reproduces table B's raking factors (2 decimals) and R's rake() / calibrate(raking) to 1e-6", () => {
    const r = rake({ a, b }, kaltonMargins());
    const f = factors(r.adjustment);
    expect(f.map((x) => Math.round(x * 100) / 100)).toEqual(k.table_b_2dp);
    expectClose(f, k.rake_factor);
    expectClose(f, k.calibrate_raking_factor);
    expect(r.maxRelativeError).toBeLessThanOrEqual(1e-10);
    expect(r.method).toBe("ipf");
    expect(r.occupiedCells).toBe(12);
  });

  it("bounded raking matches calibrate(calfun = 'raking', bounds = c(0.8, 2.3))", () => {
    const r = rake({ a, b }, kaltonMargins(), { bounds: k.bounds });
    expectClose(factors(r.adjustment), k.bounded_raking_factor);
    expect(Math.max(...r.adjustment)).toBeLessThanOrEqual(k.bounds[1] + 1e-12);
    expect(r.boundsScale).toBe(1);
  });

  it("bounds apply after R's rescaling when every population total is > 20x its sample total", () => {
    const r = rake({ a, b }, kaltonMargins(k.scaled_population_factor), { bounds: k.scaled_bounds });
    expectClose(factors(r.adjustment), k.scaled_bounded_raking_factor);
    expect(r.boundsScale).toBeGreaterThan(20);
  });
});

// ---------------------------------------------------------------------------------------------
// (b), (c) survey's rake example on apiclus1
// ---------------------------------------------------------------------------------------------
describe("raking a cluster sample with base weights gives R's rake() and calibrate() weights, bounded or not", () => {
  const api = json("api.json");
  const table = parseDelimited(readFileSync(join(FIX, "api", "apiclus1.csv"), "utf8"), "apiclus1.csv");
  const col = (name: string) => table.rows.map((r) => r[table.header.indexOf(name)]);
  // R's factor levels are sorted: stype E, H, M -> 1, 2, 3; sch.wide No, Yes -> 1, 2
  const stype = col("stype").map((s) => ["E", "H", "M"].indexOf(s) + 1);
  const schWide = col("sch.wide").map((s) => ["No", "Yes"].indexOf(s) + 1);
  const pw = col("pw").map(Number);
  const apiMargins = margins("api population", {
    stype: [
      [1, 4421],
      [2, 755],
      [3, 1018],
    ],
    sch_wide: [
      [1, 1072],
      [2, 5122],
    ],
  });

  it("reads the data R wrote", () => {
    expect(table.rows.length).toBe(183);
    expect(stype.every((s) => s > 0) && schWide.every((s) => s > 0)).toBe(true);
    expectClose(pw, api.base_weight, 1e-12);
  });

  it("rake() and calibrate(calfun = 'raking') weights to 1e-6", () => {
    const r = rake({ stype, sch_wide: schWide }, apiMargins, { baseWeights: pw });
    expectClose(r.weights, api.rake_weight);
    expectClose(r.weights, api.calibrate_raking_weight);
  });

  it("R's rake() with its default control stops before convergence (so R fixtures use a tight epsilon)", () => {
    const r = rake({ stype, sch_wide: schWide }, apiMargins, { baseWeights: pw });
    const diff = Math.max(...r.weights.map((w, i) => Math.abs(w - api.rake_default_control_weight[i]) / w));
    expect(diff).toBeGreaterThan(1e-8);
    expect(diff).toBeLessThan(1e-2);
  });

  it("bounded calibrate(calfun = 'raking', bounds = c(0.85, 1.7)) weights to 1e-6", () => {
    const r = rake({ stype, sch_wide: schWide }, apiMargins, { baseWeights: pw, bounds: api.bounds });
    expectClose(r.weights, api.bounded_raking_weight);
    expect(r.method).toBe("bounded-newton");
  });
});

// ---------------------------------------------------------------------------------------------
// (d), (e) the contract's four weighting variables
// ---------------------------------------------------------------------------------------------
describe("raking on four variables (10, 3, 6, 3 levels) as R; bounded raking where R's calibrate fails; trimming as R", () => {
  const fx = json("contract.json");
  const contractMargins = parseMargins(
    readFileSync(join(FIX, "rake", "contract-margins.csv"), "utf8"),
    "contract-margins.csv",
    { fractionalCounts: true },
  );
  const sample = parseDelimited(readFileSync(join(FIX, "rake", "contract-sample.csv"), "utf8"), "contract-sample.csv");
  const variables: Record<string, number[]> = {};
  for (const v of ["branche", "stoerrelse", "erhvervshus", "alder"]) {
    variables[v] = sample.rows.map((r) => Number(r[sample.header.indexOf(v)]));
  }

  it("rake() weights match R's rake() and calibrate(raking), with base weights 1 or N/n", () => {
    const r1 = rake(variables, contractMargins);
    expectClose(r1.weights, fx.rake_weight);
    expectClose(r1.weights, fx.calibrate_raking_weight);
    const rN = rake(variables, contractMargins, { baseWeights: new Float64Array(3000).fill(fx.base_weight) });
    expectClose(rN.weights, fx.rake_weight);
    expect(r1.maxRelativeError).toBeLessThanOrEqual(1e-10);
    for (const c of r1.cells) expect(Math.abs(c.achieved - c.target) / c.target).toBeLessThanOrEqual(1e-10);
  });

  it("bounded raking from base weights 1 converges where R's calibrate fails, and non-binding bounds change nothing", () => {
    const free = rake(variables, contractMargins);
    const gMin = Math.min(...free.adjustment);
    const gMax = Math.max(...free.adjustment);
    const loose = rake(variables, contractMargins, { bounds: [gMin * 0.5, gMax * 2] });
    expectClose(loose.weights, free.weights, 1e-8);
    const tight = rake(variables, contractMargins, { bounds: [gMin * 1.1, gMax * 0.9] });
    expect(Math.min(...tight.adjustment)).toBeGreaterThanOrEqual(gMin * 1.1 * (1 - 1e-12));
    expect(Math.max(...tight.adjustment)).toBeLessThanOrEqual(gMax * 0.9 * (1 + 1e-12));
    expect(tight.maxRelativeError).toBeLessThanOrEqual(1e-10);
  });

  it("diagnostics computed from the cells equal weightDiagnostics of the expanded weights", () => {
    const r = rake(variables, contractMargins);
    const direct = weightDiagnostics(r.weights);
    for (const key of ["n", "sum", "min", "median", "max", "deff", "effectiveN"] as const) {
      expect(r.diagnostics[key]).toBeCloseTo(direct[key], 8);
    }
  });

  it("trimWeights matches R's trimWeights(), strict and not", () => {
    const w = Float64Array.from(fx.rake_weight as number[]);
    expectClose(trimWeights(w, { upper: fx.trim.upper, lower: fx.trim.lower }), fx.trim.weight, 1e-9);
    expectClose(
      trimWeights(w, { upper: fx.trim.upper, lower: fx.trim.lower, strict: true }),
      fx.trim.strict_weight,
      1e-9,
    );
  });
});

describe("weightDiagnostics: Kish design effect, effective n and the median", () => {
  it("computes Kish's design effect and effective n", () => {
    // worked by hand: n = 4, Σw = 8, Σw² = 22 -> deff = 4·22/64 = 1.375, n_eff = 64/22
    const d = weightDiagnostics([4, 1, 2, 1]);
    expect(d).toMatchObject({ n: 4, sum: 8, min: 1, median: 1.5, max: 4 });
    expect(d.deff).toBeCloseTo(1.375, 14);
    expect(d.effectiveN).toBeCloseTo(64 / 22, 14);
    expect(weightDiagnostics([3, 1, 2]).median).toBe(2);
  });
});

// ---------------------------------------------------------------------------------------------
// Bad input: every error says what and where
// ---------------------------------------------------------------------------------------------
describe("raking errors", () => {
  const m = margins("m.csv", {
    sex: [
      [1, 40],
      [2, 60],
    ],
    age: [
      [1, 30],
      [2, 70],
    ],
  });

  it("margins whose totals disagree", () => {
    const bad = margins("m.csv", {
      sex: [
        [1, 40],
        [2, 60],
      ],
      age: [
        [1, 30],
        [2, 71],
      ],
    });
    expect(() => rake({ sex: [1, 2], age: [1, 2] }, bad)).toThrowError(
      /m\.csv: the margins' totals disagree: sex sums to 100, age sums to 101; expected every variable's counts to sum to the same population total/,
    );
  });

  it("a level with population > 0 but no respondents", () => {
    let err: unknown;
    try {
      rake({ sex: [1, 1, 1], age: [1, 2, 2] }, m, { source: "panel.csv" });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataError);
    expect((err as DataError).message).toMatch(
      /^panel\.csv, column "sex": level 2 of "sex" has population count 60 but no respondents/,
    );
    expect((err as DataError).column).toBe("sex");
    expect((err as DataError).value).toBe("2");
  });

  it("a code without a margin names the row", () => {
    expect(() => rake({ sex: [1, 2, 3], age: [1, 2, 2] }, m, { source: "panel.csv" })).toThrowError(
      'panel.csv, row 3, column "sex": value "3" has no population margin; expected one of 1, 2',
    );
  });

  it("raking that does not converge lists achieved vs target per cell", () => {
    const sex = [1, 1, 1, 2, 2, 1, 2, 1];
    const age = [1, 2, 2, 1, 2, 1, 1, 2];
    let err: unknown;
    try {
      rake({ sex, age }, m, { maxIterations: 2 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConvergenceError);
    const msg = (err as Error).message;
    expect(msg).toMatch(/^Raking \(IPF\) did not converge to relative tolerance 1e-10 within 2 iterations/);
    expect(msg).toMatch(/sex=1: target 40, achieved [\d.]+ \(relative error/);
    expect((err as ConvergenceError).cells).toHaveLength(4);
  });

  it("infeasible bounds", () => {
    const sex = [1, 1, 1, 2, 2, 1, 2, 1];
    const age = [1, 2, 2, 1, 2, 1, 1, 2];
    // the weights must grow ~12.5x on average; g in [0.5, 2] cannot reach the totals
    expect(() => rake({ sex, age }, m, { bounds: [0.5, 2] })).toThrowError(/Bounded raking \(Newton.*did not converge/);
  });
});
