/** The panel's survey design: a validated panel raked to its population margins on the four weighting variables. */
import { WEIGHTING_VARIABLES } from "../codebook";
import {
  DataError,
  rake,
  svydesign,
  type Margins,
  type RakeOptions,
  type RakeResult,
  type SurveyDesign,
  type WeightDiagnostics,
} from "../survey";
import type { PanelData } from "./bases";

/** Options of `weightPanel`: the raking options except the base weights (a panel has none). */
export type WeightPanelOptions = Omit<RakeOptions, "baseWeights" | "source">;

/** A weighted panel design with its raking details. */
export interface WeightedPanel {
  design: SurveyDesign;
  rake: RakeResult;
  diagnostics: WeightDiagnostics;
}

/**
 * Rakes a panel to its margins on the four weighting variables (base weights 1, no clusters, no fpc).
 * @example const { design, diagnostics } = weightPanel(readPanel(path), readMargins(marginsPath));
 */
export function weightPanel(panel: PanelData, margins: Margins, options: WeightPanelOptions = {}): WeightedPanel {
  for (const name of WEIGHTING_VARIABLES) {
    if (!panel.columns[name]) {
      throw new DataError({
        file: panel.source,
        column: name,
        problem: `weighting column "${name}" is missing`,
        expected: `the weighting columns ${WEIGHTING_VARIABLES.join(", ")}`,
      });
    }
  }
  const design = rake(svydesign({ data: panel.columns, source: panel.source }), margins, options);
  const raking = design.raking as RakeResult;
  return { design, rake: raking, diagnostics: raking.diagnostics };
}
