/** The question spec (one follow-up question) as the command line, notebooks and "Spørg data" ask it. */
import { COLUMNS, MULTI_RESPONSE_GROUPS, label, type ColumnSpec, type Label, type Lang } from "../codebook";
import { ANSWER_TEXT, NAMES, SPEC_MESSAGES } from "../codebook/messages";
import { STATISTICS, baseNames, byNames, byVariable, canonicalName, columnOf, questionNames } from "./names";
import { resolveName, scaleOf, suggest, type Statistic } from "./names";

/** A checked, canonical question spec. */
export interface AskSpec {
  question: string; // A categorical, 0/1 or numeric column, or a multi-response group.
  by: string[]; // Zero, one or two `by` variables (columns or named groupings such as `oekonomi_2grp`).
  base: string | null; // A named base, or null for the respondents who were asked the question.
  filters: { variable: string; codes: number[] }[]; // Which codes of a variable count.
  answers: { label: string; codes: number[] }[] | null; // Answer groups (codes 1–2 as one answer), or null.
  stat: Statistic;
  lang: Lang;
  variance: (typeof VARIANCES)[number];
  minN: number; // Suppression: fewer respondents, or a smaller Kish effective number of them.
  minEffectiveN: number;
  adjust?: string[]; // Variables held fixed (`--adjust`) for adjusted shares per `by` group; absent when none.
}

/** The variance methods: linearisation (as R's default), or replicate weights as `as.svrepdesign()` + `calibrate()`. */
const VARIANCES = ["linearised", "jk1", "bootstrap"] as const;

/** A spec as a person writes it: names may use æøå, `by` may be one name, codes may be text ("1-2"). */
export interface AskSpecInput {
  question?: string;
  by?: string | readonly string[];
  base?: string | null;
  filter?: string | readonly string[] | Readonly<Record<string, string | number | readonly number[]>>;
  answers?: string | readonly number[] | readonly { label?: string; codes: readonly number[] }[] | null;
  stat?: string;
  lang?: string;
  variance?: string;
  minN?: number;
  minEffectiveN?: number;
  adjust?: string | readonly string[];
}

/** Every kind of mistake a spec can have. @example SPEC_ERROR_CODES.includes("unknown-by") // true */
export const SPEC_ERROR_CODES = [
  ...(["missing-question", "unknown-question", "unknown-by", "unknown-base", "unknown-adjust", "bad-filter"] as const),
  ...(["unknown-filter-variable", "filter-repeated", "unknown-code", "bad-answers", "too-many-by"] as const),
  ...(["by-is-question", "by-repeated", "answers-not-categorical", "bad-adjust", "unknown-stat"] as const),
  ...(["mean-not-scale", "numeric-not-categorical", "unknown-lang", "bad-number", "unknown-option"] as const),
  ...(["repeated-option", "missing-value", "unknown-format", "missing-out", "unknown-variance"] as const),
  ...(["base-not-asked", "by-not-asked", "empty-base", "disclosure"] as const),
] as const;
export type SpecErrorCode = (typeof SPEC_ERROR_CODES)[number];

/** A mistake in a question spec: a named `code`, a message in words, and suggestions for a near miss. */
export class SpecError extends Error {
  readonly texts: Label;
  constructor(
    readonly code: SpecErrorCode,
    message: Label,
    readonly suggestions: string[] = [],
  ) {
    const hint = SPEC_MESSAGES.didYouMean(suggestions);
    const texts = suggestions.length === 0 ? message : label(`${message.da} ${hint.da}`, `${message.en} ${hint.en}`);
    super(texts.da);
    this.name = "SpecError";
    this.texts = texts;
  }

  /** The message in `lang` (the `message` is Danish). @example error.text("en") */
  text(lang: Lang): string {
    return this.texts[lang];
  }
}

/** Default suppression limits (as the report's own tables): n < 10 or effective n < 5. */
export const DEFAULT_MIN_N = 10;
export const DEFAULT_MIN_EFFECTIVE_N = 5;

function named(what: Label, given: string, valid: readonly string[], code: SpecErrorCode, hint?: Label): string {
  const found = resolveName(given, valid);
  if (found !== null) return found;
  throw new SpecError(code, SPEC_MESSAGES.unknownName(what, given, hint), suggest(given, valid));
}

function numericError(question: string, what: "share" | "answers"): SpecError {
  const asked = {
    share: label("en andel (--stat share)", "a share (--stat share)"),
    answers: label("svargrupper (--answers)", "answer groups (--answers)"),
  }[what];
  return new SpecError(
    "numeric-not-categorical",
    label(
      `"${question}" er et tal, ikke svarkategorier, så ${asked.da} giver ikke mening. Brug --stat mean (gennemsnit) eller --stat total (sum).`,
      `"${question}" is a number, not answer categories, so ${asked.en} does not apply. Use --stat mean or --stat total.`,
    ),
  );
}

/** The code whose label is `text`, case and æøå (as ae/oe/aa) ignored; null when no label is. */
function byLabelText(column: ColumnSpec | undefined, text: string): number | null {
  const wanted = canonicalName(text);
  const found = column?.codes.find((c) => canonicalName(c.label.da) === wanted || canonicalName(c.label.en) === wanted);
  return found?.code ?? null;
}

/** Codes from "1,2", "1-2", "1+2", a label ("Midtjylland", case and æøå ignored) or numbers, checked and sorted. */
function parseCodes(text: string | number | readonly number[], variable: string, what: "filter" | "answers"): number[] {
  const column = columnOf(variable);
  const valid = column ? column.codes.map((c) => c.code) : [];
  const bad = what === "filter" ? "bad-filter" : "bad-answers";
  const codesOf = (part: string): number[] => {
    const range = /^(\d+)\s*[-–]\s*(\d+)$/.exec(part);
    if (range) {
      // Checked before it is expanded: a range beyond the variable's codes is an error at once, however wide.
      const [from, to] = [Number(range[1]), Number(range[2])];
      const outside = [from, to].find((end) => !valid.includes(end));
      return outside !== undefined ? [outside] : Array.from({ length: to - from + 1 }, (_, k) => from + k);
    }
    if (/^\d+$/.test(part)) return [Number(part)];
    const labelled = byLabelText(column, part);
    if (labelled !== null) return [labelled];
    const labels = (column?.codes ?? []).map((c) => c.label.da);
    throw new SpecError(bad, SPEC_MESSAGES.notCodes(NAMES[what], variable, String(text), labels));
  };
  // "+" joins labels that hold commas themselves; a piece that is not a whole label is split at its commas.
  const pieces = (t: string) => t.split("+").flatMap((p) => (byLabelText(column, p) !== null ? [p] : p.split(",")));
  const codes = typeof text === "string" ? pieces(text).flatMap((p) => codesOf(p.trim())) : [text].flat();
  if (codes.length === 0) throw new SpecError(bad, SPEC_MESSAGES.noCodes(NAMES[what], variable));
  const unknown = codes.find((code) => !valid.includes(code));
  if (unknown !== undefined)
    throw new SpecError("unknown-code", SPEC_MESSAGES.unknownCode(NAMES[what], variable, unknown, valid));
  return Array.from(new Set(codes)).sort((a, b) => a - b);
}

/** The non-empty parts of a list, trimmed. */
function listOf(text: string, separator: string): string[] {
  return text.split(separator).flatMap((s) => (s.trim() === "" ? [] : [s.trim()]));
}

function normalizeFilters(input: AskSpecInput["filter"]): AskSpec["filters"] {
  if (input === undefined) return [];
  const pairs: [string, string | number | readonly number[]][] = [];
  if (typeof input === "string" || Array.isArray(input)) {
    for (const part of [input as string | string[]].flat().flatMap((s) => listOf(s, ";"))) {
      const eq = part.indexOf("=");
      if (eq <= 0) throw new SpecError("bad-filter", SPEC_MESSAGES.filterNotPair(part));
      pairs.push([part.slice(0, eq).trim(), part.slice(eq + 1).trim()]);
    }
  } else pairs.push(...Object.entries(input as Record<string, string | number | readonly number[]>));
  const filters: AskSpec["filters"] = [];
  const valid = COLUMNS.filter((c) => c.kind !== "id" && c.kind !== "numeric").map((c) => c.name);
  for (const [given, codes] of pairs) {
    const variable = named(NAMES.filterVariable, given, valid, "unknown-filter-variable");
    if (filters.some((f) => f.variable === variable))
      throw new SpecError("filter-repeated", SPEC_MESSAGES.filterRepeated(variable));
    filters.push({ variable, codes: parseCodes(codes, variable, "filter") });
  }
  return filters;
}

function normalizeAnswers(input: AskSpecInput["answers"], question: string, lang: Lang): AskSpec["answers"] {
  if (input === undefined || input === null || (typeof input === "string" && input.trim() === "")) return null;
  const column = columnOf(question);
  if (column?.kind === "numeric") throw numericError(question, "answers");
  if (!column || column.kind !== "categorical") {
    const valid = COLUMNS.filter((c) => c.kind === "categorical").map((c) => c.name);
    throw new SpecError("answers-not-categorical", SPEC_MESSAGES.answersNotCategorical(question, valid));
  }
  let groups: { label?: string; codes: number[] }[];
  if (typeof input === "string") {
    groups = input.split(";").map((part) => {
      const eq = part.indexOf("=");
      const codes = parseCodes(eq >= 0 ? part.slice(0, eq) : part, question, "answers");
      return eq >= 0 && part.slice(eq + 1).trim() !== "" ? { label: part.slice(eq + 1).trim(), codes } : { codes };
    });
  } else if (input.length > 0 && typeof input[0] === "number") {
    groups = [{ codes: parseCodes(input as readonly number[], question, "answers") }];
  } else {
    const given = input as readonly { label?: string; codes: readonly number[] }[];
    groups = given.map((g) => ({ label: g.label, codes: parseCodes(g.codes, question, "answers") }));
  }
  if (groups.length === 0) throw new SpecError("bad-answers", SPEC_MESSAGES.answersEmpty(question));
  const labelOf = (code: number) => column.codes.find((c) => c.code === code)?.label[lang];
  return groups.map((g) => ({ label: g.label ?? combinedLabel(g.codes.map(labelOf), g.codes, lang), codes: g.codes }));
}

/** Labels joined by " / " up to 60 characters, else the codes and the first label ("Koder 1–5: Bruger ikke… m.fl."). */
function combinedLabel(labels: readonly (string | undefined)[], codes: readonly number[], lang: Lang): string {
  const joined = labels.map((label, k) => label ?? String(codes[k])).join(" / ");
  if (joined.length <= 60) return joined;
  const runs: string[] = [];
  for (let k = 0; k < codes.length; k++) {
    let end = k;
    while (end + 1 < codes.length && codes[end + 1] === codes[end] + 1) end++;
    runs.push(end > k ? `${codes[k]}–${codes[end]}` : String(codes[k]));
    k = end;
  }
  const first = labels[0] ?? String(codes[0]);
  const short = first.length <= 30 ? first : `${first.slice(0, 29).trimEnd()}…`;
  return ANSWER_TEXT.combinedCodes(codes.length > 1, runs.join(", "), short)[lang];
}

function count(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0)
    throw new SpecError("bad-number", SPEC_MESSAGES.notANumber(name, String(value)));
  return value;
}

/** A spec's canonical form (names resolved, codes sorted, defaults filled): `normalizeSpec({ question: "tilbud" })`. */
export function normalizeSpec(input: AskSpecInput): AskSpec {
  const lang = input.lang === undefined ? "da" : input.lang === "da" || input.lang === "en" ? input.lang : null;
  if (lang === null) throw new SpecError("unknown-lang", SPEC_MESSAGES.unknownLang(String(input.lang)));
  if (input.question === undefined || input.question.trim() === "")
    throw new SpecError("missing-question", SPEC_MESSAGES.missingQuestion());
  const question = named(NAMES.question, input.question, questionNames(), "unknown-question");
  const givenBy = typeof input.by === "string" ? listOf(input.by, ",") : [...(input.by ?? [])];
  if (givenBy.length > 2) throw new SpecError("too-many-by", SPEC_MESSAGES.tooManyBy(givenBy));
  const by = givenBy.map((b) => named(NAMES.by, b, byNames(), "unknown-by"));
  const questionColumns = MULTI_RESPONSE_GROUPS.find((g) => g.name === question)?.columns ?? [question];
  const byIsQuestion = by.find((b) => questionColumns.includes(byVariable(b)));
  if (byIsQuestion !== undefined) throw new SpecError("by-is-question", SPEC_MESSAGES.byIsQuestion(byIsQuestion));
  if (by.length === 2 && byVariable(by[0]) === byVariable(by[1]))
    throw new SpecError("by-repeated", SPEC_MESSAGES.byRepeated(byVariable(by[0]), by));
  const bases = baseNames().join(", ");
  const baseHint = label(`Baser: ${bases}.`, `Bases: ${bases}.`);
  const base = input.base ? named(NAMES.base, input.base, baseNames(), "unknown-base", baseHint) : null;
  const statHint = label(
    "Statistikker: share (andel), mean (gennemsnit), total (antal).",
    "Statistics: share (andel), mean (gennemsnit), total (antal).",
  );
  const stat = input.stat
    ? (named(NAMES.statistic, input.stat, STATISTICS, "unknown-stat", statHint) as Statistic)
    : "share";
  const numeric = columnOf(question)?.kind === "numeric";
  if (numeric && stat === "share") throw numericError(question, input.answers ? "answers" : "share");
  if (stat === "mean" && scaleOf(question) === null && !numeric)
    throw new SpecError("mean-not-scale", SPEC_MESSAGES.meanNotScale(question));
  const wanted = input.variance?.toLowerCase().replace("linearized", "linearised");
  const variance = input.variance ? VARIANCES.find((v) => v === wanted) : "linearised";
  if (variance === undefined) {
    const message = SPEC_MESSAGES.unknownVariance(String(input.variance), VARIANCES);
    throw new SpecError("unknown-variance", message, suggest(input.variance ?? "", VARIANCES));
  }
  const answers = normalizeAnswers(input.answers, question, lang);
  if (answers !== null && stat === "mean") throw new SpecError("bad-answers", SPEC_MESSAGES.answersOnMean());
  const filters = normalizeFilters(input.filter);
  const minN = count(input.minN, "minN", DEFAULT_MIN_N);
  const minEffectiveN = count(input.minEffectiveN, "minEffectiveN", DEFAULT_MIN_EFFECTIVE_N);
  const spec: AskSpec = { question, by, base, filters, answers, stat, lang, variance, minN, minEffectiveN };
  const adjust = normalizeAdjust(input.adjust, spec, questionColumns);
  return adjust.length > 0 ? { ...spec, adjust } : spec;
}

/** The `--adjust` variables: columns or groupings, not the question or `by`, for a share by one `by` variable. */
function normalizeAdjust(input: AskSpecInput["adjust"], spec: AskSpec, questionColumns: readonly string[]): string[] {
  const given = typeof input === "string" ? listOf(input, ",") : [...(input ?? [])];
  if (given.length === 0) return [];
  if (spec.stat !== "share" || spec.by.length !== 1)
    throw new SpecError("bad-adjust", SPEC_MESSAGES.adjustNeedsShare());
  const adjust = given.map((a) => named(NAMES.adjust, a, byNames(), "unknown-adjust"));
  const taken = [...questionColumns, byVariable(spec.by[0])];
  adjust.forEach((a, k) => {
    const v = byVariable(a);
    if (taken.includes(v) || adjust.slice(0, k).some((b) => byVariable(b) === v))
      throw new SpecError("bad-adjust", SPEC_MESSAGES.adjustTaken(a, v));
  });
  return adjust;
}
