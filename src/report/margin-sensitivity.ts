/** How much the summary's shares move when an estimated margin is scaled (its variable's total kept) and re-raked. */
import { setImmediate as nextTurn } from "timers/promises";
import type { LoadedPanel } from "../data/load";
import { pointMean } from "./contrast";
import { figureAnswers, figureDefinition, publishedFigures } from "./figures";
import { rake, svydesign, type Margins, type MarginRow } from "../survey";

/** One estimated margin, its share of the population total, and the headline shares' signed changes (0–1 scale). */
export interface MarginSensitivity {
  variable: string;
  level: number;
  count: number;
  share: number;
  moves: { factor: number; changes: Record<string, number> }[]; // factor e.g. 0.9; changes by figure id
}

/** Margins with one level scaled by `factor`, the variable's others keeping its total.
 * @example scaledMargins(m, "alder", 1, 1.1) */
export function scaledMargins(margins: Margins, variable: string, level: number, factor: number): Margins {
  const target = margins.rows.find((r) => r.variable === variable && r.level === level);
  if (target === undefined) throw new Error(`scaledMargins: no margin ${variable} = ${level} in ${margins.source}`);
  const rest = (margins.total - target.count * factor) / (margins.total - target.count);
  const rows = margins.rows.map((r): MarginRow =>
    r.variable !== variable ? r : { ...r, count: r.count * (r === target ? factor : rest) },
  );
  return { ...margins, rows };
}

/** Each estimated margin's moves of the headline shares (each raking in its own turn).
 * @example await marginSensitivity(panel, m) */
export async function marginSensitivity(panel: LoadedPanel, margins: Margins): Promise<MarginSensitivity[]> {
  const ids = publishedFigures() // the headline shares: the summary's share figures
    .filter((f) => f.section === "summary" && f.ruleSpec.kind !== "context" && f.ruleSpec.kind !== "exact")
    .map((f) => f.id);
  const values = ids.map((id) => {
    const def = figureDefinition(id);
    if (def.statistic === "count") throw new Error(`marginSensitivity: ${id} is a count, not a share`);
    return figureAnswers(panel, def);
  });
  const design = svydesign({ data: panel.columns, source: panel.source }); // as weightPanel's, raked per margins
  // Each share summed in row order as svyciprop's estimate: the same numbers to the bit.
  const shares = (m: Margins): number[] => {
    const raked = rake(design, m);
    return values.map((v) => pointMean(raked, v));
  };
  const base = shares(margins);
  const out: MarginSensitivity[] = [];
  for (const r of margins.rows.filter((row) => row.sourceStatus === "estimate")) {
    const moves: MarginSensitivity["moves"] = [];
    for (const factor of [0.9, 1.1]) {
      await nextTurn();
      const moved = shares(scaledMargins(margins, r.variable, r.level, factor));
      moves.push({ factor, changes: Object.fromEntries(ids.map((id, k) => [id, moved[k] - base[k]])) });
    }
    out.push({ variable: r.variable, level: r.level, count: r.count, share: r.count / margins.total, moves });
  }
  return out;
}
