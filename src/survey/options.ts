/** The one check of a verb's options object: nothing unknown, misspelled or of the wrong kind passes silently. */

import { DataError } from "./errors";

/** What an option may hold: a kind, a list of allowed words, or a test giving the problem (null when fine). */
export type OptionRule =
  | "number"
  | "boolean"
  | "string"
  | "strings"
  | "function"
  | "numbers"
  | readonly string[]
  | ((value: unknown) => string | null);

/**
 * Checks `options` against `rules`: an unknown option (with the nearest known name when it looks misspelled)
 * or a value of the wrong kind is a DataError naming the verb and the option. Undefined values are absent.
 * @example checkOptions("svyciprop", { levle: 0.9 }, { level: "number" }, "panel.csv") // throws: no option "levle"
 */
export function checkOptions(
  verb: string,
  options: object | undefined,
  rules: Readonly<Record<string, OptionRule>>,
  source: string,
): void {
  if (options === undefined) return;
  if (options === null || typeof options !== "object" || Array.isArray(options))
    throw new DataError({
      file: source,
      column: verb,
      problem: `${verb}'s options are not an object`,
      expected: "{ … }",
    });
  const known = Object.keys(rules);
  for (const [name, value] of Object.entries(options)) {
    if (value === undefined) continue;
    const rule = rules[name];
    if (rule === undefined) {
      const distance = (k: string) => editDistance(k.toLowerCase(), name.toLowerCase());
      const near = known.filter((k) => distance(k) <= 2).sort((a, b) => distance(a) - distance(b))[0];
      throw new DataError({
        file: source,
        column: name,
        problem: `${verb} has no option "${name}"${near === undefined ? "" : ` (did you mean "${near}"?)`}`,
        expected: known.length > 0 ? `one of ${known.join(", ")}` : "no options",
      });
    }
    const problem = ruleProblem(rule, value);
    if (problem !== null)
      throw new DataError({
        file: source,
        column: name,
        value: shown(value),
        problem: `${verb}: ${problem}`,
        expected: expectedOf(rule),
      });
  }
}

function ruleProblem(rule: OptionRule, value: unknown): string | null {
  if (typeof rule === "function") return rule(value);
  if (Array.isArray(rule)) return rule.includes(value as string) ? null : `"${shown(value)}" is not one of the choices`;
  const ok: Record<string, (v: unknown) => boolean> = {
    number: (v) => typeof v === "number" && !Number.isNaN(v),
    boolean: (v) => typeof v === "boolean",
    string: (v) => typeof v === "string",
    strings: (v) => typeof v === "string" || (Array.isArray(v) && v.every((x) => typeof x === "string")),
    function: (v) => typeof v === "function",
    numbers: (v) => Array.isArray(v) && v.every((x) => typeof x === "number" && Number.isFinite(x)),
  };
  return ok[rule as string](value) ? null : `the value is not ${expectedOf(rule)}`;
}

function expectedOf(rule: OptionRule): string {
  if (typeof rule === "function") return "a valid value";
  if (Array.isArray(rule)) return `one of ${rule.map((r) => `"${r}"`).join(", ")}`;
  const words: Record<string, string> = {
    number: "a number",
    boolean: "true or false",
    string: "a text",
    strings: "a column name or a list of them",
    function: "a function",
    numbers: "a list of finite numbers",
  };
  return words[rule as string];
}

function shown(value: unknown): string {
  if (typeof value === "function") return "a function";
  if (typeof value === "object" && value !== null) return JSON.stringify(value)?.slice(0, 80) ?? String(value);
  return String(value);
}

/** Levenshtein distance of two short words. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    previous = current;
  }
  return previous[b.length];
}
