/** A spec from the command line or a URL query, with the same names (`--by` is `by`); only `--filter` may repeat. */
import {
  DEFAULT_MIN_EFFECTIVE_N,
  DEFAULT_MIN_N,
  SpecError,
  normalizeSpec,
  type AskSpec,
  type AskSpecInput,
} from "./spec";
import { suggest } from "./names";
import { SPEC_MESSAGES } from "../codebook/messages";

/** The output formats of the command line. */
export const FORMATS = ["table", "csv", "csv-da", "xlsx", "json"] as const;
export type Format = (typeof FORMATS)[number];

/** The parameters a spec has, as long options and as URL query names. */
export const SPEC_PARAMETERS = [
  "question",
  "by",
  "base",
  "filter",
  "answers",
  "stat",
  "lang",
  "variance",
  "min-n",
  "min-effective-n",
  "adjust",
] as const;
const OUTPUT_PARAMETERS = ["format", "out"] as const;
const FLAGS = ["help", "list", "no-disclosure-control"] as const;

/** A parsed command line: the spec, and how to write it out (or `help` / `list`). */
export interface AskCommand {
  spec: AskSpec | null;
  format: Format;
  out: string | null;
  help: boolean;
  list: boolean;
  disclosureControl: boolean; // False with --no-disclosure-control (a real panel's answer then says so).
}

function toInput(values: Map<string, string[]>): AskSpecInput {
  const one = (name: string): string | undefined => values.get(name)?.[0];
  const number = (name: string): number | undefined => {
    const text = one(name);
    if (text === undefined) return undefined;
    const x = Number(text.replace(",", "."));
    if (text.trim() === "" || !Number.isFinite(x) || x < 0)
      throw new SpecError("bad-number", SPEC_MESSAGES.optionNotNumber(name, text));
    return x;
  };
  const input: AskSpecInput = { filter: values.get("filter") };
  for (const name of ["question", "by", "base", "answers", "stat", "lang", "variance", "adjust"] as const)
    input[name] = one(name);
  return { ...input, minN: number("min-n"), minEffectiveN: number("min-effective-n") };
}

function add(values: Map<string, string[]>, name: string, value: string, written: string): void {
  const list = values.get(name) ?? [];
  if (list.length > 0 && name !== "filter") {
    const hint =
      name === "by"
        ? SPEC_MESSAGES.twoByHint(written, [...list, value])
        : name === "question"
          ? SPEC_MESSAGES.npmRunHint()
          : null;
    throw new SpecError("repeated-option", SPEC_MESSAGES.repeatedOption(written, list[0], value, hint));
  }
  values.set(name, [...list, value]);
}

/**
 * Parses the arguments after `ask`. A spec mistake throws `SpecError`; `--help` and `--list` need no question.
 * @example parseAskArgs(["pot_salg", "--answers", "1-2", "--by", "branche"]).spec?.answers
 */
export function parseAskArgs(argv: readonly string[]): AskCommand {
  const values = new Map<string, string[]>();
  const flags = new Set<string>();
  const known = [...SPEC_PARAMETERS, ...OUTPUT_PARAMETERS];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "-h") {
      flags.add("help");
      continue;
    }
    if (!arg.startsWith("--")) {
      add(values, "question", arg, "The question");
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq >= 0 ? eq : undefined);
    if ((FLAGS as readonly string[]).includes(name)) {
      flags.add(name);
      continue;
    }
    if (!(known as readonly string[]).includes(name)) {
      throw new SpecError(
        "unknown-option",
        SPEC_MESSAGES.unknownOption(
          name,
          [...known, ...FLAGS].map((k) => `--${k}`),
        ),
        suggest(name, [...known, ...FLAGS]).map((s) => `--${s}`),
      );
    }
    let value: string;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith("--"))
        throw new SpecError("missing-value", SPEC_MESSAGES.missingValue(name));
      value = next;
      i++;
    }
    add(values, name, value, `--${name}`);
  }
  const help = flags.has("help");
  const list = flags.has("list");
  const formatText = values.get("format")?.[0] ?? "table";
  const format = FORMATS.find((f) => f === formatText);
  if (format === undefined)
    throw new SpecError(
      "unknown-format",
      SPEC_MESSAGES.unknownFormat(formatText, FORMATS),
      suggest(formatText, FORMATS),
    );
  const out = values.get("out")?.[0] ?? null;
  if (format === "xlsx" && out === null && !help && !list)
    throw new SpecError("missing-out", SPEC_MESSAGES.missingOut());
  const spec = help || list ? null : normalizeSpec(toInput(values));
  return { spec, format, out, help, list, disclosureControl: !flags.has("no-disclosure-control") };
}

/**
 * A spec from a URL query string (`?question=tilbud&by=stoerrelse`), with the command line's names.
 * @example specFromQuery("question=pot_salg&answers=1-2&by=branche").answers?.[0].codes // [1, 2]
 */
export function specFromQuery(search: string): AskSpec {
  const params = new URLSearchParams(search.startsWith("?") ? search.slice(1) : search);
  const values = new Map<string, string[]>();
  for (const [name, value] of params) {
    if (!(SPEC_PARAMETERS as readonly string[]).includes(name)) {
      throw new SpecError(
        "unknown-option",
        SPEC_MESSAGES.unknownParameter(name, SPEC_PARAMETERS),
        suggest(name, SPEC_PARAMETERS),
      );
    }
    add(values, name, value, name);
  }
  return normalizeSpec(toInput(values));
}

function answersText(spec: AskSpec): string | null {
  if (spec.answers === null) return null;
  const defaults =
    normalizeSpec({ question: spec.question, lang: spec.lang, answers: spec.answers.map((a) => ({ codes: a.codes })) })
      .answers ?? [];
  return spec.answers
    .map((a, k) => `${a.codes.join(",")}${a.label === defaults[k]?.label ? "" : `=${a.label}`}`)
    .join(";");
}

function specPairs(spec: AskSpec): [string, string][] {
  const pairs: [string, string][] = [["question", spec.question]];
  if (spec.by.length > 0) pairs.push(["by", spec.by.join(",")]);
  if (spec.base !== null) pairs.push(["base", spec.base]);
  for (const f of spec.filters) pairs.push(["filter", `${f.variable}=${f.codes.join(",")}`]);
  const answers = answersText(spec);
  if (answers !== null) pairs.push(["answers", answers]);
  if (spec.stat !== "share") pairs.push(["stat", spec.stat]);
  if (spec.lang !== "da") pairs.push(["lang", spec.lang]);
  if (spec.variance !== "linearised") pairs.push(["variance", spec.variance]);
  if (spec.minN !== DEFAULT_MIN_N) pairs.push(["min-n", String(spec.minN)]);
  if (spec.minEffectiveN !== DEFAULT_MIN_EFFECTIVE_N) pairs.push(["min-effective-n", String(spec.minEffectiveN)]);
  if (spec.adjust !== undefined) pairs.push(["adjust", spec.adjust.join(",")]);
  return pairs;
}

/**
 * The spec as a URL query string (without "?"); `specFromQuery` reads it back to the same spec.
 * @example specToQuery(normalizeSpec({ question: "tilbud", by: "stoerrelse" })) // "question=tilbud&by=stoerrelse"
 */
export function specToQuery(spec: AskSpec): string {
  return new URLSearchParams(specPairs(spec)).toString();
}

/**
 * The spec as a command line (`npx ask tilbud --by stoerrelse`), quoted for a POSIX shell where needed.
 * @example specToCommand(normalizeSpec({ question: "tilbud", by: "oekonomi" })) // "npx ask tilbud --by oekonomi"
 */
export function specToCommand(spec: AskSpec): string {
  const quote = (s: string): string => (/^[A-Za-z0-9_,.=+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  const [, ...rest] = specPairs(spec);
  return ["npx ask", quote(spec.question), ...rest.map(([name, value]) => `--${name} ${quote(value)}`)].join(" ");
}
