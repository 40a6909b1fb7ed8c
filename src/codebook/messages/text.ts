/** The catalogue's mechanism: a message is a Label (Danish and English), read in the user's language. */
import { label, type Lang } from "../labels";

/** A message in Danish and English (the codebook's `label`). @example t("fejl", "error").en // "error" */
export const t = label;

/** A list as messages write it. @example list([1, 2]) // "1, 2" */
export const list = (xs: readonly (string | number)[]): string => xs.join(", ");

/**
 * The language a command's messages are in: `--lang en` (or `--lang=en`) gives English, anything else Danish.
 * @example langOf(["panel.csv", "--lang", "en"]) // "en"
 */
export function langOf(argv: readonly string[]): Lang {
  const at = argv.findIndex((a) => a === "--lang" || a.startsWith("--lang="));
  const given = at < 0 ? "da" : argv[at].startsWith("--lang=") ? argv[at].slice(7) : argv[at + 1];
  return given === "en" ? "en" : "da";
}

/** The arguments without `--lang X` (or `--lang=X`). @example withoutLang(["a", "--lang", "en"]) // ["a"] */
export function withoutLang(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++)
    if (argv[i] === "--lang") i++;
    else if (!argv[i].startsWith("--lang=")) out.push(argv[i]);
  return out;
}
