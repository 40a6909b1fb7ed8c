/** A spec from the command line or a URL query, with the same names (`--by` is `by`); only `--filter` may repeat. */
import { DEFAULT_MIN_EFFECTIVE_N, DEFAULT_MIN_N, SpecError, normalizeSpec } from "./spec";
import type { AskSpec, AskSpecInput } from "./spec";
import { suggest } from "./names";
import { SPEC_MESSAGES } from "../codebook/messages";

/** The output formats of the command line. */
export const FORMATS = ["table", "csv", "csv-da", "xlsx", "json"] as const;
export type Format = (typeof FORMATS)[number];

const NAME_PARAMETERS = ["question", "by", "base", "filter", "answers", "stat"] as const;
/** The parameters a spec has, as long options and as URL query names. */
export const SPEC_PARAMETERS = [...NAME_PARAMETERS, "lang", "variance", "min-n", "min-effective-n", "adjust"] as const;
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

/** Parses the arguments after `ask` (`SpecError` for a mistake): `parseAskArgs(["tilbud", "--by", "branche"])`. */
export function parseAskArgs(argv: readonly string[]): AskCommand {
  const values = new Map<string, string[]>();
  const flags = new Set<string>();
  const known = [...SPEC_PARAMETERS, ...OUTPUT_PARAMETERS];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq >= 0 ? eq : undefined);
    if (arg === "-h") flags.add("help");
    else if (!arg.startsWith("--")) add(values, "question", arg, "The question");
    else if ((FLAGS as readonly string[]).includes(name)) flags.add(name);
    else if (!(known as readonly string[]).includes(name)) {
      const options = [...known, ...FLAGS];
      const dashed = options.map((k) => `--${k}`);
      const message = SPEC_MESSAGES.unknownOption(name, dashed);
      throw new SpecError(
        "unknown-option",
        message,
        suggest(name, options).map((s) => `--${s}`),
      );
    } else if (eq >= 0) add(values, name, arg.slice(eq + 1), `--${name}`);
    else {
      const next = argv[++i];
      if (next === undefined || next.startsWith("--"))
        throw new SpecError("missing-value", SPEC_MESSAGES.missingValue(name));
      add(values, name, next, `--${name}`);
    }
  }
  const help = flags.has("help");
  const list = flags.has("list");
  const formatText = values.get("format")?.[0] ?? "table";
  const format = FORMATS.find((f) => f === formatText);
  if (format === undefined) {
    const message = SPEC_MESSAGES.unknownFormat(formatText, FORMATS);
    throw new SpecError("unknown-format", message, suggest(formatText, FORMATS));
  }
  const out = values.get("out")?.[0] ?? null;
  if (format === "xlsx" && out === null && !help && !list)
    throw new SpecError("missing-out", SPEC_MESSAGES.missingOut());
  const spec = help || list ? null : normalizeSpec(toInput(values));
  return { spec, format, out, help, list, disclosureControl: !flags.has("no-disclosure-control") };
}

/** A spec from a URL query, with the command line's names: `specFromQuery("question=tilbud&by=stoerrelse")`. */
export function specFromQuery(search: string): AskSpec {
  const params = new URLSearchParams(search.startsWith("?") ? search.slice(1) : search);
  const values = new Map<string, string[]>();
  for (const [name, value] of params) {
    if (!(SPEC_PARAMETERS as readonly string[]).includes(name)) {
      const message = SPEC_MESSAGES.unknownParameter(name, SPEC_PARAMETERS);
      throw new SpecError("unknown-option", message, suggest(name, SPEC_PARAMETERS));
    }
    add(values, name, value, name);
  }
  return normalizeSpec(toInput(values));
}

function answersText(spec: AskSpec): string | null {
  if (spec.answers === null) return null;
  const groups = spec.answers.map((a) => ({ codes: a.codes }));
  const defaults = normalizeSpec({ question: spec.question, lang: spec.lang, answers: groups }).answers ?? [];
  const text = (a: { label: string; codes: number[] }, k: number): string =>
    `${a.codes.join(",")}${a.label === defaults[k]?.label ? "" : `=${a.label}`}`;
  return spec.answers.map(text).join(";");
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

/** The spec as a URL query (no "?") that `specFromQuery` reads back: `specToQuery(spec)` // "question=tilbud&by=…" */
export function specToQuery(spec: AskSpec): string {
  return new URLSearchParams(specPairs(spec)).toString();
}

/** The spec as a command line, quoted for a POSIX shell: `specToCommand(spec)` // "npx ask tilbud --by oekonomi" */
export function specToCommand(spec: AskSpec): string {
  const quote = (s: string): string => (/^[A-Za-z0-9_,.=+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  const [, ...rest] = specPairs(spec);
  return ["npx ask", quote(spec.question), ...rest.map(([name, value]) => `--${name} ${quote(value)}`)].join(" ");
}
