/** report/figures.json and report/weights.csv with fixed number formatting: same inputs, same bytes. */

/** A line of figures.json: `estimate`, `se`, `ci_low`, `ci_high` in percent for shares (a count's the count). */
export interface FigureRecord {
  id: string;
  published: number;
  estimate: number | null;
  se: number | null;
  ci_low: number | null;
  ci_high: number | null;
  n: number | null;
  base: string;
}

const FIGURE_DECIMALS = 6; // estimates, SEs and CI bounds in figures.json
const WEIGHT_DECIMALS = 8; // weights in weights.csv

function rounded(value: number | null, decimals: number, where: string): number | null {
  if (value === null) return null;
  if (!Number.isFinite(value)) throw new Error(`figures.json: ${where} is ${value}, expected a finite number or null`);
  const out = Number(value.toFixed(decimals));
  return Object.is(out, -0) ? 0 : out;
}

/**
 * figures.json's text: keys in contract order, 6 decimals.
 * @example figuresJson([{ id: "a", published: 44, estimate: 44.2, se: 0.9, ci_low: 42, ci_high: 46, n: 9, base: "" }])
 */
export function figuresJson(figures: FigureRecord[]): string {
  const records = figures.map((f) => ({
    id: f.id,
    published: f.published,
    estimate: rounded(f.estimate, FIGURE_DECIMALS, `${f.id}.estimate`),
    se: rounded(f.se, FIGURE_DECIMALS, `${f.id}.se`),
    ci_low: rounded(f.ci_low, FIGURE_DECIMALS, `${f.id}.ci_low`),
    ci_high: rounded(f.ci_high, FIGURE_DECIMALS, `${f.id}.ci_high`),
    n: f.n,
    base: f.base,
  }));
  return `${JSON.stringify(records, null, 2)}\n`;
}

/**
 * weights.csv's text: `id,weight`, a row per respondent, 8 decimals.
 * @example weightsCsv(["1", "2"], Float64Array.of(43.1, 12.5)) // "id,weight\n1,43.10000000\n2,12.50000000\n"
 */
export function weightsCsv(ids: readonly string[], weights: ArrayLike<number>): string {
  if (ids.length !== weights.length)
    throw new Error(`weights.csv: ${ids.length} ids but ${weights.length} weights, expected one weight per respondent`);
  const lines = ["id,weight"];
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    const weight = weights[i];
    if (id === undefined || id === "")
      throw new Error(`weights.csv: row ${i + 1}: the id is empty, expected one per respondent`);
    if (!Number.isFinite(weight) || weight < 0)
      throw new Error(
        `weights.csv: row ${i + 1} (id ${id}): weight is ${weight}, expected a finite non-negative number`,
      );
    const field = /[",\r\n]/.test(id) ? `"${id.replace(/"/g, '""')}"` : id;
    lines.push(`${field},${weight.toFixed(WEIGHT_DECIMALS)}`);
  }
  return `${lines.join("\n")}\n`;
}
