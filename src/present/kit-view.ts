/** The notebooks' kit, view half: results as table cells and charts, the report's codes in words. */
import type { FunnelRow } from "../report/bases";
import { baseSpec, type Label, type Lang } from "../codebook";
import { ruleHolds, type FigureRule, type PublishedFigure } from "../report/published";
import type { ByGroup, Estimate, Margins, ProportionDifference } from "../survey";
import { heatmap, sankeyChart, wrapLabel, type ChartOptions } from "./charts";
import { barWithCi, groupedBarsWithCi, stackedBarsWithCi, type CiBar } from "./ci-charts";
import { decimal, integer, interval, pValue, percent, points } from "./format";
import type { PlotFigure } from "./chart-text";
import type { TableValue } from "./table";
import { groupLabel } from "./kit-data";

type Cells = Record<string, TableValue>;
type SourceStatus = Margins["rows"][number]["sourceStatus"]; // the margins file's `source_status`
const YES_NO: Record<Lang, [string, string]> = { da: ["ja", "NEJ"], en: ["yes", "NO"] };

/** "ja" or "NEJ" (capitals so that a failed check stands out). @example yesNo(false) // "NEJ" */
export function yesNo(holds: boolean, lang: Lang = "da"): string {
  return YES_NO[lang][holds ? 0 : 1];
}

/** A published figure with its rule: "44", "≈ 75 (±5)", "> 25", "4.128". @example publishedText(figure("x")) */
export function publishedText(figure: Pick<PublishedFigure, "value" | "ruleSpec">, lang: Lang = "da"): string {
  if (figure.ruleSpec.kind === "gt") return `> ${figure.value}`;
  if (figure.ruleSpec.kind === "approx") return `≈ ${figure.value} (±${figure.ruleSpec.tolerance})`;
  return Number.isInteger(figure.value) ? integer(figure.value, lang) : decimal(figure.value, 1, lang);
}

const RULE_WORDS: Record<FigureRule["kind"], Label> = {
  round: { da: "afrundet til heltal", en: "rounded to an integer" },
  approx: { da: "inden for ±T point", en: "within ±T points" },
  gt: { da: "skarpt større end", en: "strictly greater than" },
  exact: { da: "præcist antal", en: "exact count" },
  context: { da: "anden kilde", en: "other source" },
};

/** When a figure counts as reproduced. @example ruleWords({ kind: "approx", tolerance: 2 }) // "inden for ±2 point" */
export function ruleWords(rule: FigureRule, lang: Lang = "da"): string {
  const words = RULE_WORDS[rule.kind][lang];
  return rule.kind === "approx" ? words.replace("T", String(rule.tolerance)) : words;
}

const SOURCE_WORDS: Record<SourceStatus, Label> = {
  verbatim: { da: "afskrevet fra Danmarks Statistik", en: "copied from Statistics Denmark" },
  derived: { da: "afledt af Danmarks Statistiks tal", en: "derived from Statistics Denmark's figures" },
  estimate: { da: "skøn", en: "estimate" },
};

/** How sure a population count is, in words. @example sourceWords("derived") // "afledt af Danmarks Statistiks tal" */
export function sourceWords(status: SourceStatus, lang: Lang = "da"): string {
  return SOURCE_WORDS[status][lang];
}

const SECTION_WORDS: Record<string, Label> = {
  summary: { da: "Sammenfatning", en: "Summary" },
  introduction: { da: "Indledning", en: "Introduction" },
  adoption: { da: "Udbredelse", en: "Adoption" },
  potential: { da: "Potentialer", en: "Potential" },
  barriers: { da: "Barrierer", en: "Barriers" },
  offers: { da: "Løsninger", en: "Solutions" },
  method: { da: "Metode", en: "Method" },
};

/** The report section a figure stands in, as the report names it. @example sectionName("offers") // "Løsninger" */
export function sectionName(section: string, lang: Lang = "da"): string {
  return SECTION_WORDS[section]?.[lang] ?? section;
}

/** An interval's heading at its confidence level, as "95 %-KI" (Danish) or "95% CI". */
function intervalHeading(level: number, lang: Lang): string {
  const percent = String(Math.round(level * 1000) / 10);
  return lang === "da" ? `${percent.replace(".", ",")} %-KI` : `${percent}% CI`;
}

/** A share's table cells: percent, interval at its level, n, weighted base. @example shareCells(e)["95 %-KI"] */
export function shareCells(estimate: Estimate, lang: Lang = "da"): Cells {
  return {
    [lang === "da" ? "Andel (%)" : "Share (%)"]: percent(estimate.value, 1, lang),
    [intervalHeading(estimate.level, lang)]: interval(estimate, 1, lang),
    n: integer(estimate.n, lang),
    [lang === "da" ? "Vægtet basis" : "Weighted base"]: integer(estimate.weightedBase, lang),
  };
}

/** Two groups' shares, their difference, its interval and p as cells. @example differenceCells(d, ["A", "B"]) */
export function differenceCells(d: ProportionDifference, labels: readonly [string, string], lang: Lang = "da"): Cells {
  const [difference, of, to] =
    lang === "da" ? ["Forskel (point)", "for forskel", "til"] : ["Difference (points)", "of difference", "to"];
  return {
    [`${labels[0]} (%)`]: percent(d.first.value, 1, lang),
    [`${labels[1]} (%)`]: percent(d.second.value, 1, lang),
    [difference]: points(d.value, 1, lang),
    [`${intervalHeading(d.level, lang)} ${of}`]: `${points(d.ciLow, 1, lang)} ${to} ${points(d.ciHigh, 1, lang)}`,
    p: pValue(d.p, 3, lang),
  };
}

const COMPARISON_HEADINGS: Record<Lang, string[]> = {
  da: ["Tal", "Rapporten", "Reproduceret", "95 %-KI", "Vægtet basis", "Basis", "Regel opfyldt"],
  en: ["Figure", "Report", "Reproduced", "95% CI", "Weighted base", "Base", "Rule met"],
};

/** Report vs. reproduction. @example showTable([comparisonRow(figure("adoption.uses_ai"), "Bruger AI", usesAi)]); */
export function comparisonRow(figure: PublishedFigure, what: string, estimate: Estimate, lang: Lang = "da"): Cells {
  const [whatH, reportH, reproducedH, ciH, weightedH, baseH, holdsH] = COMPARISON_HEADINGS[lang];
  return {
    [whatH]: what,
    [reportH]: publishedText(figure, lang),
    [reproducedH]: percent(estimate.value, 1, lang),
    [ciH]: interval(estimate, 1, lang),
    n: integer(estimate.n, lang),
    [weightedH]: integer(estimate.weightedBase, lang),
    [baseH]: baseSpec(figure.base).label[lang],
    [holdsH]: yesNo(reproduces(figure, estimate), lang),
  };
}

/** Whether an estimated share meets a published figure's rule. @example reproduces(figure(id), e) // true */
export function reproduces(figure: PublishedFigure, estimate: Estimate): boolean {
  return ruleHolds(figure, 100 * estimate.value);
}

/** A share to draw: its label, its estimate and the published figure it redraws, if any. */
export interface ShareToDraw {
  label: string;
  estimate: Estimate;
  published?: PublishedFigure | null;
}

/** A share as a bar in percent with its CI and published value. @example ciBar({ label: "Ja", estimate: e }).ciLow */
export function ciBar(share: ShareToDraw): CiBar {
  const { value, ciLow, ciHigh } = share.estimate;
  const published = share.published?.value ?? null;
  return { label: share.label, estimate: 100 * value, ciLow: 100 * ciLow, ciHigh: 100 * ciHigh, published };
}

const PERCENT_OPTIONS: ChartOptions = { valueSuffix: " %", valueTitle: "Andel (%)" };

/** Bars of shares (%) with CI whiskers, published figures as diamonds. @example shareChart(items) */
export function shareChart(shares: readonly ShareToDraw[], options: ChartOptions = {}): PlotFigure {
  return barWithCi(shares.map(ciBar), { ...PERCENT_OPTIONS, ...options });
}

/** Grouped bars from a `svyby` of shares, a series per group. @example groupChart(svyby(des, "alder", f)) */
export function groupChart(groups: readonly ByGroup<readonly ShareToDraw[]>[], options: ChartOptions = {}): PlotFigure {
  const lang = options.lang ?? "da";
  return groupedBarsWithCi(
    groups.map((g) => ({
      name: `${groupLabel(g.key, lang)} (n = ${integer(g.result[0]?.estimate.n ?? 0, lang)})`,
      bars: g.result.map(ciBar),
    })),
    { ...PERCENT_OPTIONS, ...options },
  );
}

/** Stacked shares with the total's CI and published totals. @example stackedShareChart(stacks, totals) */
export function stackedShareChart(
  stacks: readonly { name: string; estimates: readonly Estimate[] }[],
  totals: readonly ShareToDraw[],
  options: ChartOptions & { totalName?: string } = {},
): PlotFigure {
  // Dark to light blue, each at least 3:1 against white and the first two 3.9:1 against each other (WCAG 1.4.11).
  const colors = ["#08306b", "#5a8fd6", "#6941c6"];
  return stackedBarsWithCi(
    stacks.map((s, k) => ({
      name: s.name,
      values: s.estimates.map((e) => 100 * e.value),
      color: colors[k % colors.length],
    })),
    totals.map(ciBar),
    { ...PERCENT_OPTIONS, ...options },
  );
}

/** A heat map of shares in percent, `estimates[row][column]`. @example shareHeatmap(["Viden"], ["Salg"], [[e]]) */
export function shareHeatmap(
  rows: readonly string[],
  columns: readonly string[],
  estimates: readonly (readonly Estimate[])[],
  options: ChartOptions = {},
): PlotFigure {
  const percents = estimates.map((row) => row.map((e) => 100 * e.value));
  return heatmap(percents, [...columns], [...rows], { valueSuffix: " %", ...options });
}

/** The funnel as a Sankey diagram: stages on top, drop-outs below. @example funnelSankey(funnel(ds.panel, des)) */
export function funnelSankey(stages: readonly FunnelRow[], options: ChartOptions = {}): PlotFigure {
  const lang = options.lang ?? "da";
  const out = lang === "da" ? "Frasorteret" : "Excluded";
  const nodes = [
    // Narrow labels: a column's labels (right of its nodes) and the last column's (left of them) share one gap.
    ...stages.map((s) => wrapLabel(`${s.label[lang]} (${integer(s.nKept, lang)})`, 15)),
    ...stages
      .slice(1)
      .map((s) => wrapLabel(`${out}: ${s.exclusionReason?.[lang] ?? ""} (${integer(s.nOut, lang)})`, 15)),
  ];
  const links = stages.slice(1).flatMap((s, k) => [
    { source: k, target: k + 1, value: s.nKept },
    { source: k, target: stages.length + k, value: s.nOut },
  ]);
  const columnX = stages.map((_, k) =>
    stages.length === 1 ? 0.5 : Math.min(0.999, Math.max(0.001, k / (stages.length - 1))),
  );
  return sankeyChart(nodes, links, {
    ...options,
    x: [...columnX, ...columnX.slice(1)],
    y: [...stages.map((_, k) => (k === 0 ? 0.5 : 0.3)), ...stages.slice(1).map(() => 0.85)],
  });
}

/** A share and its interval as cells "<label> (%)", "<label>: 95 %-KI" (at its level). @example shareAndInterval("Under 10", e) */
export function shareAndInterval(label: string, estimate: Estimate, lang: Lang = "da"): Cells {
  return {
    [`${label} (%)`]: percent(estimate.value, 1, lang),
    [`${label}: ${intervalHeading(estimate.level, lang)}`]: interval(estimate, 1, lang),
  };
}
