/** The catalogue's mechanism: a message is a Label (Danish and English), read in the user's language. */
import { label, type Lang } from "../labels";

/** A message in Danish and English (the codebook's `label`). @example t("fejl", "error").en // "error" */
export const t = label;

/** A list as messages write it. @example list([1, 2]) // "1, 2" */
export const list = (xs: readonly (string | number)[]): string => xs.join(", ");

/** A command's `--lang`: its language (`en`, else Danish), the other arguments, and a value that is neither `da` nor
 * `en` (else null). @example readLang(["a.csv", "--lang", "en"]) // { lang: "en", rest: ["a.csv"], wrong: null } */
export function readLang(argv: readonly string[]): { lang: Lang; rest: string[]; wrong: string | null } {
  const rest: string[] = [];
  let given = "da";
  for (let i = 0; i < argv.length; i++)
    if (argv[i] === "--lang") given = argv[++i] ?? "";
    else if (argv[i].startsWith("--lang=")) given = argv[i].slice(7);
    else rest.push(argv[i]);
  return { lang: given === "en" ? "en" : "da", rest, wrong: given === "da" || given === "en" ? null : given };
}
