/** The one check of a verb's options object: nothing unknown, misspelled or of the wrong kind passes silently. */

import { DataError } from "./errors";

/** The kinds an option may be: each one's test and its wording. */
const KINDS = {
  number: [(v: unknown) => typeof v === "number" && !Number.isNaN(v), "a number"],
  boolean: [(v: unknown) => typeof v === "boolean", "true or false"],
  string: [(v: unknown) => typeof v === "string", "a text"],
  strings: [
    (v: unknown) => typeof v === "string" || (Array.isArray(v) && v.every((x) => typeof x === "string")),
    "a column name or a list of them",
  ],
  function: [(v: unknown) => typeof v === "function", "a function"],
  numbers: [
    (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === "number" && Number.isFinite(x)),
    "a list of finite numbers",
  ],
} as const;

/** What an option may hold: a kind, a list of allowed words, or a test giving the problem (null when fine). */
export type OptionRule = keyof typeof KINDS | readonly string[] | ((value: unknown) => string | null);

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
    let problem: string | null;
    let expected = "a valid value";
    if (typeof rule === "function") problem = rule(value);
    else if (Array.isArray(rule)) {
      expected = `one of ${rule.map((r) => `"${r}"`).join(", ")}`;
      problem = rule.includes(value as string) ? null : `"${shown(value)}" is not one of the choices`;
    } else {
      const [test, wording] = KINDS[rule as keyof typeof KINDS];
      expected = wording;
      problem = test(value) ? null : `the value is not ${wording}`;
    }
    if (problem !== null)
      throw new DataError({
        file: source,
        column: name,
        value: shown(value),
        problem: `${verb}: ${problem}`,
        expected,
      });
  }
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
