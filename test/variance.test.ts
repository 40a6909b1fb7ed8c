// The engine's one variance function and its linear algebra: grouped influence gives the same
// covariance as the influence columns it stands for, a quantity the calibration fixes has SE 0, and
// the solvers solve.
import { describe, expect, it } from "vitest";
import { loadDataset } from "../src/report/dataset";
import {
  mulberry32,
  rake,
  subset,
  svyciprop,
  svydesign,
  svyshares,
  svytotal,
  trimWeights,
  type SurveyDesign,
} from "../src/survey";
import { cholesky, choleskySolve, matmul, pseudoSolve, solveSymmetric, transpose } from "../src/survey/linalg";
import { designCovariance, expandInfluence, type GroupedInfluence } from "../src/survey/variance";
import { buildDesign, loadScenario, relDev } from "./fixtures/estimate/load";

describe("designCovariance of grouped influence equals that of the columns it stands for", () => {
  const { scenario, table } = loadScenario("sim4");
  const design = buildDesign(table, scenario.design);
  const n = design.n;
  // three "cell proportions" of econ in the domain relevant == 1, rows outside get group −1
  const econ = table.econ as number[];
  const inDomain = (table.relevant as number[]).map((v) => v === 1);
  let weightSum = 0;
  const p = [0, 0, 0];
  for (let i = 0; i < n; i++) if (inDomain[i]) weightSum += design.weights[i];
  for (let i = 0; i < n; i++) if (inDomain[i]) p[econ[i] - 1] += design.weights[i] / weightSum;
  const values = new Float64Array(9);
  for (let j = 0; j < 3; j++) for (let k = 0; k < 3; k++) values[j * 3 + k] = ((j === k ? 1 : 0) - p[k]) / weightSum;
  const grouped: GroupedInfluence = {
    rowWeight: design.weights,
    group: Int32Array.from(econ, (e, i) => (inDomain[i] ? e - 1 : -1)),
    groups: 3,
    columns: 3,
    values,
  };
  it("on a calibrated design without clusters (the grouped path)", () => {
    const fromGroups = designCovariance(design, grouped);
    const fromColumns = designCovariance(design, expandInfluence(grouped));
    for (let a = 0; a < 3; a++)
      for (let b = 0; b < 3; b++) expect(relDev(fromGroups[a][b], fromColumns[a][b])).toBeLessThan(1e-9);
  });
  it("on the same design without its calibration", () => {
    const plain = { ...design, calibration: null };
    const fromGroups = designCovariance(plain, grouped);
    const fromColumns = designCovariance(plain, expandInfluence(grouped));
    for (let a = 0; a < 3; a++)
      for (let b = 0; b < 3; b++) expect(relDev(fromGroups[a][b], fromColumns[a][b])).toBeLessThan(1e-9);
  });
  it("with a finite population correction", () => {
    const fpc = { ...design, populationUnits: 5 * n };
    const full = designCovariance(design, grouped)[0][0];
    expect(relDev(designCovariance(fpc, grouped)[0][0], full * 0.8)).toBeLessThan(1e-12);
  });
});

describe("svyshares: several shares on one domain, the rows outside it visited once", () => {
  const { scenario, table } = loadScenario("sim4");
  const raked = buildDesign(table, scenario.design);
  const designs: [string, SurveyDesign][] = [
    ["raked", raked],
    ["raked and trimmed", trimWeights(raked, { upper: Math.max(...raked.weights) * 0.6 })],
    ["uncalibrated", buildDesign(table, scenario.design, false)],
  ];
  const items = [1, 2, 3].map((level) => ({ column: "econ", codes: [level] }));
  for (const [name, design] of designs)
    for (const [label, domain] of [
      ["every row", design],
      ["a domain", subset(design, { relevant: [1] })],
    ] as const)
      it(`gives svyciprop's numbers to the bit (${name}, ${label})`, () => {
        const together = svyshares(domain, items);
        items.forEach((item, k) => {
          const alone = svyciprop(domain, item.column, item.codes);
          expect(together[k].se).toBeGreaterThan(0);
          expect([together[k].value, together[k].se, together[k].ciLow, together[k].ciHigh]).toEqual([
            alone.value,
            alone.se,
            alone.ciLow,
            alone.ciHigh,
          ]);
        });
      });
});

/** Every level's share and total of every raking variable: SE ≤ 1e-9 × the estimate, never NaN. */
function expectFixedByCalibration(design: SurveyDesign): void {
  const variables = design.calibration?.variables ?? {};
  expect(Object.keys(variables).length).toBeGreaterThan(1);
  for (const [name, codes] of Object.entries(variables)) {
    for (const level of new Set(Array.from(codes))) {
      for (const e of [svyciprop(design, name, [level]), svytotal(design, name, [level])]) {
        expect(e.se, `${name} = ${level}`).toBeGreaterThanOrEqual(0);
        expect(e.se, `${name} = ${level}: SE ${e.se} of ${e.value}`).toBeLessThanOrEqual(1e-9 * e.value);
      }
    }
  }
}

describe("a quantity fixed by the calibration has SE 0 up to rounding", () => {
  it("every raking margin's level in the project's raked panel", () => {
    expectFixedByCalibration(loadDataset().design);
  });
  it("every raking margin's level in a small synthetic raked design", () => {
    const rnd = mulberry32(20);
    const n = 3000;
    const data: Record<string, number[]> = { a: [], b: [], c: [] };
    for (let i = 0; i < n; i++) {
      data.a.push(rnd() < 0.7 ? 1 : rnd() < 0.8 ? 2 : 3);
      data.b.push(1 + Math.floor(rnd() * rnd() * 6));
      data.c.push(data.a[i] === 1 && rnd() < 0.5 ? 1 : 2);
    }
    const shares: Record<string, number[]> = { a: [0.5, 0.3, 0.2], b: [0.3, 0.2, 0.2, 0.1, 0.1, 0.1], c: [0.4, 0.6] };
    const total = 250_000;
    const rows = Object.entries(shares).flatMap(([variable, p]) =>
      p.map((x, j) => ({ variable, level: j + 1, count: x * total, sourceStatus: "estimate" as const })),
    );
    const raked = rake(svydesign({ data, source: "synthetic" }), { source: "margins", rows, total });
    expectFixedByCalibration(raked);
    expect(svyciprop(raked, "a", [1]).value).toBeCloseTo(0.5, 9);
  });
});

describe("linear algebra", () => {
  it("Cholesky solves a positive definite system", () => {
    const a = Float64Array.from([4, 2, 0.6, 2, 5, 1, 0.6, 1, 3]);
    const x = choleskySolve(cholesky(a, 3), Float64Array.from([1, 2, 3]));
    const back = matmul(a, x, 3, 3, 1);
    [1, 2, 3].forEach((b, i) => expect(back[i]).toBeCloseTo(b, 12));
  });
  it("Cholesky drops a dependent column and still fits the column space", () => {
    // columns 1 and 3 equal: any solution gives the same fitted values
    const a = Float64Array.from([2, 1, 2, 1, 2, 1, 2, 1, 2]);
    const f = cholesky(a, 3);
    expect(Array.from(f.keep)).toEqual([1, 1, 0]);
    const b = Float64Array.from([3, 3, 3]);
    const back = matmul(a, choleskySolve(f, b), 3, 3, 1);
    [3, 3, 3].forEach((v, i) => expect(back[i]).toBeCloseTo(v, 12));
    expect(() => solveSymmetric(a, b, 3, 1)).toThrow(/singular/);
  });
  it("the pseudo-inverse gives the minimum-norm solution of a singular system", () => {
    const x = pseudoSolve(Float64Array.from([1, 1, 1, 1]), Float64Array.from([2, 2]), 2);
    expect(x[0]).toBeCloseTo(1, 12);
    expect(x[1]).toBeCloseTo(1, 12);
  });
  it("transpose and matmul", () => {
    expect(Array.from(transpose(Float64Array.from([1, 2, 3, 4, 5, 6]), 2, 3))).toEqual([1, 4, 2, 5, 3, 6]);
    expect(Array.from(matmul(Float64Array.from([1, 2]), Float64Array.from([3, 4]), 1, 2, 1))).toEqual([11]);
  });
});
