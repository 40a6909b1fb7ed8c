/** The generator's self-check: every published figure and the contract's statements, by plain weighted shares. */

import { inBase, type PanelData } from "../../report/bases";
import {
  AREAS,
  BARRIER_ITEMS,
  CHOSEN,
  ECONOMY_POSITIVE,
  LARGE_POTENTIAL,
  NOT_RELEVANT,
  NO_BARRIER,
  PUBLISHED_AREAS,
  UNDER_10_FTE,
  barrierColumn,
  baseChain,
  offerColumn,
  potentialColumn,
  type AreaKey,
  type BarrierKey,
  type BaseName,
  type OfferKey,
} from "../../codebook";
import { figureDefinition, publishedFigures } from "../../report/figures";
import type { PublishedFigure } from "../../report/published";

/** One target the generator checks, with what it achieved. */
export interface TargetCheck {
  name: string;
  achieved: number;
  ok: boolean;
  expected: string;
}

/** A generated panel: columns in codebook order, plus the raking weights used to build it. */
export interface SyntheticPanel {
  rowCount: number;
  columns: Record<string, (number | null)[]>; // Column name → one value per row; null = not asked (empty cell).
  weights: Float64Array; // The raking weights the answers were calibrated with (not written to the file).
}

/** Safety margins inside the published rules, so that the figures hold with room to spare. */
const ROUND_MARGIN = 0.15;
const RULE_MARGIN = 0.5;

/**
 * Every check: each published figure with a margin inside its rule, and statements 1–7 with a point to spare.
 * @example targetChecks(synthesizePanel({ margins })).every((c) => c.ok) // true
 */
export function targetChecks(
  generated: SyntheticPanel,
  figures: readonly PublishedFigure[] = publishedFigures(),
): TargetCheck[] {
  const panel: PanelData = { source: "synthetic panel", rowCount: generated.rowCount, columns: generated.columns };
  const w = generated.weights;
  const rows = Array.from({ length: panel.rowCount }, (_, i) => i);
  const bases = new Map<BaseName, boolean[]>();
  const base = (name: BaseName): boolean[] => {
    const b = bases.get(name) ?? inBase(panel, name);
    bases.set(name, b);
    return b;
  };
  const is = (column: string, codes: readonly number[]): boolean[] =>
    panel.columns[column].map((v) => v !== null && codes.includes(v));
  const and = (a: boolean[], b: boolean[]): boolean[] => a.map((x, i) => x && b[i]);
  const not = (a: boolean[]): boolean[] => a.map((x) => !x);
  const pct = (domain: boolean[], y: boolean[]): number => {
    let num = 0;
    let den = 0;
    for (const i of rows) {
      if (!domain[i]) continue;
      den += w[i];
      if (y[i]) num += w[i];
    }
    return (100 * num) / den;
  };
  const count = (mask: boolean[]): number => mask.reduce((k, b) => k + (b ? 1 : 0), 0);
  const checks: TargetCheck[] = [];
  const truth = (name: string, ok: boolean): void =>
    void checks.push({ name, achieved: ok ? 1 : 0, ok, expected: "true" });

  for (const f of figures) {
    if (f.ruleSpec.kind === "context") continue;
    const def = figureDefinition(f.id);
    let achieved: number;
    if (def.statistic === "count") {
      const parent = baseChain(def.base)[0].parent;
      achieved =
        def.count === "size" || parent === null ? count(base(def.base)) : count(base(parent)) - count(base(def.base));
    } else {
      achieved = pct(base(def.base), def.statistic === "share" ? is(def.column, def.codes) : base(def.subBase));
    }
    const rule = f.ruleSpec;
    const within = rule.kind === "approx" ? rule.tolerance - RULE_MARGIN : ROUND_MARGIN; // round or approx
    const [ok, expected] =
      rule.kind === "exact"
        ? [achieved === f.value, `exactly ${f.value}`]
        : rule.kind === "gt"
          ? [achieved > f.value + RULE_MARGIN, `> ${f.value + RULE_MARGIN}`]
          : [Math.abs(achieved - f.value) <= within, `${f.value} ± ${within}`];
    checks.push({ name: f.id, achieved, ok, expected });
  }

  const relevant = base("relevant");
  const barrier = base("barrier");
  const small = is("stoerrelse", UNDER_10_FTE);
  const larger = not(small);
  for (const area of PUBLISHED_AREAS) {
    const y = is(potentialColumn(area), LARGE_POTENTIAL);
    const l = pct(and(relevant, larger), y);
    const s = pct(and(relevant, small), y);
    truth(`statement 1 (${area}): 10+ ${l.toFixed(1)} > <10 ${s.toFixed(1)}`, l > s + 1);
  }
  const smallAmongNotRelevant = pct(is("ai_brug", NOT_RELEVANT), small);
  truth(`statement 2a: <10 among not relevant ${smallAmongNotRelevant.toFixed(1)} > 75`, smallAmongNotRelevant > 75);
  const relevantAmongLarger = pct(larger, relevant);
  truth(`statement 2b: relevant among 10+ ${relevantAmongLarger.toFixed(1)} > 55`, relevantAmongLarger > 55);
  const barrierShare = (area: AreaKey, item: BarrierKey): number =>
    pct(base(`potential_${area}`), is(barrierColumn(area, item), CHOSEN));
  const barrierItems = BARRIER_ITEMS.filter((b) => b.key !== NO_BARRIER).map((b) => b.key);
  for (const area of PUBLISHED_AREAS) {
    const ranked = barrierItems
      .map((item) => ({ item, share: barrierShare(area, item) }))
      .sort((a, b) => b.share - a.share);
    const top = ranked.slice(0, 2).map((r) => r.item);
    const ok =
      top.includes("omkostninger") &&
      (top.includes("viden") || top.includes("kompetencer")) &&
      ranked[1].share > ranked[2].share + 1;
    truth(`statement 3 (${area}): top two ${top.join(", ")}`, ok);
  }
  const homes: [BarrierKey, AreaKey][] = [
    ["kundekontakt", "kundeservice"],
    ["lovgivning", "admin"],
  ];
  for (const [item, home] of homes) {
    const atHome = barrierShare(home, item);
    const elsewhere = Math.max(...AREAS.filter((a) => a.key !== home).map((a) => barrierShare(a.key, item)));
    const shares = `${atHome.toFixed(1)} > elsewhere ${elsewhere.toFixed(1)}`;
    truth(`statement 4: ${item} in ${home} ${shares}`, atHome > elsewhere + 1);
  }
  const offerShare = (key: OfferKey, group: boolean[]): number =>
    pct(and(barrier, group), is(offerColumn(key), CHOSEN));
  const advice = (group: boolean[]): number => offerShare("raadgivning_ai", group);
  truth("statement 5: raadgivning_ai <10 > 10+", advice(small) > advice(larger) + 1);
  for (const key of ["opkval_medarbejdere", "opkval_ledelse"] as OfferKey[])
    truth(`statement 5: ${key} 10+ > <10`, offerShare(key, larger) > offerShare(key, small) + 1);
  const positive = is("oekonomi", ECONOMY_POSITIVE);
  const lessOptimistic = not(positive);
  truth("statement 6: raadgivning_ai positive > less optimistic", advice(positive) > advice(lessOptimistic) + 1);
  for (const key of ["raadgivning_jura", "cybersikkerhed"] as OfferKey[]) {
    const more = offerShare(key, lessOptimistic) > offerShare(key, positive) + 1;
    truth(`statement 6: ${key} less optimistic > positive`, more);
  }
  const all = rows.map(() => true);
  const unweightedLarger = (100 * count(larger)) / panel.rowCount;
  const weightedLarger = pct(all, larger);
  const shares = `${unweightedLarger.toFixed(1)} vs weighted ${weightedLarger.toFixed(1)}`;
  truth(`statement 7: 10+ unweighted ${shares}`, unweightedLarger - weightedLarger > 20);
  return checks;
}

/** Throws, listing every missed target, if any check fails. @example checkTargets(panel, publishedFigures()) */
export function checkTargets(panel: SyntheticPanel, figures: readonly PublishedFigure[]): void {
  const failed = targetChecks(panel, figures).filter((c) => !c.ok);
  if (failed.length > 0) {
    throw new Error(
      `synthesizePanel: ${failed.length} target(s) missed:\n` +
        failed.map((c) => `  ${c.name}: achieved ${c.achieved}, expected ${c.expected}`).join("\n"),
    );
  }
}
