/** Danish (the report's) and English labels, and the codebook's lookup by name. */
import { DataError } from "../survey";

/** A language for labels: Danish (the report's) or English. */
export type Lang = "da" | "en";

/** A label in both languages. */
export interface Label {
  da: string;
  en: string;
}

/** One answer code of a categorical question. */
export interface CodeLabel {
  code: number;
  label: Label;
}

/** A label from its Danish and English text. @example label("Bygge og anlæg", "Construction").en // "Construction" */
export const label = (da: string, en: string): Label => ({ da, en });

/** Codes with labels from `[code, da, en]` triples. @example codeLabels([1, "Ja", "Yes"])[0].label.en // "Yes" */
export const codeLabels = (...triples: [number, string, string][]): CodeLabel[] =>
  triples.map(([code, da, en]) => ({ code, label: label(da, en) }));

/** The entry named `name`, else a DataError `Unknown <what> "<name>"`. @example byName(BASES, "base", "all") */
export function byName<T extends { name: string }>(list: readonly T[], what: string, name: string): T {
  const found = list.find((x) => x.name === name);
  if (found !== undefined) return found;
  throw new DataError({
    file: "codebook",
    ...(what === "column" ? { column: name } : { value: name }),
    problem: `Unknown ${what} "${name}"`,
    expected: `one of ${list.map((x) => x.name).join(", ")}`,
  });
}
