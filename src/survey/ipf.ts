/**
 * Iterative proportional fitting (Deming–Stephan) on the raking's cell table: each sweep scales the cells of every
 * variable's levels to their margins in turn.
 */

import { ConvergenceError } from "./errors";
import { achievedTotals, unmet, worstError, type CellTable, type VariableMargins } from "./rake-cells";

/** Result of IPF: cell adjustments, per-level factors (g_c = Π_v factor_v[level]) and whether it converged. */
export interface IpfState {
  g: Float64Array;
  factors: Float64Array[];
  iterations: number;
  converged: boolean;
}

/**
 * Iterative proportional fitting on the cell table; stops at `tolerance` or after `maxIterations` sweeps.
 * @example ipfSweeps(vars, table, 1e-8, 200).factors // per-level factors, g_c = Π_v factor_v[level]
 */
export function ipfSweeps(
  vars: VariableMargins[],
  table: CellTable,
  tolerance: number,
  maxIterations: number,
): IpfState {
  const m = table.weight.length;
  const g = new Float64Array(m).fill(1);
  const factors = vars.map((v) => new Float64Array(v.levels.length).fill(1));
  const total = vars[0].targets.reduce((a, b) => a + b, 0);
  for (let iter = 1; iter <= maxIterations; iter++) {
    vars.forEach((v, k) => {
      const li = table.levelIndex[k];
      const achieved = new Float64Array(v.levels.length);
      for (let c = 0; c < m; c++) achieved[li[c]] += table.weight[c] * g[c];
      const ratio = v.targets.map((t, l) => (t === 0 ? 0 : achieved[l] > 0 ? t / achieved[l] : 1));
      ratio.forEach((r, l) => (factors[k][l] *= r));
      for (let c = 0; c < m; c++) g[c] *= ratio[li[c]];
    });
    const achieved = achievedTotals(vars, table, g);
    if (worstError(vars, achieved, total) <= tolerance) return { g, factors, iterations: iter, converged: true };
  }
  return { g, factors, iterations: maxIterations, converged: false };
}

/**
 * Iterative proportional fitting on the cell table; throws a ConvergenceError if it does not converge.
 * @example ipf(vars, table, 1e-10, 1000).g // the cell adjustments
 */
export function ipf(
  vars: VariableMargins[],
  table: CellTable,
  tolerance: number,
  maxIterations: number,
): { g: Float64Array; iterations: number } {
  const state = ipfSweeps(vars, table, tolerance, maxIterations);
  if (!state.converged) {
    throw new ConvergenceError(
      "Raking (IPF)",
      maxIterations,
      tolerance,
      unmet(vars, achievedTotals(vars, table, state.g)),
    );
  }
  return state;
}
