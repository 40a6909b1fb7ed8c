/** The words of an answer's metadata: variance label, filters, statistic and the notes under the table. */
import { COLUMNS, type Lang } from "../codebook";
import { MIN_EVENTS_PER_PARAMETER } from "./adjust";
import type { AnswerItem } from "./question";
import type { AskMeta, AskRow } from "./result";
import type { AskSpec } from "./spec";
import { ANSWER_NOTES, STATISTIC_TEXT } from "../codebook/messages";

/**
 * A filter in words: the column's label and the labels of its codes.
 * @example filterText("stoerrelse", [1], "en").text // "Full-time equivalents: Under 10 FTE"
 */
export function filterText(variable: string, codes: number[], lang: Lang): AskMeta["filters"][number] {
  const spec = COLUMNS.find((c) => c.name === variable);
  const labels = codes.map((code) => spec?.codes.find((c) => c.code === code)?.label[lang] ?? String(code));
  const label = spec?.label[lang] ?? variable;
  return { variable, label, codes, text: `${label}: ${labels.join(", ")}` };
}

/** The statistic of a spec in words, with its unit. @example statisticText(spec, item).unit // "%" */
export function statisticText(spec: AskSpec, item: AnswerItem): AskMeta["statistic"] {
  const lang = spec.lang;
  if (item.codes.length === 0)
    // A numeric question: the mean or sum of its values, in the question's own unit.
    return spec.stat === "total"
      ? { name: "total", label: STATISTIC_TEXT.numericTotal[lang], unit: "" }
      : { name: spec.stat, label: item.label, unit: "" };
  if (spec.stat === "mean") return { name: "mean", label: item.label, unit: STATISTIC_TEXT.scalePoints[lang] };
  if (spec.stat === "total")
    return { name: "total", label: STATISTIC_TEXT.firms[lang], unit: STATISTIC_TEXT.firmsUnit[lang] };
  return { name: "share", label: STATISTIC_TEXT.share[lang], unit: "%" };
}

/**
 * The notes under an answer's table (`empty`: the groups left out for having no respondents in the base).
 * @example notes(meta, rows)[0] // "Gennemsnittet er over svarene på skalaen; ..."
 */
export function notes(meta: AskMeta, rows: AskRow[], empty: readonly string[] = []): string[] {
  const lang = meta.spec.lang;
  const out: string[] = [];
  if (empty.length > 0) out.push(ANSWER_NOTES.emptyGroups(empty.join("; "))[lang]);
  if (meta.excluded !== null && meta.excluded.codes.length > 0) {
    const labels = meta.excluded.labels.map((l) => `"${l}"`).join(ANSWER_NOTES.and[lang]);
    out.push(ANSWER_NOTES.meanExcludes(labels, meta.excluded.n)[lang]);
  }
  if (meta.statistic.name === "total" && meta.question.kind === "numeric") out.push(ANSWER_NOTES.numericTotal[lang]);
  else if (meta.statistic.name === "total") out.push(ANSWER_NOTES.firmsTotal[lang]);
  if (rows.some((r) => r.suppressed)) out.push(ANSWER_NOTES.suppressed(meta.min_n, meta.min_effective_n)[lang]);
  if (rows.some((r) => r.uncertain)) out.push(ANSWER_NOTES.uncertain(meta.uncertain_n)[lang]);
  if (meta.adjust !== undefined) out.push(ANSWER_NOTES.adjusted(meta.adjust.interval, MIN_EVENTS_PER_PARAMETER)[lang]);
  if (rows.some((r) => r.one_sided)) out.push(ANSWER_NOTES.oneSided[lang]);
  return out;
}
