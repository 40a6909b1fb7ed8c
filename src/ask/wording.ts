/** The words of an answer's metadata: variance label, filters, statistic and the notes under the table. */
import { COLUMNS, type Lang } from "../codebook";
import { MIN_EVENTS_PER_PARAMETER } from "./adjust";
import type { AnswerItem } from "./question";
import type { AskMeta, AskRow } from "./result";
import type { AskSpec } from "./spec";

/**
 * Each variance method's label, in Danish and English.
 * @example VARIANCE_LABELS.jk1.en // "Jackknife replicate weights (JK1), each replicate raked again"
 */
export const VARIANCE_LABELS: Record<AskSpec["variance"], Record<Lang, string>> = {
  linearised: {
    da: "Lineariseret standardfejl (tager højde for vægtningen)",
    en: "Linearised standard error (accounts for the raking)",
  },
  jk1: {
    da: "Jackknife-replikatvægte (JK1), hver replikat vægtet igen",
    en: "Jackknife replicate weights (JK1), each replicate raked again",
  },
  bootstrap: {
    da: "Bootstrap-replikatvægte (50, frø 1), hver replikat vægtet igen",
    en: "Bootstrap replicate weights (50, seed 1), each replicate raked again",
  },
};

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
  const da = spec.lang === "da";
  if (item.codes.length === 0)
    // A numeric question: the mean or sum of its values, in the question's own unit.
    return spec.stat === "total"
      ? { name: "total", label: da ? "Estimeret sum i populationen" : "Estimated population total", unit: "" }
      : { name: spec.stat, label: item.label, unit: "" };
  if (spec.stat === "mean") return { name: "mean", label: item.label, unit: da ? "skalapoint" : "scale points" };
  const firms = da ? "Estimeret antal virksomheder" : "Estimated number of firms";
  if (spec.stat === "total") return { name: "total", label: firms, unit: da ? "virksomheder" : "firms" };
  return { name: "share", label: da ? "Andel" : "Share", unit: "%" };
}

/**
 * The notes under an answer's table (`empty`: the groups left out for having no respondents in the base).
 * @example notes(meta, rows)[0] // "Gennemsnittet er over svarene på skalaen; ..."
 */
export function notes(meta: AskMeta, rows: AskRow[], empty: readonly string[] = []): string[] {
  const da = meta.spec.lang === "da";
  const out: string[] = [];
  if (empty.length > 0)
    out.push(
      da
        ? `Udeladt, da ingen i basen hører til gruppen: ${empty.join("; ")}.`
        : `Left out, as no one in the base belongs to the group: ${empty.join("; ")}.`,
    );
  if (meta.excluded !== null && meta.excluded.codes.length > 0) {
    const labels = meta.excluded.labels.map((l) => `"${l}"`).join(da ? " og " : " and ");
    out.push(
      da
        ? `Gennemsnittet er over svarene på skalaen; ${labels} er udeladt (${meta.excluded.n} svar).`
        : `The mean is over answers on the scale; ${labels} left out (${meta.excluded.n} answers).`,
    );
  }
  if (meta.statistic.name === "total" && meta.question.kind === "numeric")
    out.push(
      da
        ? "Summen i populationen: vægtet total med 95 %-konfidensinterval."
        : "The population total: weighted total with 95% confidence interval.",
    );
  else if (meta.statistic.name === "total")
    out.push(
      da
        ? "Antal virksomheder i populationen: vægtet total med 95 %-konfidensinterval."
        : "Number of firms in the population: weighted total with 95% confidence interval.",
    );
  if (rows.some((r) => r.suppressed))
    out.push(
      da
        ? `Undertrykt (–): færre end ${meta.min_n} svar eller effektivt antal svar under ${meta.min_effective_n}.`
        : `Suppressed (–): fewer than ${meta.min_n} answers or an effective number of answers below ${meta.min_effective_n}.`,
    );
  if (rows.some((r) => r.uncertain))
    out.push(
      da
        ? `* Usikkert: færre end ${meta.uncertain_n} svar; intervallet er bredt.`
        : `* Uncertain: fewer than ${meta.uncertain_n} answers; the interval is wide.`,
    );
  if (meta.adjust !== undefined)
    out.push(
      da
        ? `Justeret andel: modellens gennemsnitlige sandsynlighed, hvis alle i basen tilhørte gruppen, med deres øvrige kendetegn som de er; intervallet er ${meta.adjust.interval}. En model fittes ikke ved færre end ${MIN_EVENTS_PER_PARAMETER} svar af den sjældneste slags pr. parameter, ved adskillelse eller kollinearitet; så er den justerede andel tom (–), og grunden står ved testen.`
        : `Adjusted share: the model's mean probability if everyone in the base belonged to the group, their other characteristics as they are; the interval is ${meta.adjust.interval}. No model is fitted with fewer than ${MIN_EVENTS_PER_PARAMETER} answers of the rarer kind per parameter, with separation or collinearity; the adjusted share is then empty (–) and the reason stands by the test.`,
    );
  if (rows.some((r) => r.one_sided))
    out.push(
      da
        ? "Ved en andel på 0 % eller 100 % er intervallet ensidet (95 %, eksakt for den effektive stikprøvestørrelse)."
        : "For a share of 0% or 100% the interval is one-sided (95%, exact for the effective sample size).",
    );
  return out;
}
