/** Danish (the report's) and English labels. */

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

/**
 * A label from its Danish and English text.
 * @example label("Bygge og anlæg", "Construction") // { da: "Bygge og anlæg", en: "Construction" }
 */
export const label = (da: string, en: string): Label => ({ da, en });

/**
 * Answer codes with their labels, from `[code, Danish, English]` triples.
 * @example codeLabels([1, "Ja", "Yes"])[0].label.en // "Yes"
 */
export const codeLabels = (...triples: [number, string, string][]): CodeLabel[] =>
  triples.map(([code, da, en]) => ({ code, label: label(da, en) }));
