/** The headline figures the coverage simulation estimates, and their true values in a population. */

import { AREAS } from "../../codebook";
import type { Population } from "./population";

/** A headline figure: the share with `codes` in `column` among the firms of the base. */
interface HeadlineFigure {
  key: string;
  label: string; // Danish label.
  column: string;
  codes: readonly number[];
  base: Readonly<Record<string, readonly number[]>> | null; // Codes per column, all must hold; null: every firm.
}

/** The column added to a sample or population: 1 when the firm has large potential in at least one area. */
export const POTENTIAL_COLUMN = "potentiale";

/** The five headline figures: uses AI, relevant, large potential in sales, any barrier, AI advice wanted. */
export const HEADLINE_FIGURES: readonly HeadlineFigure[] = [
  { key: "uses_ai", label: "Bruger AI", column: "ai_brug", codes: [3, 4, 5], base: null },
  { key: "relevant", label: "AI er relevant", column: "ai_brug", codes: [2, 3, 4, 5], base: null },
  {
    key: "pot_salg",
    label: "Stort potentiale i salg",
    column: "pot_salg",
    codes: [1, 2],
    base: { ai_brug: [2, 3, 4, 5] },
  },
  { key: "barrier", label: "Mindst én barriere", column: "barriere", codes: [1], base: { [POTENTIAL_COLUMN]: [1] } },
  {
    key: "advice",
    label: "Ønsker rådgivning om AI",
    column: "tilbud_raadgivning_ai",
    codes: [1],
    base: { barriere: [1] },
  },
];

/**
 * 1 where a firm has large potential (1–2) in some area, 0 for other relevant firms, null if not asked.
 * @example potentialIndicator(2, (c, i) => (c === "pot_salg" ? [1, 4][i] : null)) // [1, 0]
 */
export function potentialIndicator(
  rows: number,
  value: (column: string, row: number) => number | null,
): (number | null)[] {
  const out = new Array<number | null>(rows).fill(null);
  const columns = AREAS.map((a) => `pot_${a.key}`); // named once: a name per row and area took most of the time
  for (let i = 0; i < rows; i++) {
    let asked = false;
    let large = false;
    for (const column of columns) {
      const v = value(column, i);
      if (v === null) continue;
      asked = true;
      if (v === 1 || v === 2) large = true;
    }
    out[i] = asked ? (large ? 1 : 0) : null;
  }
  return out;
}

/**
 * The true value of each headline figure in the population (exact shares of firms).
 * @example trueValues(pop).uses_ai // 0.44
 */
export function trueValues(population: Population): Record<string, number> {
  const potential = potentialIndicator(population.size, (column, row) => {
    const v = population.columns[column][row];
    return v < 0 ? null : v;
  });
  const values = (column: string): ArrayLike<number | null> =>
    column === POTENTIAL_COLUMN ? potential : population.columns[column];
  const out: Record<string, number> = {};
  for (const f of HEADLINE_FIGURES) {
    const y = values(f.column);
    const base = Object.entries(f.base ?? {}).map(([c, codes]) => ({ values: values(c), codes: new Set(codes) }));
    const codes = new Set(f.codes);
    let inBase = 0;
    let yes = 0;
    for (let i = 0; i < population.size; i++) {
      if (!base.every((c) => c.codes.has(c.values[i] as number))) continue;
      inBase++;
      if (codes.has(y[i] as number)) yes++;
    }
    out[f.key] = yes / inBase;
  }
  return out;
}
