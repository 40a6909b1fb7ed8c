/** The command line's `--help` and `--list`. */
import { BASES, CODE_GROUPINGS, COLUMNS, DERIVED_QUESTIONS, MULTI_RESPONSE_GROUPS, type Lang } from "../codebook";
import { ASK_HELP, LIST_HEADINGS } from "../codebook/messages";
import { scaleOf } from "./names";

/**
 * The text of `npx ask --help`, in Danish unless `lang` is "en".
 * @example helpText("da").startsWith("Spørg data") // true
 */
export function helpText(lang: Lang): string {
  return ASK_HELP[lang];
}

/**
 * Every name the spec takes (questions, `by` variables and groupings, bases), with its label.
 * @example listText("da").includes("tilbud") // true
 */
export function listText(lang: Lang): string {
  const line = (name: string, label: string): string => `  ${name.padEnd(28)} ${label}`;
  const categorical = COLUMNS.filter((c) => c.kind === "categorical");
  const binary = COLUMNS.filter((c) => c.kind === "binary" && c.group === undefined);
  const numeric = COLUMNS.filter((c) => c.kind === "numeric");
  const scale = LIST_HEADINGS.scale[lang];
  const out = [
    LIST_HEADINGS.multi[lang],
    ...MULTI_RESPONSE_GROUPS.map((g) => line(g.name, g.label[lang])),
    LIST_HEADINGS.single[lang],
    ...categorical.flatMap((c) => [
      line(c.name, `${c.label[lang]}${scaleOf(c.name) ? scale : ""}`),
      `  ${"".padEnd(28)} ${c.codes.map((k) => `${k.code} = ${k.label[lang]}`).join("; ")}`,
    ]),
    ...binary.map((c) => line(c.name, c.label[lang])),
    ...(numeric.length === 0 ? [] : [LIST_HEADINGS.numeric[lang], ...numeric.map((c) => line(c.name, c.label[lang]))]),
    LIST_HEADINGS.derived[lang],
    ...DERIVED_QUESTIONS.map((q) => line(q.name, q.label[lang])),
    LIST_HEADINGS.groupings[lang],
    ...CODE_GROUPINGS.map((g) => line(g.name, g.label[lang])),
    LIST_HEADINGS.bases[lang],
    ...BASES.map((b) => line(b.name, b.label[lang])),
    LIST_HEADINGS.items[lang],
  ];
  return out.join("\n") + "\n";
}
