/** What a spec's question and `by` names mean in the codebook: answers reported, who was asked, `by` levels. */
import {
  BASES,
  CODE_GROUPINGS,
  DERIVED_QUESTIONS,
  MULTI_RESPONSE_GROUPS,
  baseChain,
  baseSpec,
  itemLabel,
} from "../codebook";
import type { Condition, Lang } from "../codebook";
import { columnOf, questionLabel, scaleOf } from "./names";
import type { AskSpec } from "./spec";
import { ANSWER_TEXT } from "../codebook/messages";

/** One reported answer: a column and the codes that count for it (none for a numeric question: its values count). */
export interface AnswerItem {
  column: string;
  code: string;
  label: string;
  codes: number[];
}

type Recode = ((v: number | null) => number | null) | null;

/** A question resolved against the codebook. */
export interface ResolvedQuestion {
  name: string;
  label: string;
  kind: "categorical" | "binary" | "multi" | "numeric";
  items: AnswerItem[];
  /** The base the question was asked of (a name when one matches), as a condition on a respondent. */
  asked: { name: string | null; label: string; condition: Condition };
  /** For the Rao–Scott test: per tested column, its item key and a recoding of its values (answer groups). */
  tested: { column: string; item: string | null; label: string; recode: Recode }[];
}

/** A base as one condition: its own and every parent's. */
function baseCondition(name: string): Condition {
  return { allOf: baseChain(name).map((b) => b.condition) };
}

function namedBase(name: string, lang: Lang): ResolvedQuestion["asked"] {
  return { name, label: baseSpec(name).label[lang], condition: baseCondition(name) };
}

function askedOf(condition: Condition, question: string, lang: Lang): ResolvedQuestion["asked"] {
  const same = JSON.stringify(condition);
  const base = BASES.find(
    (b) => JSON.stringify(b.condition) === same || JSON.stringify(baseCondition(b.name)) === same,
  );
  if (base) return namedBase(base.name, lang);
  return { name: null, label: ANSWER_TEXT.askedTo(question)[lang], condition };
}

/** Codes to the number of their group (1, 2, …), others to `rest`. */
function groupRecode(groups: readonly { codes: readonly number[] }[], rest: number | null): Recode {
  const groupOf = new Map<number, number>();
  groups.forEach((g, k) => g.codes.forEach((c) => groupOf.set(c, k + 1)));
  return (v) => (v === null ? null : (groupOf.get(v) ?? rest));
}

/** The question of a spec: its answers (per statistic and answer groups) and who was asked: `resolveQuestion(spec)`. */
export function resolveQuestion(spec: AskSpec): ResolvedQuestion {
  const lang = spec.lang;
  const group = MULTI_RESPONSE_GROUPS.find((g) => g.name === spec.question);
  if (group) {
    const items = group.columns.map((column) => {
      return { column, code: columnOf(column)?.item ?? column, label: itemLabel(column, lang), codes: [1] };
    });
    const tested = items.map((i) => ({ column: i.column, item: i.code, label: i.label, recode: null }));
    return {
      name: group.name,
      label: group.label[lang],
      kind: "multi",
      items,
      asked: namedBase(group.base, lang),
      tested,
    };
  }
  const derived = DERIVED_QUESTIONS.find((q) => q.name === spec.question);
  if (derived) {
    const [name, label] = [derived.name, derived.label[lang]];
    const items = [{ column: name, code: "1", label, codes: [1] }];
    const tested = [{ column: name, item: null, label, recode: null }];
    return { name, label, kind: "binary", items, asked: namedBase(derived.askedOf, lang), tested };
  }
  const column = columnOf(spec.question);
  if (!column)
    throw new Error(`resolveQuestion: "${spec.question}" is not in the codebook (normalizeSpec checks this)`);
  const label = questionLabel(column.name, lang);
  const common = { name: column.name, label, asked: askedOf(column.askedOf, column.name, lang) };
  const whole = { column: column.name, item: null, label, recode: null };
  const item = (code: string, text: string, codes: number[]): AnswerItem => ({
    column: column.name,
    code,
    label: text,
    codes,
  });
  if (column.kind === "binary")
    return { ...common, kind: "binary", items: [item("1", itemLabel(column.name, lang), [1])], tested: [whole] };
  if (column.kind === "numeric") {
    const text = { mean: { da: "Gennemsnit", en: "Mean" }, total: { da: "Sum", en: "Total" }, share: null }[spec.stat];
    if (text === null)
      throw new Error(`resolveQuestion: a share of numeric "${column.name}" (normalizeSpec checks this)`);
    // No Rao–Scott test: a number has no distribution of codes.
    return { ...common, kind: "numeric", items: [item(spec.stat, text[lang], [])], tested: [] };
  }
  const categorical = (items: AnswerItem[], tested: ResolvedQuestion["tested"] = [whole]): ResolvedQuestion => {
    return { ...common, kind: "categorical", items, tested };
  };
  if (spec.stat === "mean") {
    const codes = scaleOf(column.name)?.scale ?? [];
    return categorical([item("mean", ANSWER_TEXT.meanOfScale(`${codes[0]}–${codes[codes.length - 1]}`)[lang], codes)]);
  }
  if (spec.answers !== null) {
    const groups = spec.answers;
    const items = groups.map((g) => item(g.codes.join("+"), g.label, g.codes));
    // Overlapping groups are each their own share; the test is then of the answers themselves, not of the groups.
    const overlap = new Set(groups.flatMap((g) => g.codes)).size < groups.reduce((sum, g) => sum + g.codes.length, 0);
    return categorical(items, [overlap ? whole : { ...whole, recode: groupRecode(groups, groups.length + 1) }]);
  }
  return categorical(column.codes.map((c) => item(String(c.code), c.label[lang], [c.code])));
}

/** A `by` name resolved: its column, its levels (code and label), and the recoding of a named grouping. */
export interface ResolvedBy {
  name: string;
  variable: string;
  label: string;
  levels: { code: number; label: string }[];
  recode: Recode;
}

/** The levels of a `by` name: a column's codes, or a grouping's groups numbered 1, 2, …: `resolveBy("stoerrelse_2grp")`. */
export function resolveBy(name: string, lang: Lang): ResolvedBy {
  const grouping = CODE_GROUPINGS.find((g) => g.name === name);
  if (grouping) {
    const levels = grouping.groups.map((g, k) => ({ code: k + 1, label: g.label[lang] }));
    const recode = groupRecode(grouping.groups, null);
    return { name, variable: grouping.variable, label: grouping.label[lang], levels, recode };
  }
  const column = columnOf(name);
  if (!column) throw new Error(`resolveBy: "${name}" is not in the codebook (normalizeSpec checks this)`);
  const levels = column.codes.map((c) => ({ code: c.code, label: c.label[lang] }));
  return { name, variable: name, label: column.label[lang], levels, recode: null };
}
