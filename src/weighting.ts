/**
 * The panel's survey design: rake a validated panel to its population margins on the four
 * weighting variables and keep what it was calibrated to, so that standard errors can account for
 * the raking.
 */

import { WEIGHTING_VARIABLES } from "./codebook";
import { DataError } from "./errors";
import { rake, type RakeOptions, type RakeResult, type WeightDiagnostics } from "./rake";
import type { Margins, Panel, SurveyDesign } from "./types";

/** Options of `weightPanel`: the raking options except the base weights (a panel has none). */
export type WeightPanelOptions = Omit<RakeOptions, "baseWeights" | "source">;

/** A weighted panel design with its raking details. */
export interface WeightedPanel {
  design: SurveyDesign;
  rake: RakeResult;
  diagnostics: WeightDiagnostics;
}

/**
 * Rakes a panel to its margins on `branche`, `stoerrelse`, `erhvervshus` and `alder` (base
 * weights 1) and returns the design: the raked weights, the calibration (so that SEs use the
 * calibration residuals), no clusters (R's `ids = ~1`) and no finite population correction.
 *
 * @example
 * const { design, diagnostics } = weightPanel(readPanel(path), readMargins(marginsPath));
 */
export function weightPanel(panel: Panel, margins: Margins, options: WeightPanelOptions = {}): WeightedPanel {
  const variables: Record<string, Float64Array> = {};
  for (const name of WEIGHTING_VARIABLES) {
    const column = panel.columns[name];
    if (!column) {
      throw new DataError({
        file: panel.source,
        column: name,
        problem: `weighting column "${name}" is missing`,
        expected: `the weighting columns ${WEIGHTING_VARIABLES.join(", ")}`,
      });
    }
    const values = new Float64Array(panel.rowCount);
    for (let i = 0; i < panel.rowCount; i++) {
      const v = column[i];
      if (v === null) {
        throw new DataError({
          file: panel.source,
          row: i + 1,
          column: name,
          value: "",
          problem: "weighting variable is empty",
          expected: "a level code with a population margin",
        });
      }
      values[i] = v;
    }
    variables[name] = values;
  }
  const result = rake(variables, margins, { ...options, source: panel.source });
  const design: SurveyDesign = {
    n: panel.rowCount,
    weights: result.weights,
    calibration: { baseWeights: new Float64Array(panel.rowCount).fill(1), variables },
    clusters: null,
    populationUnits: null,
  };
  return { design, rake: result, diagnostics: result.diagnostics };
}
