/**
 * The tests behind the report's statements without a number (and readings of its numbers), each a list of
 * checks judged at the 5 % level; differences between overlapping bases use their joint covariance.
 */
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
  type OfferKey,
} from "../codebook";
import { baseDesign, inBase } from "./bases";
import { compareDomains, domainValues, type DomainValues } from "./contrast";
import { SIGNIFICANCE, judgeDifference, type ClaimStatus } from "./claim-status";
import { publishedFigure } from "./figures";
import { ruleHolds } from "./published";
import { pnorm, subset, svyciprop, svydiff, update, type Estimate, type Margins, type SurveyDesign } from "../survey";

/** What a check's value is: a share (0–1), a difference of shares, of barriers per firm, or a count of rows. */
export type CheckUnit = "share" | "points" | "barriers" | "count";

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
const areaLabel = (key: string): string => AREAS.find((a) => a.key === key)?.label.da ?? key;
const barrierLabel = (key: string): string => BARRIER_ITEMS.find((b) => b.key === key)?.label.da ?? key;
const offerLabel = (key: string): string => OFFER_ITEMS.find((o) => o.key === key)?.label.da ?? key;

function difference(label: string, d: Diff, expected: 1 | -1 | 0, unit: CheckUnit = "points"): ClaimCheck {
  return {
    label,
    unit,
    value: d.value,
    ciLow: d.ciLow,
    ciHigh: d.ciHigh,
    p: d.p,
    status: judgeDifference(d, expected),
  };
}

/** A share against a threshold: t on the estimate's SE and df, Wald interval (so p and interval agree). */
function shareAbove(label: string, e: Estimate, threshold: number): ClaimCheck {
  const t = (e.value - threshold) / e.se;
  const p = 2 * pnorm(-Math.abs(t)); // large df: the normal, as svyciprop's Wald interval on thousands of rows
  const status = judgeDifference({ value: e.value - threshold, p }, 1);
  return { label, unit: "share", value: e.value, ciLow: e.ciLow, ciHigh: e.ciHigh, p, status };
}

/** The weighted mean of a side, to rank sides before testing. */
function pointMean(design: SurveyDesign, values: DomainValues): number {
  let sum = 0;
  let weight = 0;
  values.forEach((v, i) => {
    if (v !== null && (design.domain === null || design.domain[i] === 1)) {
      sum += design.weights[i] * v;
      weight += design.weights[i];
    }
  });
  return sum / weight;
}

interface Side {
  label: string;
  values: DomainValues;
}

/** Each claimed side against the largest of the others, on their joint covariance. */
function exceedsLargest(data: ClaimData, claimed: Side[], others: Side[], unit: CheckUnit = "points"): ClaimCheck[] {
  const largest = others.reduce((a, b) =>
    pointMean(data.design, b.values) > pointMean(data.design, a.values) ? b : a,
  );
  return claimed.map((c) =>
    difference(`${c.label} − ${largest.label}`, compareDomains(data.design, c.values, largest.values), 1, unit),
  );
}

const potential = (data: ClaimData, key: AreaKey): Side => ({
  label: areaLabel(key),
  values: domainValues(data.design, potentialColumn(key), LARGE_POTENTIAL),
});
const barrier = (data: ClaimData, area: AreaKey, item: BarrierKey): Side => ({
  label: `${barrierLabel(item)} (${areaLabel(area).toLowerCase()})`,
  values: domainValues(data.design, barrierColumn(area, item), [1]),
});
const offer = (data: ClaimData, key: OfferKey): Side => ({
  label: offerLabel(key),
  values: domainValues(data.design, offerColumn(key), [1]),
});

/** The number of barriers a firm names in an area (not `ingen`), null where it was not asked. */
function barrierCount(data: ClaimData, area: AreaKey): Side {
  const columns = BARRIER_ITEMS.filter((b) => b.key !== "ingen").map(
    (b) => data.design.data[barrierColumn(area, b.key)],
  );
  const values = Array.from(columns[0], (first, i) =>
    first === null ? null : columns.reduce((s, c) => s + (c[i] === 1 ? 1 : 0), 0),
  );
  return { label: areaLabel(area), values };
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

/**
 * Every named test: the checks it makes on a dataset. The register (claims.csv) names them in its `test` column.
 * @example CLAIM_TESTS.size_potential({ design, margins }).map((c) => c.status)
 */
export const CLAIM_TESTS: Readonly<Record<string, (data: ClaimData) => ClaimCheck[]>> = {
  knowledge_barrier_84: (data) => {
    const figure = publishedFigure("summary.barriers_any");
    const columns = AREAS.flatMap((a) =>
      (["viden", "kompetencer"] as const).map((k) => data.design.data[barrierColumn(a.key, k)]),
    );
    const knowledge = Array.from({ length: data.design.n }, (_, i) => (columns.some((c) => c[i] === 1) ? 1 : 0));
    const e = svyciprop(
      baseDesign(update(data.design, { viden_kompetencer: knowledge }), "potential"),
      "viden_kompetencer",
      [1],
    );
    const p = 2 * pnorm(-Math.abs((e.value - figure.value / 100) / e.se));
    const status: ClaimStatus = ruleHolds(figure, 100 * e.value) ? "reproduced" : "does_not_hold";
    const label = `Viden eller kompetencer som barriere i mindst ét område, mod rapportens ${figure.value} %`;
    return [{ label, unit: "share", value: e.value, ciLow: e.ciLow, ciHigh: e.ciHigh, p, status }];
  },
  top_barriers: (data) =>
    PUBLISHED_AREAS.flatMap((a) => {
      const [viden, kompetencer] = (["viden", "kompetencer"] as const).map((k) => barrier(data, a.key, k));
      const knowledge =
        pointMean(data.design, viden.values) >= pointMean(data.design, kompetencer.values) ? viden : kompetencer;
      const claimed: readonly string[] = ["viden", "kompetencer", "omkostninger", "ingen"];
      const others = BARRIER_ITEMS.filter((b) => !claimed.includes(b.key)).map((b) => barrier(data, a.key, b.key));
      return exceedsLargest(data, [barrier(data, a.key, "omkostninger"), knowledge], others);
    }),
  area_potential_varies: (data) => [
    difference(
      `${areaLabel("salg")} − ${areaLabel("produktion")}`,
      compareDomains(data.design, potential(data, "salg").values, potential(data, "produktion").values),
      1,
    ),
  ],
  salg_largest: (data) =>
    exceedsLargest(
      data,
      [potential(data, "salg")],
      AREAS.filter((a) => a.key !== "salg").map((a) => potential(data, a.key)),
    ),
  five_areas_largest: (data) =>
    exceedsLargest(
      data,
      PUBLISHED_AREAS.map((a) => potential(data, a.key)),
      AREAS.filter((a) => !a.published).map((a) => potential(data, a.key)),
    ),
  salg_udvikling_top_potential: (data) =>
    exceedsLargest(
      data,
      [potential(data, "salg"), potential(data, "udvikling")],
      AREAS.filter((a) => a.key !== "salg" && a.key !== "udvikling").map((a) => potential(data, a.key)),
    ),
  salg_udvikling_many_barriers: (data) =>
    exceedsLargest(
      data,
      [barrierCount(data, "salg"), barrierCount(data, "udvikling")],
      PUBLISHED_AREAS.filter((a) => a.key !== "salg" && a.key !== "udvikling").map((a) => barrierCount(data, a.key)),
      "barriers",
    ),
  kundekontakt_kundeservice: (data) =>
    exceedsLargest(
      data,
      [barrier(data, "kundeservice", "kundekontakt")],
      PUBLISHED_AREAS.filter((a) => a.key !== "kundeservice").map((a) => barrier(data, a.key, "kundekontakt")),
    ),
  lovgivning_admin: (data) =>
    exceedsLargest(
      data,
      [barrier(data, "admin", "lovgivning")],
      PUBLISHED_AREAS.filter((a) => a.key !== "admin").map((a) => barrier(data, a.key, "lovgivning")),
    ),
  size_potential: (data) =>
    PUBLISHED_AREAS.map((a) => {
      const d = groups(data, "relevant", potentialColumn(a.key), LARGE_POTENTIAL, "stoerrelse")(LARGER, SMALL);
      return difference(`${a.label.da}: mindst 10 − under 10 årsværk`, d, 1);
    }),
  small_among_not_relevant: (data) => [
    shareAbove(
      "Under 10 årsværk blandt dem, der ikke finder AI relevant, mod halvdelen",
      svyciprop(subset(data.design, { ai_brug: [1] }), "stoerrelse", SMALL, { ci: "wald" }),
      0.5,
    ),
  ],
  larger_find_relevant: (data) => [
    shareAbove(
      "Finder AI relevant blandt virksomheder med mindst 10 årsværk, mod halvdelen",
      svyciprop(subset(data.design, { stoerrelse: LARGER }), "ai_brug", [...RELEVANT], { ci: "wald" }),
      0.5,
    ),
  ],
  advice_top_offer: (data) =>
    exceedsLargest(
      data,
      [offer(data, "raadgivning_ai")],
      OFFER_ITEMS.filter((o) => o.key !== "raadgivning_ai").map((o) => offer(data, o.key)),
    ),
  upskilling_next: (data) => {
    const named: readonly string[] = ["raadgivning_ai", "opkval_medarbejdere", "opkval_ledelse"];
    const others = OFFER_ITEMS.filter((o) => !named.includes(o.key)).map((o) => offer(data, o.key));
    return exceedsLargest(data, [offer(data, "opkval_medarbejdere"), offer(data, "opkval_ledelse")], others);
  },
  size_offers: (data) => {
    const by = (key: OfferKey) => groups(data, "barrier", offerColumn(key), [1], "stoerrelse");
    return [
      difference(
        `${offerLabel("raadgivning_ai")}: under 10 − mindst 10 årsværk`,
        by("raadgivning_ai")(SMALL, LARGER),
        1,
      ),
      ...(["opkval_medarbejdere", "opkval_ledelse"] as const).map((k) =>
        difference(`${offerLabel(k)}: mindst 10 − under 10 årsværk`, by(k)(LARGER, SMALL), 1),
      ),
    ];
  },
  economy_offers: (data) => {
    const by = (key: OfferKey) => groups(data, "barrier", offerColumn(key), [1], "oekonomi");
    return [
      difference(
        `${offerLabel("raadgivning_ai")}: positiv − mindre optimistisk`,
        by("raadgivning_ai")(POSITIVE, LESS_OPTIMISTIC),
        1,
      ),
      ...(["raadgivning_jura", "cybersikkerhed"] as const).map((k) =>
        difference(`${offerLabel(k)}: mindre optimistisk − positiv`, by(k)(LESS_OPTIMISTIC, POSITIVE), 1),
      ),
    ];
  },
  weighted_vs_unweighted: (data) => {
    const e = svyciprop(data.design, "ai_brug", [...USES_AI], { ci: "wald" });
    const uses = Array.from(data.design.data.ai_brug).filter(
      (v) => v !== null && (USES_AI as readonly number[]).includes(v),
    ).length;
    const unweighted = uses / data.design.n;
    const value = e.value - unweighted;
    const p = 2 * pnorm(-Math.abs(value / e.se));
    const d = { value, ciLow: e.ciLow - unweighted, ciHigh: e.ciHigh - unweighted, p };
    return [difference("Bruger AI: vægtet − uvægtet andel", d, 0)];
  },
  raking_hits_margins: (data) => {
    const worst = Math.max(
      ...data.margins.rows.map((r) => Math.abs(weightedCount(data, r.variable, r.level) - r.count)),
    );
    const status: ClaimStatus = worst < 0.5 ? "holds" : "does_not_hold";
    return [
      {
        label: "Største afvigelse fra en margin efter vægtning (virksomheder)",
        unit: "count",
        value: worst,
        ciLow: null,
        ciHigh: null,
        p: null,
        status,
      },
    ];
  },
  skip_logic: (data) => {
    const relevant = inBase(data.design, "relevant");
    const barrierBase = inBase(data.design, "barrier");
    let outside = 0;
    for (let i = 0; i < data.design.n; i++) {
      if (!relevant[i] && AREAS.some((a) => data.design.data[potentialColumn(a.key)][i] !== null)) outside++;
      else if (!barrierBase[i] && OFFER_ITEMS.some((o) => data.design.data[offerColumn(o.key)][i] !== null)) outside++;
    }
    const status: ClaimStatus = outside === 0 ? "holds" : "does_not_hold";
    return [
      {
        label: "Besvarelser med svar på spørgsmål uden for deres basis",
        unit: "count",
        value: outside,
        ciLow: null,
        ciHigh: null,
        p: null,
        status,
      },
    ];
  },
  raw_representative: (data) => {
    const n = data.design.n;
    const rows = data.margins.rows.map((r) => {
      const u = Array.from(data.design.data[r.variable]).filter((v) => v === r.level).length / n;
      const p0 = r.count / data.margins.total;
      return { r, u, p0, z: (u - p0) / Math.sqrt((p0 * (1 - p0)) / n) };
    });
    const worst = rows.reduce((a, b) => (Math.abs(b.z) > Math.abs(a.z) ? b : a));
    const p = 2 * pnorm(-Math.abs(worst.z));
    const half = 1.959963984540054 * Math.sqrt((worst.u * (1 - worst.u)) / n);
    const status: ClaimStatus = p < SIGNIFICANCE ? "does_not_hold" : "not_checkable";
    const where = `${columnSpec(worst.r.variable).label.da}: ${codeLabel(worst.r.variable, worst.r.level)}`;
    const label = `Største afvigelse, uvægtet andel − populationens (${where})`;
    return [
      {
        label,
        unit: "points",
        value: worst.u - worst.p0,
        ciLow: worst.u - half - worst.p0,
        ciHigh: worst.u + half - worst.p0,
        p,
        status,
      },
    ];
  },
};

function weightedCount(data: ClaimData, variable: string, level: number): number {
  const values = data.design.data[variable];
  let sum = 0;
  for (let i = 0; i < data.design.n; i++) if (values[i] === level) sum += data.design.weights[i];
  return sum;
}
