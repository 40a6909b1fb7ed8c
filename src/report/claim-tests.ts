/** How a claim is judged (statuses, the 5 % rule), and the tests behind the report's statements without a number. */
import {
  AREAS,
  BARRIER_ITEMS,
  LARGE_POTENTIAL,
  OFFER_ITEMS,
  RELEVANT,
  USES_AI,
  barrierColumn,
  codeLabel,
  columnSpec,
  offerColumn,
  potentialColumn,
  type AreaKey,
  type BarrierKey,
  type Label,
  type OfferKey,
} from "../codebook";
import { baseDesign, inBase } from "./bases";
import { compareDomains, domainValues, pointMean, type DomainValues } from "./contrast";
import { publishedFigure } from "./figures";
import { ruleHolds } from "./published";
import { pnorm, subset, svyciprop, svydiff, update, type Estimate, type Margins, type SurveyDesign } from "../survey";

/** A claim's status: reproduced by its rule, a test at the 5 % level, or no check possible. */
export type ClaimStatus = "reproduced" | "holds" | "same_direction" | "does_not_hold" | "not_checkable";

/** The level a difference must reach before a claim "holder". @example SIGNIFICANCE // 0.05 */
const SIGNIFICANCE = 0.05;

/** The statuses in Danish. @example STATUS_WORDS.same_direction // "samme retning, ikke signifikant" */
export const STATUS_WORDS: Readonly<Record<ClaimStatus, string>> = {
  reproduced: "gengivet inden for reglen",
  holds: "holder",
  same_direction: "samme retning, ikke signifikant",
  does_not_hold: "holder ikke",
  not_checkable: "kan ikke tjekkes her",
};

/** Worst last: a claim made of several checks has the status of its worst. */
const SEVERITY = ["reproduced", "holds", "same_direction", "not_checkable", "does_not_hold"];

/** "holds" with p < 0.05 in the claimed direction (±1; 0 either way), else "same_direction".
 * @example judgeDifference(d, 1) */
export function judgeDifference(d: { value: number; p: number }, expected: 1 | -1 | 0): ClaimStatus {
  if (!Number.isFinite(d.value) || !Number.isFinite(d.p))
    throw new Error(`judgeDifference: the difference ${d.value} or its p ${d.p} is not a finite number`);
  const rightWay = expected === 0 ? d.value !== 0 : Math.sign(d.value) === expected;
  if (!rightWay) return "does_not_hold";
  return d.p < SIGNIFICANCE ? "holds" : "same_direction";
}

/** The worst of several checks' statuses. @example worstStatus(["holds", "same_direction"]) // "same_direction" */
export function worstStatus(statuses: readonly ClaimStatus[]): ClaimStatus {
  if (statuses.length === 0) throw new Error("worstStatus: no statuses, expected at least one check");
  return statuses.reduce((a, b) => (SEVERITY.indexOf(b) > SEVERITY.indexOf(a) ? b : a));
}

/** What a check's value is: a share (0–1), a difference of shares, of barriers per firm, or a count of rows. */
type CheckUnit = "share" | "points" | "barriers" | "count";

/** One check of a claim: what is compared, the value with its 95 % interval and p (null for counts), the status. */
export interface ClaimCheck {
  label: string;
  unit: CheckUnit;
  value: number;
  ciLow: number | null;
  ciHigh: number | null;
  p: number | null;
  status: ClaimStatus;
}

/** What the tests read: the raked design and the margins it was raked to. */
export interface ClaimData {
  design: SurveyDesign;
  margins: Margins;
}

type Diff = { value: number; ciLow: number; ciHigh: number; p: number };
const PUBLISHED_AREAS = AREAS.filter((a) => a.published);
const da = (items: readonly { key: string; label: Label }[], key: string): string =>
  items.find((i) => i.key === key)?.label.da ?? key;

function difference(label: string, d: Diff, expected: 1 | -1 | 0, unit: CheckUnit = "points"): ClaimCheck {
  const status = judgeDifference(d, expected);
  return { label, unit, value: d.value, ciLow: d.ciLow, ciHigh: d.ciHigh, p: d.p, status };
}

/** A count that must be (near) zero. */
function countCheck(label: string, value: number, holds: boolean): ClaimCheck {
  return { label, unit: "count", value, ciLow: null, ciHigh: null, p: null, status: holds ? "holds" : "does_not_hold" };
}

/** A share against a threshold: the normal on the estimate's SE (thousands of rows), its Wald interval. */
function shareAbove(label: string, e: Estimate, threshold: number): ClaimCheck {
  const p = 2 * pnorm(-Math.abs((e.value - threshold) / e.se));
  const status = judgeDifference({ value: e.value - threshold, p }, 1);
  return { label, unit: "share", value: e.value, ciLow: e.ciLow, ciHigh: e.ciHigh, p, status };
}

interface Side {
  label: string;
  values: DomainValues;
}

/** Each claimed side against the largest of the others, on their joint covariance. */
function exceedsLargest(data: ClaimData, claimed: Side[], others: Side[], unit: CheckUnit = "points"): ClaimCheck[] {
  const mean = (s: Side): number => pointMean(data.design, s.values);
  const largest = others.reduce((a, b) => (mean(b) > mean(a) ? b : a));
  return claimed.map((c) =>
    difference(`${c.label} − ${largest.label}`, compareDomains(data.design, c.values, largest.values), 1, unit),
  );
}

const potential = (data: ClaimData, key: AreaKey): Side => ({
  label: da(AREAS, key),
  values: domainValues(data.design, potentialColumn(key), LARGE_POTENTIAL),
});
const barrier = (data: ClaimData, area: AreaKey, item: BarrierKey): Side => ({
  label: `${da(BARRIER_ITEMS, item)} (${da(AREAS, area).toLowerCase()})`,
  values: domainValues(data.design, barrierColumn(area, item), [1]),
});
const offer = (data: ClaimData, key: OfferKey): Side => ({
  label: da(OFFER_ITEMS, key),
  values: domainValues(data.design, offerColumn(key), [1]),
});
/** The items (areas, offers) whose key is not one of `keys`. */
const except = <T extends { key: string }>(items: readonly T[], ...keys: string[]): T[] =>
  items.filter((i) => !keys.includes(i.key));

/** The claimed items' sides against the largest of the other items' sides. */
function keysExceed<K extends string>(
  data: ClaimData,
  items: readonly { key: K }[],
  claimed: readonly K[],
  side: (key: K) => Side,
  unit: CheckUnit = "points",
): ClaimCheck[] {
  const others = except(items, ...claimed).map((i) => side(i.key));
  return exceedsLargest(data, claimed.map(side), others, unit);
}

/** The number of barriers a firm names in an area (not `ingen`), null where it was not asked. */
function barrierCount(data: ClaimData, area: AreaKey): Side {
  const columns = except(BARRIER_ITEMS, "ingen").map((b) => data.design.data[barrierColumn(area, b.key)]);
  const values = Array.from(columns[0], (first, i) =>
    first === null ? null : columns.reduce((s, c) => s + (c[i] === 1 ? 1 : 0), 0),
  );
  return { label: da(AREAS, area), values };
}

/** Two groups of a column, on a base, as svydiff. */
function groups(data: ClaimData, base: "relevant" | "barrier", column: string, codes: readonly number[], by: string) {
  const des = baseDesign(data.design, base);
  return (first: number[], second: number[]) => svydiff(des, column, [...codes], by, [first, second]);
}

const SMALL = [1];
const LARGER = [2, 3];
const POSITIVE = [1, 2];
const LESS_OPTIMISTIC = [3, 4, 5];

/** Each offer's difference between groups `x` and `y` of `by`: the first offer's claim is x over y, the others' y over x. */
function offerGroups(data: ClaimData, by: string, keys: OfferKey[], [x, y]: number[][], words: string[]): ClaimCheck[] {
  return keys.map((k, i) => {
    const d = groups(data, "barrier", offerColumn(k), [1], by)(i === 0 ? x : y, i === 0 ? y : x);
    return difference(`${da(OFFER_ITEMS, k)}: ${words[i === 0 ? 0 : 1]}`, d, 1);
  });
}

/** Every test claims.csv names: the checks it makes on a dataset.
 * @example CLAIM_TESTS.size_potential({ design, margins }) */
export const CLAIM_TESTS: Readonly<Record<string, (data: ClaimData) => ClaimCheck[]>> = {
  knowledge_barrier_84: (data) => {
    const figure = publishedFigure("summary.barriers_any");
    const columns = AREAS.flatMap((a) =>
      (["viden", "kompetencer"] as const).map((k) => data.design.data[barrierColumn(a.key, k)]),
    );
    const knowledge = Array.from({ length: data.design.n }, (_, i) => (columns.some((c) => c[i] === 1) ? 1 : 0));
    const withKnowledge = update(data.design, { viden_kompetencer: knowledge });
    const e = svyciprop(baseDesign(withKnowledge, "potential"), "viden_kompetencer", [1]);
    const p = 2 * pnorm(-Math.abs((e.value - figure.value / 100) / e.se));
    const status: ClaimStatus = ruleHolds(figure, 100 * e.value) ? "reproduced" : "does_not_hold";
    const label = `Viden eller kompetencer som barriere i mindst ét område, mod rapportens ${figure.value} %`;
    return [{ label, unit: "share", value: e.value, ciLow: e.ciLow, ciHigh: e.ciHigh, p, status }];
  },
  top_barriers: (data) =>
    PUBLISHED_AREAS.flatMap((a) => {
      const side = (key: BarrierKey): Side => barrier(data, a.key, key);
      const [viden, kompetencer] = [side("viden"), side("kompetencer")];
      const knowledge =
        pointMean(data.design, viden.values) >= pointMean(data.design, kompetencer.values) ? viden : kompetencer;
      const others = except(BARRIER_ITEMS, "viden", "kompetencer", "omkostninger", "ingen").map((b) => side(b.key));
      return exceedsLargest(data, [side("omkostninger"), knowledge], others);
    }),
  area_potential_varies: (data) => {
    const [salg, produktion] = [potential(data, "salg"), potential(data, "produktion")];
    return [
      difference(`${salg.label} − ${produktion.label}`, compareDomains(data.design, salg.values, produktion.values), 1),
    ];
  },
  salg_largest: (data) => keysExceed(data, AREAS, ["salg"], (k) => potential(data, k)),
  five_areas_largest: (data) =>
    keysExceed(
      data,
      AREAS,
      PUBLISHED_AREAS.map((a) => a.key),
      (k) => potential(data, k),
    ),
  salg_udvikling_top_potential: (data) => keysExceed(data, AREAS, ["salg", "udvikling"], (k) => potential(data, k)),
  salg_udvikling_many_barriers: (data) =>
    keysExceed(data, PUBLISHED_AREAS, ["salg", "udvikling"], (k) => barrierCount(data, k), "barriers"),
  kundekontakt_kundeservice: (data) =>
    keysExceed(data, PUBLISHED_AREAS, ["kundeservice"], (k) => barrier(data, k, "kundekontakt")),
  lovgivning_admin: (data) => keysExceed(data, PUBLISHED_AREAS, ["admin"], (k) => barrier(data, k, "lovgivning")),
  size_potential: (data) =>
    PUBLISHED_AREAS.map((a) => {
      const d = groups(data, "relevant", potentialColumn(a.key), LARGE_POTENTIAL, "stoerrelse")(LARGER, SMALL);
      return difference(`${a.label.da}: mindst 10 − under 10 årsværk`, d, 1);
    }),
  small_among_not_relevant: (data) => {
    const e = svyciprop(subset(data.design, { ai_brug: [1] }), "stoerrelse", SMALL, { ci: "wald" });
    return [shareAbove("Under 10 årsværk blandt dem, der ikke finder AI relevant, mod halvdelen", e, 0.5)];
  },
  larger_find_relevant: (data) => {
    const e = svyciprop(subset(data.design, { stoerrelse: LARGER }), "ai_brug", [...RELEVANT], { ci: "wald" });
    return [shareAbove("Finder AI relevant blandt virksomheder med mindst 10 årsværk, mod halvdelen", e, 0.5)];
  },
  advice_top_offer: (data) => keysExceed(data, OFFER_ITEMS, ["raadgivning_ai"], (k) => offer(data, k)),
  upskilling_next: (data) =>
    keysExceed(data, except(OFFER_ITEMS, "raadgivning_ai"), ["opkval_medarbejdere", "opkval_ledelse"], (k) =>
      offer(data, k),
    ),
  size_offers: (data) =>
    offerGroups(
      data,
      "stoerrelse",
      ["raadgivning_ai", "opkval_medarbejdere", "opkval_ledelse"],
      [SMALL, LARGER],
      ["under 10 − mindst 10 årsværk", "mindst 10 − under 10 årsværk"],
    ),
  economy_offers: (data) =>
    offerGroups(
      data,
      "oekonomi",
      ["raadgivning_ai", "raadgivning_jura", "cybersikkerhed"],
      [POSITIVE, LESS_OPTIMISTIC],
      ["positiv − mindre optimistisk", "mindre optimistisk − positiv"],
    ),
  weighted_vs_unweighted: (data) => {
    const e = svyciprop(data.design, "ai_brug", [...USES_AI], { ci: "wald" });
    const isUse = (v: number | null): boolean => v !== null && (USES_AI as readonly number[]).includes(v);
    const unweighted = Array.from(data.design.data.ai_brug).filter(isUse).length / data.design.n;
    const value = e.value - unweighted;
    const p = 2 * pnorm(-Math.abs(value / e.se));
    const d = { value, ciLow: e.ciLow - unweighted, ciHigh: e.ciHigh - unweighted, p };
    return [difference("Bruger AI: vægtet − uvægtet andel", d, 0)];
  },
  raking_hits_margins: (data) => {
    const weighted = (variable: string, level: number): number => {
      const values = data.design.data[variable];
      let sum = 0;
      for (let i = 0; i < data.design.n; i++) if (values[i] === level) sum += data.design.weights[i];
      return sum;
    };
    const worst = Math.max(...data.margins.rows.map((r) => Math.abs(weighted(r.variable, r.level) - r.count)));
    return [countCheck("Største afvigelse fra en margin efter vægtning (virksomheder)", worst, worst < 0.5)];
  },
  skip_logic: (data) => {
    const relevant = inBase(data.design, "relevant");
    const barrierBase = inBase(data.design, "barrier");
    let outside = 0;
    for (let i = 0; i < data.design.n; i++) {
      if (!relevant[i] && AREAS.some((a) => data.design.data[potentialColumn(a.key)][i] !== null)) outside++;
      else if (!barrierBase[i] && OFFER_ITEMS.some((o) => data.design.data[offerColumn(o.key)][i] !== null)) outside++;
    }
    return [countCheck("Besvarelser med svar på spørgsmål uden for deres basis", outside, outside === 0)];
  },
  raw_representative: (data) => {
    const n = data.design.n;
    const rows = data.margins.rows.map((r) => {
      const u = Array.from(data.design.data[r.variable]).filter((v) => v === r.level).length / n;
      const p0 = r.count / data.margins.total;
      return { r, u, p0, z: (u - p0) / Math.sqrt((p0 * (1 - p0)) / n) };
    });
    const { r, u, p0, z } = rows.reduce((a, b) => (Math.abs(b.z) > Math.abs(a.z) ? b : a));
    const p = 2 * pnorm(-Math.abs(z));
    const half = 1.959963984540054 * Math.sqrt((u * (1 - u)) / n);
    const status: ClaimStatus = p < SIGNIFICANCE ? "does_not_hold" : "not_checkable";
    const where = `${columnSpec(r.variable).label.da}: ${codeLabel(r.variable, r.level)}`;
    const label = `Største afvigelse, uvægtet andel − populationens (${where})`;
    return [{ label, unit: "points", value: u - p0, ciLow: u - half - p0, ciHigh: u + half - p0, p, status }];
  },
};
