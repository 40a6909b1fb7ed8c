/**
 * Answers a question spec with the engine's verbs on the raked design (`subset`, `svyshares` / `svymean` /
 * `svytotal`, `svyby`, `svychisq`); rows outside a domain stay in the variance. No file system: the page runs it too.
 */
import { BASES, COLUMNS, DERIVED_QUESTIONS, derivedValues, holdsMask, type BaseName, type Lang } from "../codebook";
import { baseDesign } from "../report/bases";
import { asReplicateDesign, column, qbeta, subset, svyby, svychisq, svymean, svyshares, svytotal } from "../survey";
import { update, type Estimate, type SurveyDesign } from "../survey";
import { adjustedShares } from "./adjust";
import { byLabel, resolveBy, resolveQuestion, scaleOf } from "./names";
import type { AnswerItem, ResolvedBy, ResolvedQuestion } from "./names";
import { filterText, notes, statisticText, type AskMeta, type AskResult, type AskRow, type AskTest } from "./result";
import { SpecError, type AskSpec } from "./spec";
import { ANSWER_NOTES, ANSWER_TEXT, SPEC_MESSAGES, VARIANCE_LABELS } from "../codebook/messages";
import { specToCommand, specToQuery } from "./parse";
import { numberText } from "./text";

/** What a question is asked of: the raked design (carrying the panel) and the dataset's notice. */
export interface AskSource {
  design: SurveyDesign;
  isSynthetic: boolean;
  notice(lang?: Lang): string;
}

/** Replicate designs per raked design and method (making them rakes every replicate again: do it once). */
const replicateCache = new WeakMap<SurveyDesign, Map<AskSpec["variance"], SurveyDesign>>();

/** The design itself (linearised), or its JK1 or bootstrap (50 replicates, seed 1) replicate design. */
function varianceDesign(design: SurveyDesign, variance: AskSpec["variance"]): SurveyDesign {
  if (variance === "linearised") return design;
  const known = replicateCache.get(design) ?? new Map<AskSpec["variance"], SurveyDesign>();
  replicateCache.set(design, known);
  const options =
    variance === "jk1" ? { type: "JK1" as const } : { type: "bootstrap" as const, replicates: 50, seed: 1 };
  if (!known.has(variance)) known.set(variance, asReplicateDesign(design, options));
  return known.get(variance) as SurveyDesign;
}

/** Below this many respondents a shown estimate is flagged uncertain. */
const UNCERTAIN_N = 30;
const LEVEL = 0.95;
/** Significant digits an answer keeps (far beyond any shown decimal; it makes Node's and a browser's last bits agree). */
const SIGNIFICANT_DIGITS = 12;

/** How many rows of the design's domain pass `test` (every domain row without one). */
function countInDomain(design: SurveyDesign, test: (row: number) => boolean = () => true): number {
  let n = 0;
  for (let i = 0; i < design.n; i++) if ((design.domain === null || design.domain[i] === 1) && test(i)) n++;
  return n;
}

/** The respondents of a design's domain: how many, the sum of their weights and the effective number (Kish). */
function cellBase(design: SurveyDesign): { n: number; sum: number; effectiveN: number } {
  const { domain, weights } = design;
  let [n, sum, squares] = [0, 0, 0];
  for (let i = 0; i < design.n; i++) {
    if (domain !== null && domain[i] !== 1) continue;
    n++;
    sum += weights[i];
    squares += weights[i] * weights[i];
  }
  return { n, sum, effectiveN: squares > 0 ? (sum * sum) / squares : 0 };
}

/** Rows of the design's domain where any of the columns is empty (not asked). */
function emptyIn(design: SurveyDesign, columns: readonly string[]): number {
  const values = columns.map((c) => column(design, c));
  return countInDomain(design, (i) => values.some((v) => v[i] === null));
}

/** The design of the spec's base (else of those asked the question), checking that everyone in it was asked. */
function askedDesign(design: SurveyDesign, spec: AskSpec, columns: string[], asked: ResolvedQuestion["asked"]) {
  const { name, label, condition } = asked;
  if (spec.base === null && name !== null) return { design: baseDesign(design, name as BaseName, name), name, label };
  if (spec.base === null) {
    const mask = holdsMask(condition, (c) => column(design, c), design.n);
    return { design: subset(design, mask, label), name, label };
  }
  const based = baseDesign(design, spec.base as BaseName, spec.base);
  const notAsked = emptyIn(based, columns);
  if (notAsked > 0) {
    const fitting = BASES.map((b) => b.name).filter((name) => emptyIn(baseDesign(design, name), columns) === 0);
    throw new SpecError("base-not-asked", SPEC_MESSAGES.baseNotAsked(spec.base, notAsked, spec.question, fitting));
  }
  const baseLabel = BASES.find((b) => b.name === spec.base)?.label[spec.lang] ?? spec.base;
  return { design: based, name: spec.base, label: baseLabel };
}

/** The estimate of every item on one design (the shares together, with one visit of the rows outside it). */
function estimatesOf(design: SurveyDesign, items: readonly AnswerItem[], stat: AskSpec["stat"]): Estimate[] {
  if (stat === "share") return svyshares(design, items, { level: LEVEL });
  const codes = (item: AnswerItem) => (item.codes.length > 0 ? item.codes : undefined);
  return items.map((item) =>
    stat === "mean"
      ? svymean(design, item.column, { level: LEVEL })
      : svytotal(design, item.column, codes(item), { level: LEVEL }),
  );
}

function isSuppressed(base: ReturnType<typeof cellBase>, spec: AskSpec): boolean {
  return base.n < spec.minN || base.effectiveN < spec.minEffectiveN || base.n === 0;
}

function row(
  group: { label: string; codes: (number | null)[] },
  base: ReturnType<typeof cellBase>,
  item: AnswerItem,
  spec: AskSpec,
  e: Estimate | null,
): AskRow {
  const suppressed = isSuppressed(base, spec);
  const [by1_code, by2_code] = [group.codes[0] ?? null, group.codes[1] ?? null];
  const answer = { group: group.label, by1_code, by2_code, option_code: item.code, option: item.label };
  const none = { estimate: null, ci_low: null, ci_high: null, se: null, one_sided: false };
  const counts = { n: base.n, weighted_base: base.sum, effective_n: base.effectiveN, suppressed };
  const out: AskRow = { ...answer, ...none, ...counts, uncertain: !suppressed && base.n < UNCERTAIN_N };
  if (suppressed || e === null) return out;
  const scale = spec.stat === "share" ? 100 : 1;
  out.estimate = scale * e.value;
  // An SE below the estimate's last printed digit is rounding (a level fixed by the calibration): it is 0.
  const fixed = e.se <= Math.abs(e.value) * 10 ** -SIGNIFICANT_DIGITS;
  out.se = fixed ? 0 : scale * e.se;
  out.ci_low = fixed ? out.estimate : scale * e.ciLow;
  out.ci_high = fixed ? out.estimate : scale * e.ciHigh;
  if (spec.stat === "mean" || item.codes.length === 0) return out;
  // A share of 0 or 1 has no spread: the exact one-sided bound at the same level (Clopper–Pearson, effective n).
  const share = spec.stat === "share" ? e.value : e.value / base.sum;
  const unit = spec.stat === "share" ? 100 : base.sum;
  if (share <= 0) Object.assign(out, { ci_low: 0, ci_high: unit * qbeta(LEVEL, 1, base.effectiveN), one_sided: true });
  if (share >= 1)
    Object.assign(out, { ci_low: unit * qbeta(1 - LEVEL, base.effectiveN, 1), ci_high: unit, one_sided: true });
  return out;
}

/** Every combination of the `by` levels, in code order (the first `by` varying slowest). */
function combinations(bys: ResolvedBy[]): { codes: number[]; label: string }[] {
  let out = [{ codes: [] as number[], label: "" }];
  for (const b of bys) {
    const join = (label: string, level: string) => (label === "" ? level : `${label} · ${level}`);
    out = out.flatMap((c) => b.levels.map((l) => ({ codes: [...c.codes, l.code], label: join(c.label, l.label) })));
  }
  return out;
}

type Tested = ResolvedQuestion["tested"][number];

/** Rao–Scott tests (svychisq) of each tested column × each `by`; with two `by`, the second within the first's. */
function raoScottTests(d: SurveyDesign, spec: AskSpec, q: ResolvedQuestion, bys: ResolvedBy[], byColumns: string[]) {
  const out: AskTest[] = [];
  const test = (on: SurveyDesign, t: Tested, tested: string, k: number, within?: string) => {
    const where = { by: bys[k].name, ...(within === undefined ? {} : { within }), item: t.item, label: t.label };
    const none = { f: null, ndf: null, ddf: null, p: null };
    try {
      const { f, ndf, ddf, p } = svychisq(on, tested, byColumns[k]);
      const finite = [f, ndf, ddf, p].every(Number.isFinite);
      const values = finite ? { f, ndf, ddf, p, problem: null } : { ...none, problem: "not defined here" };
      out.push({ ...where, ...values });
    } catch (error) {
      const why = `${ANSWER_TEXT.raoScottUndefined[spec.lang]}: ${error instanceof Error ? error.message : String(error)}`;
      out.push({ ...where, ...none, problem: why });
    }
  };
  for (const t of q.tested) {
    let tested = t.column;
    if (t.recode !== null) {
      tested = `${t.column}__answers`;
      d = update(d, { [tested]: Array.from(column(d, t.column), t.recode) });
    }
    bys.forEach((_, k) => test(d, t, tested, k));
    // A single item of a multi-response question is one tested column: its items times the groups would be a test per cell.
    if (bys.length !== 2 || q.tested.length !== 1) continue;
    const present = new Set(Array.from(column(d, byColumns[0])));
    for (const level of bys[0].levels.filter((l) => present.has(l.code)))
      test(subset(d, { [byColumns[0]]: [level.code] }), t, tested, 1, `${bys[0].name} = ${level.label}`);
  }
  return out;
}

/** The answer to a checked spec (rows and meta); `SpecError` when the data do not fit: `askResult(dataset, spec)`. */
export function askResult(source: AskSource, spec: AskSpec): AskResult {
  const lang = spec.lang;
  const q = resolveQuestion(spec);
  const derived = DERIVED_QUESTIONS.find((x) => x.name === spec.question);
  let design = varianceDesign(source.design, spec.variance);
  if (derived) design = update(design, { [derived.name]: derivedValues(derived, (c) => column(design, c), design.n) });
  const based = askedDesign(design, spec, Array.from(new Set(q.items.map((i) => i.column))), q.asked);
  // A derived question on a wider base than was asked: those not asked count as no, and a note says how many.
  const asked = derived ? holdsMask(q.asked.condition, (c) => column(design, c), design.n) : null;
  const notAsked = asked === null ? 0 : countInDomain(based.design, (i) => asked[i] === 0);
  let d = based.design;
  for (const f of spec.filters) d = subset(d, { [f.variable]: f.codes });
  let excluded: AskMeta["excluded"] = null;
  const scale = spec.stat === "mean" ? scaleOf(spec.question) : null; // null for a numeric question's mean
  if (scale !== null) {
    const values = column(d, spec.question);
    const n = countInDomain(d, (i) => scale.excluded.includes(values[i] as number));
    const codes = COLUMNS.find((c) => c.name === spec.question)?.codes ?? [];
    const labels = scale.excluded.map((x) => codes.find((c) => c.code === x)?.label[lang] ?? String(x));
    excluded = { codes: scale.excluded, labels, n };
    d = subset(d, { [spec.question]: scale.scale });
  }
  const bys = spec.by.map((b) => resolveBy(b, lang));
  const byColumns = bys.map((b) => {
    const name = b.recode === null ? b.variable : `${b.name}__by`;
    if (b.recode !== null) d = update(d, { [name]: Array.from(column(d, b.variable), b.recode) });
    const missing = emptyIn(d, [name]);
    if (missing > 0) throw new SpecError("by-not-asked", SPEC_MESSAGES.byNotAsked(b.name, missing));
    return name;
  });
  const total = cellBase(d);
  if (total.n === 0) throw new SpecError("empty-base", SPEC_MESSAGES.emptyBase(based.label));
  const groups = [{ label: ANSWER_TEXT.total[lang], codes: [] as (number | null)[], design: d }];
  // A group without respondents in the base (e.g. a code the base leaves out) is left out, and a note says so.
  const empty: string[] = [];
  if (bys.length > 0) {
    const byKey = (g: { key: Record<string, unknown> }) => byColumns.map((c) => g.key[c]).join(",");
    const found = new Map(svyby(d, byColumns, (g) => g).map((g) => [byKey(g), g.result]));
    for (const combo of combinations(bys)) {
      const design = found.get(combo.codes.join(","));
      if (design === undefined) empty.push(combo.label);
      else groups.push({ label: combo.label, codes: combo.codes, design });
    }
  }
  for (const a of spec.adjust ?? []) {
    const missing = emptyIn(d, [resolveBy(a, lang).variable]);
    if (missing > 0) throw new SpecError("bad-adjust", SPEC_MESSAGES.adjustNotAsked(a, missing));
  }
  const adjusted = spec.adjust && adjustedShares(d, spec.adjust, q.items, bys[0], byColumns[0], lang, LEVEL);
  const rows: AskRow[] = groups.flatMap((g) => {
    const base = cellBase(g.design);
    const estimates = isSuppressed(base, spec) ? null : estimatesOf(g.design, q.items, spec.stat);
    return q.items.map((item, k) => {
      const out = row(g, base, item, spec, estimates?.[k] ?? null);
      if (!adjusted) return out;
      const a = out.suppressed || g.codes.length === 0 ? undefined : adjusted.shares[k]?.get(g.codes[0] as number);
      const percent = (x: number | undefined) => (x === undefined ? null : 100 * x);
      const [estimate, low, high, se] = [a?.estimate, a?.ciLow, a?.ciHigh, a?.se].map(percent);
      return { ...out, adjusted_estimate: estimate, adjusted_ci_low: low, adjusted_ci_high: high, adjusted_se: se };
    });
  });
  const meta: AskMeta = {
    spec,
    command: specToCommand(spec),
    query: specToQuery(spec),
    question: { name: q.name, label: q.label, kind: q.kind },
    statistic: statisticText(spec, q.items[0]),
    base: { name: based.name, label: based.label },
    filters: spec.filters.map((f) => filterText(f.variable, f.codes, lang)),
    by: bys.map((b) => ({ name: b.name, label: byLabel(b.name, lang) })),
    excluded,
    variance: { name: spec.variance, label: VARIANCE_LABELS[spec.variance][lang] },
    n: total.n,
    weighted_base: total.sum,
    level: LEVEL,
    min_n: spec.minN,
    min_effective_n: spec.minEffectiveN,
    uncertain_n: UNCERTAIN_N,
    tests: bys.length > 0 ? raoScottTests(d, spec, q, bys, byColumns) : [],
    ...(adjusted ? { adjust: adjusted.adjustment } : {}),
    notes: [],
    notice: source.notice(lang),
    synthetic: source.isSynthetic,
    source: source.design.source,
  };
  meta.notes = notes(meta, rows, empty);
  if (notAsked > 0) meta.notes.push(ANSWER_NOTES.notAsked(numberText(notAsked, 0, lang, true), q.asked.label)[lang]);
  return roundResult({ meta, rows });
}

/** Every non-integer number rounded to `SIGNIFICANT_DIGITS`, so that the command line and the page give the same bytes. */
function roundResult<T>(value: T): T {
  if (typeof value === "number" && Number.isFinite(value) && !Number.isInteger(value))
    return Number(value.toPrecision(SIGNIFICANT_DIGITS)) as T;
  if (Array.isArray(value)) return value.map((v) => roundResult(v)) as T;
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundResult(v)])) as T;
}
