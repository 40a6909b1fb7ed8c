/** The published figures (`data/published/figures.csv`) and their rules: round, approx:T, gt, exact, context. */
import { BASES, label } from "../codebook";
import { parseDelimited, readText } from "../data/csv";
import { DataError } from "../survey";

/** A parsed rule. */
export type FigureRule =
  { kind: "round" } | { kind: "approx"; tolerance: number } | { kind: "gt" } | { kind: "exact" } | { kind: "context" };

/** One published figure. */
export interface PublishedFigure {
  id: string; // `topic.name`, e.g. `adoption.uses_ai`.
  section: string; // Where in the report the sentence stands (one of FIGURE_SECTIONS).
  value: number; // The number as published (percent, or a count for `exact`).
  rule: string; // The rule as written in the file (`round`, `approx:5`, ...).
  ruleSpec: FigureRule; // The rule, parsed.
  base: string; // A codebook base name, or `external` for context figures.
  quote: string; // The Danish sentence the number comes from.
}

const FIGURE_COLUMNS = ["id", "section", "value", "rule", "base", "quote"] as const;
/** The report sections a figure may stand in. @example FIGURE_SECTIONS[0] // "summary" */
export const FIGURE_SECTIONS = ["summary", "introduction", "adoption", "potential", "barriers", "offers", "method"];
/** The base of figures that do not come from the panel. @example figures.filter((f) => f.base === EXTERNAL_BASE) */
export const EXTERNAL_BASE = "external";

const ID_PATTERN = /^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/;

/** Reads and validates the published figures file.
 * @example readPublishedFigures(publishedFiguresPath())[0].value // 44 */
export function readPublishedFigures(path: string): PublishedFigure[] {
  return parsePublishedFigures(readText(path, label("en læsbar figures.csv", "a readable figures.csv")), path);
}

/** Parses and validates figures.csv text. @example parsePublishedFigures(text, "figures.csv")[0].value // 44 */
export function parsePublishedFigures(text: string, source: string): PublishedFigure[] {
  const table = parseDelimited(text, source);
  const header = table.header.join(",");
  if (header !== FIGURE_COLUMNS.join(",")) {
    const problem = `header "${header}" is not the figures header`;
    throw new DataError({ file: source, row: null, value: header, problem, expected: FIGURE_COLUMNS.join(",") });
  }
  const baseNames = new Set<string>(BASES.map((b) => b.name));
  const seen = new Set<string>();
  return table.rows.map((cells, r) => {
    const err = (column: string | null, value: string, expected: string, problem?: string): DataError =>
      new DataError({ file: source, row: r + 1, column, value, problem, expected });
    const cellCount = `${FIGURE_COLUMNS.length} cells (${FIGURE_COLUMNS.join(",")})`;
    if (cells.length !== FIGURE_COLUMNS.length)
      throw err(null, cells.join(","), cellCount, `row has ${cells.length} cells`);
    const [id, section, valueText, rule, base, quote] = cells;
    if (!ID_PATTERN.test(id)) throw err("id", id, "an id of the form topic.name (lower case, digits, underscores)");
    if (seen.has(id)) throw err("id", id, "unique ids", `id "${id}" appears twice`);
    seen.add(id);
    if (!FIGURE_SECTIONS.includes(section)) throw err("section", section, `one of ${FIGURE_SECTIONS.join(", ")}`);
    const value = Number(valueText);
    if (valueText.trim() === "" || !Number.isFinite(value))
      throw err("value", valueText, "a number (decimal point, no thousands separator)");
    const ruleSpec = parseRule(rule);
    if (ruleSpec === null) throw err("rule", rule, "round, approx:T (T > 0), gt, exact or context");
    if (ruleSpec.kind === "context") {
      if (base !== EXTERNAL_BASE) throw err("base", base, `"${EXTERNAL_BASE}" for a context figure`);
    } else if (!baseNames.has(base)) {
      throw err("base", base, `one of ${[...baseNames].join(", ")}`);
    }
    if (ruleSpec.kind === "exact" && !Number.isInteger(value))
      throw err("value", valueText, "an integer count for rule exact");
    if (quote.trim() === "") throw err("quote", quote, "the Danish sentence the number comes from");
    return { id, section, value, rule, ruleSpec, base, quote };
  });
}

/** Parses a rule text; null if it is not a valid rule.
 * @example parseRule("approx:5") // { kind: "approx", tolerance: 5 } */
export function parseRule(rule: string): FigureRule | null {
  if (rule === "round" || rule === "gt" || rule === "exact" || rule === "context") return { kind: rule };
  const tolerance = Number(/^approx:(\d+(?:\.\d+)?)$/.exec(rule)?.[1]);
  return tolerance > 0 ? { kind: "approx", tolerance } : null;
}

/** Rounds half away from zero, as the report (1e-9 absorbs float error below a half).
 * @example roundHalfUp(43.5) // 44 */
export function roundHalfUp(x: number): number {
  return Math.sign(x) * Math.floor(Math.abs(x) + 0.5 + 1e-9);
}

/** Whether an estimate (percent; a count for `exact`) meets a figure's rule.
 * @example ruleHolds(figure, 43.8) // true */
export function ruleHolds(
  figure: Pick<PublishedFigure, "value" | "ruleSpec"> & { id?: string },
  estimate: number,
): boolean {
  if (!Number.isFinite(estimate))
    throw new Error(`ruleHolds(${figure.id ?? "figure"}): estimate ${estimate} is not a finite number`);
  const rule = figure.ruleSpec;
  switch (rule.kind) {
    case "round":
      return roundHalfUp(estimate) === figure.value;
    case "approx":
      return Math.abs(estimate - figure.value) <= rule.tolerance + 1e-9;
    case "gt":
      return estimate > figure.value;
    case "exact":
      return estimate === figure.value;
    case "context":
      throw new Error(
        `ruleHolds(${figure.id ?? "figure"}): a context figure comes from another source and cannot be checked against the panel`,
      );
  }
}
