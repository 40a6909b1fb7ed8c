/** The question spec (one follow-up question) as the command line, notebooks and "Spørg data" ask it. */
import { BASES, COLUMNS, MULTI_RESPONSE_GROUPS, type ColumnSpec, type Lang } from "../codebook";
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
  "answer-code-twice",
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
  "unknown-adjust",
  "bad-adjust",
] as const;
export type SpecErrorCode = (typeof SPEC_ERROR_CODES)[number];

/** A mistake in a question spec: a named `code`, a message in words, and suggestions for a near miss. */
export class SpecError extends Error {
  readonly code: SpecErrorCode;
  readonly suggestions: string[];
  constructor(code: SpecErrorCode, message: string, suggestions: string[] = []) {
    super(
      suggestions.length > 0 ? `${message} Did you mean ${suggestions.map((s) => `"${s}"`).join(" or ")}?` : message,
    );
    this.name = "SpecError";
    this.code = code;
    this.suggestions = suggestions;
  }
}

/** Default suppression limits (as the report's own tables): n < 10 or effective n < 5. */
export const DEFAULT_MIN_N = 10;
export const DEFAULT_MIN_EFFECTIVE_N = 5;

function named(what: string, given: string, valid: readonly string[], code: SpecErrorCode, hint: string): string {
  const found = resolveName(given, valid);
  if (found !== null) return found;
  throw new SpecError(code, `Unknown ${what} "${given}". ${hint}`, suggest(given, valid));
}

const LIST_HINT = "`npx ask --list` lists the names.";

function numericError(question: string, what: "share" | "answers", lang: Lang): SpecError {
  const asked = {
    share: { da: "en andel (--stat share)", en: "a share (--stat share)" },
    answers: { da: "svargrupper (--answers)", en: "answer groups (--answers)" },
  }[what][lang];
  return new SpecError(
    "numeric-not-categorical",
    lang === "da"
      ? `"${question}" er et tal, ikke svarkategorier, så ${asked} giver ikke mening. Brug --stat mean (gennemsnit) eller --stat total (sum).`
      : `"${question}" is a number, not answer categories, so ${asked} does not apply. Use --stat mean or --stat total.`,
  );
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
export function parseCodes(text: string | number | readonly number[], variable: string, what: string): number[] {
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
          `${what} for "${variable}": "${text}" is not a list of codes or labels; expected e.g. "1", "1,2", "1-2" or a label (${valid.map((c) => byCode(column, c)).join(", ")}).`,
        );
    }
  }
  if (codes.length === 0)
    throw new SpecError(
      what === "filter" ? "bad-filter" : "bad-answers",
      `${what} for "${variable}" names no codes; expected e.g. "1" or "1-2".`,
    );
  for (const code of codes) {
    if (!valid.includes(code)) {
      throw new SpecError(
        "unknown-code",
        `${what} for "${variable}": code ${code} is not a code of "${variable}"; expected one of ${valid.join(", ")}.`,
      );
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
      if (eq <= 0)
        throw new SpecError(
          "bad-filter",
          `Filter "${part}" is not variable=codes; expected e.g. "stoerrelse=1" or "branche=4,5".`,
        );
      pairs.push([part.slice(0, eq).trim(), part.slice(eq + 1).trim()]);
    }
  } else pairs.push(...Object.entries(input as Record<string, string | number | readonly number[]>));

  const filters: CodeSet[] = [];
  const valid = COLUMNS.filter((c) => c.kind !== "id" && c.kind !== "numeric").map((c) => c.name);
  for (const [given, codes] of pairs) {
    const variable = named("filter variable", given, valid, "unknown-filter-variable", LIST_HINT);
    if (filters.some((f) => f.variable === variable))
      throw new SpecError(
        "filter-repeated",
        `Filter on "${variable}" given twice; give all its codes at once, e.g. "${variable}=1,2".`,
      );
    filters.push({ variable, codes: parseCodes(codes, variable, "filter") });
  }
  return filters;
}

function normalizeAnswers(input: AskSpecInput["answers"], question: string, lang: Lang): AnswerGroup[] | null {
  if (input === undefined || input === null || (typeof input === "string" && input.trim() === "")) return null;
  const column = columnOf(question);
  if (column?.kind === "numeric") throw numericError(question, "answers", lang);
  if (!column || column.kind !== "categorical") {
    const valid = COLUMNS.filter((c) => c.kind === "categorical").map((c) => c.name);
    throw new SpecError(
      "answers-not-categorical",
      `Answer groups need a categorical question; "${question}" is not one. Categorical questions: ${valid.join(", ")}.`,
    );
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
  if (groups.length === 0)
    throw new SpecError("bad-answers", `Answer groups for "${question}" are empty; expected e.g. "1-2".`);
  const seen = new Set<number>();
  for (const g of groups) {
    for (const code of g.codes) {
      if (seen.has(code))
        throw new SpecError(
          "answer-code-twice",
          `Answer code ${code} of "${question}" is in more than one answer group; expected each code in at most one.`,
        );
      seen.add(code);
    }
  }
  return groups.map((g) => ({
    label:
      g.label ??
      g.codes.map((code) => column.codes.find((c) => c.code === code)?.label[lang] ?? String(code)).join(" / "),
    codes: g.codes,
  }));
}

function count(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0)
    throw new SpecError("bad-number", `${name} must be a non-negative number, got ${value}.`);
  return value;
}

/**
 * A spec's canonical form (names resolved, codes sorted, defaults filled); `SpecError` for the first mistake.
 * @example normalizeSpec({ question: "pot_salg", answers: "1-2" }).answers?.[0].codes // [1, 2]
 */
export function normalizeSpec(input: AskSpecInput): AskSpec {
  const lang = input.lang === undefined ? "da" : input.lang === "da" || input.lang === "en" ? input.lang : null;
  if (lang === null) throw new SpecError("unknown-lang", `Unknown language "${input.lang}"; expected da or en.`);
  if (input.question === undefined || input.question.trim() === "") {
    throw new SpecError(
      "missing-question",
      "No question given; expected a column such as ai_brug or a multi-response group such as tilbud.",
    );
  }
  const question = named("question", input.question, questionNames(), "unknown-question", LIST_HINT);
  const givenBy = typeof input.by === "string" ? listOf(input.by, ",") : [...(input.by ?? [])];
  if (givenBy.length > 2)
    throw new SpecError("too-many-by", `At most two "by" variables, got ${givenBy.length}: ${givenBy.join(", ")}.`);
  const by = givenBy.map((b) => named('"by" variable', b, byNames(), "unknown-by", LIST_HINT));
  const questionColumns = MULTI_RESPONSE_GROUPS.find((g) => g.name === question)?.columns ?? [question];
  for (const b of by) {
    if (questionColumns.includes(byVariable(b))) {
      throw new SpecError(
        "by-is-question",
        `"by" ${b} is the question itself; a question split by itself says nothing. Choose another variable, e.g. stoerrelse or branche.`,
      );
    }
  }
  if (by.length === 2 && byVariable(by[0]) === byVariable(by[1])) {
    throw new SpecError(
      "by-repeated",
      `"by" names ${byVariable(by[0])} twice (${by.join(", ")}); choose two different variables.`,
    );
  }
  const base =
    input.base === undefined || input.base === null || input.base === ""
      ? null
      : named("base", input.base, baseNames(), "unknown-base", `Bases: ${BASES.map((b) => b.name).join(", ")}.`);
  const statHint = "Statistics: share (andel), mean (gennemsnit), total (antal).";
  const stat =
    input.stat === undefined || input.stat === ""
      ? "share"
      : (named("statistic", input.stat, STATISTICS, "unknown-stat", statHint) as Statistic);
  const numeric = columnOf(question)?.kind === "numeric";
  if (numeric && stat === "share") throw numericError(question, input.answers ? "answers" : "share", lang);
  if (stat === "mean" && scaleOf(question) === null && !numeric) {
    throw new SpecError(
      "mean-not-scale",
      `A mean needs a rating scale; "${question}" is not one. Scales: oekonomi, digi_produktivitet, pot_<area>.`,
    );
  }
  const variance =
    input.variance === undefined || input.variance === ""
      ? "linearised"
      : VARIANCES.find((v) => v === input.variance?.toLowerCase().replace("linearized", "linearised"));
  if (variance === undefined)
    throw new SpecError(
      "unknown-variance",
      `Unknown variance method "${input.variance}"; expected ${VARIANCES.join(", ")}.`,
      suggest(input.variance ?? "", VARIANCES),
    );
  const answers = normalizeAnswers(input.answers, question, lang);
  if (answers !== null && stat === "mean")
    throw new SpecError("bad-answers", "Answer groups apply to a share or a total, not to a mean.");
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
  const bad = (danish: string, english: string) => new SpecError("bad-adjust", spec.lang === "da" ? danish : english);
  if (spec.stat !== "share" || spec.by.length !== 1)
    throw bad(
      "--adjust giver justerede andele (--stat share) for grupperne i én --by, fx --by stoerrelse --adjust branche,alder.",
      "--adjust gives adjusted shares (--stat share) for the groups of one --by, e.g. --by stoerrelse --adjust branche,alder.",
    );
  const adjust = given.map((a) => named("adjustment variable", a, byNames(), "unknown-adjust", LIST_HINT));
  const taken = [...spec.question, byVariable(spec.by[0])];
  adjust.forEach((a, k) => {
    const v = byVariable(a);
    if (taken.includes(v) || adjust.slice(0, k).some((b) => byVariable(b) === v))
      throw bad(
        `--adjust ${a}: ${v} er allerede spørgsmålet, --by eller en anden justering.`,
        `--adjust ${a}: ${v} is already the question, --by or another adjustment.`,
      );
  });
  return adjust;
}
