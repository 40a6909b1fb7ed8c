/**
 * `--adjust`: shares per group adjusted for other variables, as R's `svypredmeans` on a quasibinomial `svyglm` of each
 * answer, with the model's Wald test of the group (`regTermTest`); a model that cannot be fitted says why.
 */
import type { Lang } from "../codebook";
import { column, DataError, qnorm, regTermTest, svyglm, svypredmeans, update, type SurveyDesign } from "../survey";
import { byLabel, resolveBy, type AnswerItem, type ResolvedBy } from "./names";
import { ANSWER_NOTES, errorText } from "../codebook/messages";

/** Fewer answers of the rarer kind (1 or 0) than this per model parameter: the model is not fitted (Peduzzi's rule). */
export const MIN_EVENTS_PER_PARAMETER = 10;

/** The Wald test of the `by` variable in one answer's model, or why the model was not fitted. */
interface AskModelTest {
  by: string;
  item: string; // The answer's code (as a row's option_code).
  label: string;
  f: number | null; // Wald F, its degrees of freedom and p (R's regTermTest); null when there is no model.
  df: number | null;
  ddf: number | null;
  p: number | null;
  parameters: number; // The model's coefficients.
  events: number; // Respondents with the answer (y = 1) in the base.
  problem: string | null; // Why there is no model, in the result's language; null when there is one.
}

/** What `meta.adjust` says: the variables held fixed and one model test per answer. */
export interface AskAdjustment {
  variables: { name: string; label: string }[];
  interval: string;
  tests: AskModelTest[];
}

/** An adjusted share (0–1) with its SE and R's `confint` (normal, df = Inf) at `level`. */
type AdjustedShare = { estimate: number; se: number; ciLow: number; ciHigh: number };

/** A factor of `values` over the domain (null outside it), its levels the codes written with two digits (code order). */
function factorOf(design: SurveyDesign, values: readonly (number | null)[]): (string | null)[] {
  return values.map((v, i) =>
    (design.domain !== null && design.domain[i] !== 1) || v === null ? null : String(v).padStart(2, "0"),
  );
}

/** A fitted probability this near 0 or 1 is separation (R fits on without a word: margins of 100 % with SE 0). */
const SEPARATION_EDGE = 1e-8;

/** Why a model failed, in words: the engine's DataError read as separation, collinearity or another reason. */
function failure(error: unknown, lang: Lang): string {
  const text = error instanceof Error ? error.message : String(error);
  if (/separation/.test(text)) return ANSWER_NOTES.separation[lang];
  if (/linearly dependent/.test(text)) return ANSWER_NOTES.collinear[lang];
  if (error instanceof DataError) return `${ANSWER_NOTES.cannotFit[lang]}: ${errorText(error, lang)}`;
  throw error;
}

/** Per answer, the adjusted share of each `by` level (by code) and the model's test: `adjustedShares(d, […], …)` */
export function adjustedShares(
  design: SurveyDesign,
  adjust: readonly string[],
  items: readonly AnswerItem[],
  by: ResolvedBy,
  byColumn: string,
  lang: Lang,
  level: number,
): { adjustment: AskAdjustment; shares: (Map<number, AdjustedShare> | null)[] } {
  const held = adjust.map((name) => resolveBy(name, lang));
  const factors: Record<string, (string | null)[]> = { adj_by: factorOf(design, Array.from(column(design, byColumn))) };
  held.forEach((a, k) => {
    const values = column(design, a.variable);
    factors[`adj_${k}`] = factorOf(design, a.recode === null ? Array.from(values) : Array.from(values, a.recode));
  });
  let d = update(design, factors);
  const controls = held.map((_, k) => `adj_${k}`).join(" + ");
  const levels = (name: string): number => d.levels?.[name]?.length ?? 0;
  const parameters = Object.keys(factors).reduce((p, name) => p + levels(name) - 1, 1);
  const named: [string, ResolvedBy][] = [["adj_by", by], ...held.map((a, k): [string, ResolvedBy] => [`adj_${k}`, a])];
  const single = named.find(([name]) => levels(name) < 2);
  const z = qnorm(1 - (1 - level) / 2);
  const tests: AskModelTest[] = [];
  const shares = items.map((item) => {
    const y = Array.from(column(design, item.column), (v, i) =>
      (design.domain !== null && design.domain[i] !== 1) || v === null ? null : item.codes.includes(v) ? 1 : 0,
    );
    const events = y.reduce<number>((a, v) => a + (v ?? 0), 0);
    const others = y.reduce<number>((a, v) => a + (v === 0 ? 1 : 0), 0);
    const none = { f: null, df: null, ddf: null, p: null };
    const what = { by: by.name, item: item.code, label: item.label };
    const out: AskModelTest = { ...what, ...none, parameters, events, problem: null };
    tests.push(out);
    const fail = (problem: string): null => {
      Object.assign(out, { ...none, problem });
      return null;
    };
    if (single !== undefined) return fail(ANSWER_NOTES.oneValue(byLabel(single[1].name, lang), single[1].name)[lang]);
    const rarer = Math.min(events, others);
    if (rarer < MIN_EVENTS_PER_PARAMETER * parameters)
      return fail(ANSWER_NOTES.tooFewEvents(rarer, events, others, parameters, MIN_EVENTS_PER_PARAMETER)[lang]);
    d = update(d, { adj_y: y });
    try {
      const full = svyglm(d, `adj_y ~ adj_by + ${controls}`, { family: "quasibinomial" });
      const edge = (m: number, i: number) => y[i] !== null && (m < SEPARATION_EDGE || m > 1 - SEPARATION_EDGE);
      if (full.fit.mu.some(edge)) return fail(ANSWER_NOTES.separation[lang]);
      const wald = regTermTest(full, "~adj_by");
      Object.assign(out, { f: wald.f, df: wald.df, ddf: wald.ddf, p: wald.p });
      const margins = svypredmeans(svyglm(d, `adj_y ~ ${controls}`, { family: "quasibinomial" }), "adj_by");
      return new Map(
        margins.names.map((label, k): [number, AdjustedShare] => {
          const [estimate, se] = [margins.estimate[k], margins.se[k]];
          return [Number(label), { estimate, se, ciLow: estimate - z * se, ciHigh: estimate + z * se }];
        }),
      );
    } catch (error) {
      return fail(failure(error, lang));
    }
  });
  const interval = ANSWER_NOTES.normalInterval(z.toFixed(2), z.toFixed(2).replace(".", ","))[lang];
  return {
    adjustment: { variables: held.map((a) => ({ name: a.name, label: byLabel(a.name, lang) })), interval, tests },
    shares,
  };
}
