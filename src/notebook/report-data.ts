/** The numbers behind figures.json, weights.csv and the index's table (in Danish words), same inputs, same bytes. */
import { BASES } from "../codebook";
import { integer } from "../present/format";
import { loadDataset, type Dataset } from "../report/dataset";
import { FIGURE_DEFINITIONS, countedBase } from "../report/figures";
import { EXTERNAL_BASE, readPublishedFigures, type FigureRule, type PublishedFigure } from "../report/published";
import { publishedFiguresPath, reproduceFigures, type FigureResult } from "../report/reproduce";
import { FigureRow } from "./site-index";

const SECTIONS: Record<string, string> = {
  summary: "Sammenfatning",
  introduction: "Indledning",
  adoption: "Udbredelse",
  potential: "Potentialer",
  barriers: "Barrierer",
  offers: "Tilbud",
  method: "Metode",
};

/** The report section's Danish name. @example sectionName("adoption") // "Udbredelse" */
export function sectionName(section: string): string {
  return SECTIONS[section] ?? section;
}

/** A figure's definition label, or for context figures the report's sentence cut near 90 characters. */
function figureName(figure: PublishedFigure): string {
  const definition = FIGURE_DEFINITIONS[figure.id];
  if (definition !== undefined) return definition.label.da;
  if (figure.quote.length <= 90) return figure.quote;
  const cut = figure.quote.lastIndexOf(" ", 90);
  return `${figure.quote.slice(0, cut > 40 ? cut : 90)} …`;
}

/** The base's codebook label, or "Ekstern kilde …" for context figures. */
function baseName(base: string): string {
  if (base === EXTERNAL_BASE) return "Ekstern kilde (ikke fra panelet)";
  return BASES.find((b) => b.name === base)?.label.da ?? base;
}

const RULE_TEXT: Record<FigureRule["kind"], (rule: FigureRule, published: number) => string> = {
  round: () => "afrundet til hele procent",
  approx: (rule) => `ca. ±${integer(rule.kind === "approx" ? rule.tolerance : 0)} point`,
  gt: (_, published) => `over ${integer(published)} %`,
  exact: () => "præcist antal",
  context: () => "kontekst, genberegnes ikke",
};

/** What the report's data files are written from. */
export interface ReportData {
  figures: FigureResult[]; // every published figure reproduced, in figures.csv order
  rows: FigureRow[]; // the index's table, in figures.csv order
  ids: readonly string[]; // as read
  weights: ArrayLike<number>;
  holds: Map<string, boolean>; // figure id → whether its rule holds (context figures have none)
  panelFile: string;
  notice: string; // the Danish notice that the respondents are synthetic ("" for a real file)
}

/** Every published figure reproduced, in figures.csv order. @example const { figures, ids } = computeReportData(); */
export function computeReportData(dataset: Dataset = loadDataset()): ReportData {
  const results = reproduceFigures(dataset.design);
  const published = new Map(readPublishedFigures(publishedFiguresPath()).map((p) => [p.id, p]));
  const holds = new Map<string, boolean>();
  for (const r of results) if (r.holds !== null) holds.set(r.id, r.holds);
  const rows: FigureRow[] = results.map((r) => {
    const p = published.get(r.id);
    const rule = p?.ruleSpec ?? { kind: "context" as const };
    return {
      id: r.id,
      section: sectionName(p?.section ?? ""),
      name: p ? figureName(p) : r.id,
      quote: p?.quote ?? "",
      base: baseName(countedBase(r.id, r.base)), // the base n counts from (for "Frasorteret" the one they left)
      rule: RULE_TEXT[rule.kind](rule, r.published),
      isCount: rule.kind === "exact",
      published: r.published,
      estimate: r.reproduced,
      ciLow: r.ciLowPct,
      ciHigh: r.ciHighPct,
      n: r.n,
      holds: r.holds,
      status: r.holds === null ? "ikke genberegnet (ekstern kilde)" : r.holds ? "inden for reglen" : "UDEN FOR reglen",
    };
  });
  const { ids } = dataset.panel;
  const [panelFile, notice] = [dataset.panelName, dataset.notice("da")];
  return { figures: results, rows, ids, weights: dataset.design.weights, holds, panelFile, notice };
}

function rounded(value: number | null, where: string): number | null {
  if (value === null) return null;
  if (!Number.isFinite(value)) throw new Error(`figures.json: ${where} is ${value}, expected a finite number or null`);
  const out = Number(value.toFixed(6));
  return Object.is(out, -0) ? 0 : out;
}

/** figures.json's text: keys in contract order, 6 decimals. @example figuresJson(computeReportData().figures) */
export function figuresJson(figures: readonly FigureResult[]): string {
  const records = figures.map((f) => ({
    id: f.id,
    published: f.published,
    estimate: rounded(f.reproduced, `${f.id}.estimate`),
    se: rounded(f.sePct, `${f.id}.se`),
    ci_low: rounded(f.ciLowPct, `${f.id}.ci_low`),
    ci_high: rounded(f.ciHighPct, `${f.id}.ci_high`),
    n: f.n,
    base: f.base,
  }));
  return `${JSON.stringify(records, null, 2)}\n`;
}

/** weights.csv's text: `id,weight`, a row per respondent, 8 decimals.
 * @example weightsCsv(["1"], [43.1]) // "id,weight\n1,43.10000000\n" */
export function weightsCsv(ids: readonly string[], weights: ArrayLike<number>): string {
  if (ids.length !== weights.length)
    throw new Error(`weights.csv: ${ids.length} ids but ${weights.length} weights, expected one weight per respondent`);
  const lines = ["id,weight"];
  for (let i = 0; i < ids.length; i++) {
    const [id, weight] = [ids[i], weights[i]];
    if (id === undefined || id === "")
      throw new Error(`weights.csv: row ${i + 1}: the id is empty, expected one per respondent`);
    if (!Number.isFinite(weight) || weight < 0)
      throw new Error(
        `weights.csv: row ${i + 1} (id ${id}): weight is ${weight}, expected a finite non-negative number`,
      );
    lines.push(`${/[",\r\n]/.test(id) ? `"${id.replace(/"/g, '""')}"` : id},${weight.toFixed(8)}`);
  }
  return `${lines.join("\n")}\n`;
}
