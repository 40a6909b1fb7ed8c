/** The question spec (one follow-up question) as the command line, notebooks and "Spørg data" ask it. */
import { BASES, COLUMNS, MULTI_RESPONSE_GROUPS, type ColumnSpec, type Label, type Lang } from "../codebook";
import { ANSWER_TEXT, NAMES, SPEC_MESSAGES } from "../codebook/messages";
import {
  STATISTICS,
  baseNames,
  canonicalName,
  byNames,
  byVariable,
  columnOf,
  questionNames,
  resolveName,
  scaleOf,
  suggest,
  type Statistic,
} from "./names";

/** Which codes of a variable (a filter) or of the question (an answer group) count. */
export interface CodeSet {
  variable: string;
  codes: number[];
}

/** A group of the question's answer codes reported as one answer, e.g. 1–2 "Stort/meget stort". */
export interface AnswerGroup {
  label: string;
  codes: number[];
}

/** A checked, canonical question spec. */
export interface AskSpec {
  question: string; // A categorical, 0/1 or numeric column, or a multi-response group.
  by: string[]; // Zero, one or two `by` variables (columns or named groupings such as `oekonomi_2grp`).
  base: string | null; // A named base, or null for the respondents who were asked the question.
  filters: CodeSet[];
  answers: AnswerGroup[] | null; // Answer groups of a categorical question, or null for every answer code on its own.
  stat: Statistic;
  lang: Lang;
  variance: Variance;
  minN: number; // Suppression: fewer respondents, or a smaller Kish effective number of them.
  minEffectiveN: number;
  adjust?: string[]; // Variables held fixed (`--adjust`) for adjusted shares per `by` group; absent when none.
}

/** The variance methods: linearisation (as R's default), or replicate weights as `as.svrepdesign()` + `calibrate()`. */
export const VARIANCES = ["linearised", "jk1", "bootstrap"] as const;
export type Variance = (typeof VARIANCES)[number];

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

/** Every kind of mistake a spec can have. */
export const SPEC_ERROR_CODES = [
  "missing-question",
  "unknown-question",
  "unknown-by",
  "too-many-by",
  "by-is-question",
  "by-repeated",
  "unknown-base",
  "base-not-asked",
  "by-not-asked",
  "bad-filter",
  "unknown-filter-variable",
  "filter-repeated",
  "unknown-code",
  "bad-answers",
  "answers-not-categorical",
  "unknown-stat",
  "mean-not-scale",
  "numeric-not-categorical",
  "unknown-lang",
  "unknown-variance",
  "bad-number",
  "empty-base",
  "unknown-option",
  "repeated-option",
  "missing-value",
  "unknown-format",
  "missing-out",
  "disclosure",
  "unknown-adjust",
  "bad-adjust",
] as const;
export type SpecErrorCode = (typeof SPEC_ERROR_CODES)[number];

/** A mistake in a question spec: a named `code`, a message in words, and suggestions for a near miss. */
export class SpecError extends Error {
  readonly code: SpecErrorCode;
  readonly suggestions: string[];
  readonly texts: Label;
  constructor(code: SpecErrorCode, message: Label, suggestions: string[] = []) {
    const hint = SPEC_MESSAGES.didYouMean(suggestions);
    const texts =
      suggestions.length === 0 ? message : { da: `${message.da} ${hint.da}`, en: `${message.en} ${hint.en}` };
    super(texts.da);
    this.name = "SpecError";
    this.code = code;
    this.suggestions = suggestions;
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
    share: { da: "en andel (--stat share)", en: "a share (--stat share)" },
    answers: { da: "svargrupper (--answers)", en: "answer groups (--answers)" },
  }[what];
  return new SpecError("numeric-not-categorical", {
    da: `"${question}" er et tal, ikke svarkategorier, så ${asked.da} giver ikke mening. Brug --stat mean (gennemsnit) eller --stat total (sum).`,
    en: `"${question}" is a number, not answer categories, so ${asked.en} does not apply. Use --stat mean or --stat total.`,
  });
}

function byCode(column: ColumnSpec | undefined, code: number): string {
  return column?.codes.find((c) => c.code === code)?.label.da ?? String(code);
}

/** The code whose label is `text`, case and æøå (as ae/oe/aa) ignored; null when no label is. */
function byLabelText(column: ColumnSpec | undefined, text: string): number | null {
  const wanted = canonicalName(text);
  return (
    column?.codes.find((c) => canonicalName(c.label.da) === wanted || canonicalName(c.label.en) === wanted)?.code ??
    null
  );
}

/**
 * Codes from text: "1,2", "1-2" (a range), "1+2", a label ("Midtjylland", case and æøå ignored), or a number;
 * each checked against the variable's codes.
 * @example parseCodes("1-3", "stoerrelse") // [1, 2, 3]
 */
export function parseCodes(
  text: string | number | readonly number[],
  variable: string,
  what: "filter" | "answers",
): number[] {
  const column = columnOf(variable);
  const valid = column ? column.codes.map((c) => c.code) : [];
  let codes: number[];
  if (typeof text === "number") codes = [text];
  else if (typeof text !== "string") codes = [...text];
  else {
    codes = [];
    // "+" joins labels that hold commas themselves; a piece that is not a whole label is split at its commas.
    const pieces = text.split("+").flatMap((p) => (byLabelText(column, p) !== null ? [p] : p.split(",")));
    for (const part of pieces.map((p) => p.trim())) {
      const range = /^(\d+)\s*[-–]\s*(\d+)$/.exec(part);
      if (range) {
        // Checked before it is expanded: a range beyond the variable's codes is an error at once, however wide.
        const [from, to] = [Number(range[1]), Number(range[2])];
        const outside = [from, to].find((end) => !valid.includes(end));
        if (outside !== undefined) codes.push(outside);
        else for (let c = from; c <= to; c++) codes.push(c);
        continue;
      }
      if (/^\d+$/.test(part)) {
        codes.push(Number(part));
        continue;
      }
      const labelled = byLabelText(column, part);
      if (labelled !== null) codes.push(labelled);
      else
        throw new SpecError(
          what === "filter" ? "bad-filter" : "bad-answers",
          SPEC_MESSAGES.notCodes(
            NAMES[what],
            variable,
            text,
            valid.map((c) => byCode(column, c)),
          ),
        );
    }
  }
  if (codes.length === 0)
    throw new SpecError(what === "filter" ? "bad-filter" : "bad-answers", SPEC_MESSAGES.noCodes(NAMES[what], variable));
  for (const code of codes) {
    if (!valid.includes(code)) {
      throw new SpecError("unknown-code", SPEC_MESSAGES.unknownCode(NAMES[what], variable, code, valid));
    }
  }
  return Array.from(new Set(codes)).sort((a, b) => a - b);
}

/** The non-empty parts of a list, trimmed. */
function listOf(text: string, separator: string): string[] {
  return text
    .split(separator)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

function normalizeFilters(input: AskSpecInput["filter"]): CodeSet[] {
  if (input === undefined) return [];
  const pairs: [string, string | number | readonly number[]][] = [];
  if (typeof input === "string" || Array.isArray(input)) {
    const given = typeof input === "string" ? [input] : (input as readonly string[]);
    for (const part of given.flatMap((s) => listOf(s, ";"))) {
      const eq = part.indexOf("=");
      if (eq <= 0) throw new SpecError("bad-filter", SPEC_MESSAGES.filterNotPair(part));
      pairs.push([part.slice(0, eq).trim(), part.slice(eq + 1).trim()]);
    }
  } else pairs.push(...Object.entries(input as Record<string, string | number | readonly number[]>));

  const filters: CodeSet[] = [];
  const valid = COLUMNS.filter((c) => c.kind !== "id" && c.kind !== "numeric").map((c) => c.name);
  for (const [given, codes] of pairs) {
    const variable = named(NAMES.filterVariable, given, valid, "unknown-filter-variable");
    if (filters.some((f) => f.variable === variable))
      throw new SpecError("filter-repeated", SPEC_MESSAGES.filterRepeated(variable));
    filters.push({ variable, codes: parseCodes(codes, variable, "filter") });
  }
  return filters;
}

function normalizeAnswers(input: AskSpecInput["answers"], question: string, lang: Lang): AnswerGroup[] | null {
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
    groups = (input as readonly { label?: string; codes: readonly number[] }[]).map((g) => ({
      label: g.label,
      codes: parseCodes(g.codes, question, "answers"),
    }));
  }
  if (groups.length === 0) throw new SpecError("bad-answers", SPEC_MESSAGES.answersEmpty(question));
  return groups.map((g) => ({
    label:
      g.label ??
      combinedLabel(
        g.codes.map((code) => column.codes.find((c) => c.code === code)?.label[lang]),
        g.codes,
        lang,
      ),
    codes: g.codes,
  }));
}

/**
 * The label of answers combined without a label of their own: their labels joined by " / " up to 60 characters,
 * else the codes and the first label ("Koder 1–5: Bruger ikke AI, og det er ikk… m.fl.").
 * @example combinedLabel(["Meget stort potentiale", "Stort potentiale"], [1, 2], "da") // "Meget stort potentiale / Stort potentiale"
 */
export function combinedLabel(labels: readonly (string | undefined)[], codes: readonly number[], lang: Lang): string {
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

/**
 * A spec's canonical form (names resolved, codes sorted, defaults filled); `SpecError` for the first mistake.
 * @example normalizeSpec({ question: "pot_salg", answers: "1-2" }).answers?.[0].codes // [1, 2]
 */
export function normalizeSpec(input: AskSpecInput): AskSpec {
  const lang = input.lang === undefined ? "da" : input.lang === "da" || input.lang === "en" ? input.lang : null;
  if (lang === null) throw new SpecError("unknown-lang", SPEC_MESSAGES.unknownLang(String(input.lang)));
  if (input.question === undefined || input.question.trim() === "") {
    throw new SpecError("missing-question", SPEC_MESSAGES.missingQuestion());
  }
  const question = named(NAMES.question, input.question, questionNames(), "unknown-question");
  const givenBy = typeof input.by === "string" ? listOf(input.by, ",") : [...(input.by ?? [])];
  if (givenBy.length > 2) throw new SpecError("too-many-by", SPEC_MESSAGES.tooManyBy(givenBy));
  const by = givenBy.map((b) => named(NAMES.by, b, byNames(), "unknown-by"));
  const questionColumns = MULTI_RESPONSE_GROUPS.find((g) => g.name === question)?.columns ?? [question];
  for (const b of by) {
    if (questionColumns.includes(byVariable(b))) {
      throw new SpecError("by-is-question", SPEC_MESSAGES.byIsQuestion(b));
    }
  }
  if (by.length === 2 && byVariable(by[0]) === byVariable(by[1])) {
    throw new SpecError("by-repeated", SPEC_MESSAGES.byRepeated(byVariable(by[0]), by));
  }
  const base =
    input.base === undefined || input.base === null || input.base === ""
      ? null
      : named(NAMES.base, input.base, baseNames(), "unknown-base", {
          da: `Baser: ${baseNames().join(", ")}.`,
          en: `Bases: ${baseNames().join(", ")}.`,
        });
  const statHint = {
    da: "Statistikker: share (andel), mean (gennemsnit), total (antal).",
    en: "Statistics: share (andel), mean (gennemsnit), total (antal).",
  };
  const stat =
    input.stat === undefined || input.stat === ""
      ? "share"
      : (named(NAMES.statistic, input.stat, STATISTICS, "unknown-stat", statHint) as Statistic);
  const numeric = columnOf(question)?.kind === "numeric";
  if (numeric && stat === "share") throw numericError(question, input.answers ? "answers" : "share");
  if (stat === "mean" && scaleOf(question) === null && !numeric) {
    throw new SpecError("mean-not-scale", SPEC_MESSAGES.meanNotScale(question));
  }
  const variance =
    input.variance === undefined || input.variance === ""
      ? "linearised"
      : VARIANCES.find((v) => v === input.variance?.toLowerCase().replace("linearized", "linearised"));
  if (variance === undefined)
    throw new SpecError(
      "unknown-variance",
      SPEC_MESSAGES.unknownVariance(String(input.variance), VARIANCES),
      suggest(input.variance ?? "", VARIANCES),
    );
  const answers = normalizeAnswers(input.answers, question, lang);
  if (answers !== null && stat === "mean") throw new SpecError("bad-answers", SPEC_MESSAGES.answersOnMean());
  const spec: AskSpec = {
    question,
    by,
    base,
    filters: normalizeFilters(input.filter),
    answers,
    stat,
    lang,
    variance,
    minN: count(input.minN, "minN", DEFAULT_MIN_N),
    minEffectiveN: count(input.minEffectiveN, "minEffectiveN", DEFAULT_MIN_EFFECTIVE_N),
  };
  const adjust = normalizeAdjust(input.adjust, { ...spec, question: questionColumns });
  return adjust.length > 0 ? { ...spec, adjust } : spec;
}

/** The `--adjust` variables: columns or groupings, not the question or `by`, for a share by one `by` variable. */
function normalizeAdjust(
  input: AskSpecInput["adjust"],
  spec: Omit<AskSpec, "question"> & { question: readonly string[] },
) {
  const given = typeof input === "string" ? listOf(input, ",") : [...(input ?? [])];
  if (given.length === 0) return [];
  if (spec.stat !== "share" || spec.by.length !== 1)
    throw new SpecError("bad-adjust", SPEC_MESSAGES.adjustNeedsShare());
  const adjust = given.map((a) => named(NAMES.adjust, a, byNames(), "unknown-adjust"));
  const taken = [...spec.question, byVariable(spec.by[0])];
  adjust.forEach((a, k) => {
    const v = byVariable(a);
    if (taken.includes(v) || adjust.slice(0, k).some((b) => byVariable(b) === v))
      throw new SpecError("bad-adjust", SPEC_MESSAGES.adjustTaken(a, v));
  });
  return adjust;
}
