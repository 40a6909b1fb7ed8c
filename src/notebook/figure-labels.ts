/** Danish words for the index's figure table: a figure's name, section, base, rule and status. */
import { BASES } from "../codebook";
import { FIGURE_DEFINITIONS } from "../report/figures";
import { EXTERNAL_BASE, type FigureRule, type PublishedFigure } from "../report/published";
import { integer } from "../present/format";

const SECTIONS: Record<string, string> = {
  summary: "Sammenfatning",
  introduction: "Indledning",
  adoption: "Udbredelse",
  potential: "Potentialer",
  barriers: "Barrierer",
  offers: "Tilbud",
  method: "Metode",
};

/** The report section's Danish name. @example sectionName("adoption") // "Udbredelse" */
export function sectionName(section: string): string {
  return SECTIONS[section] ?? section;
}

/** The first clause of a sentence, cut at a word boundary near `max` characters. */
function shortened(sentence: string, max = 90): string {
  if (sentence.length <= max) return sentence;
  const cut = sentence.lastIndexOf(" ", max);
  return `${sentence.slice(0, cut > 40 ? cut : max)} …`;
}

/**
 * A figure's definition label, or for context figures the start of the report's sentence.
 * @example figureName(published.find((f) => f.id === "adoption.uses_ai")!) // "Bruger AI"
 */
export function figureName(figure: Pick<PublishedFigure, "id" | "quote">): string {
  const definition = FIGURE_DEFINITIONS[figure.id];
  return definition === undefined ? shortened(figure.quote) : definition.label.da;
}

/** The base's codebook label, or "Ekstern kilde …" for context figures. @example baseName("relevant") */
export function baseName(base: string): string {
  if (base === EXTERNAL_BASE) return "Ekstern kilde (ikke fra panelet)";
  const spec = BASES.find((b) => b.name === base);
  return spec ? spec.label.da : base;
}

/** The rule in words. @example ruleText({ kind: "approx", tolerance: 2 }, 25) // "ca. ±2 point" */
export function ruleText(rule: FigureRule, published: number): string {
  switch (rule.kind) {
    case "round":
      return "afrundet til hele procent";
    case "approx":
      return `ca. ±${integer(rule.tolerance)} point`;
    case "gt":
      return `over ${integer(published)} %`;
    case "exact":
      return "præcist antal";
    case "context":
      return "kontekst, genberegnes ikke";
  }
}

/** Whether the rule holds, in words. @example statusText(true) // "inden for reglen" */
export function statusText(holds: boolean | null): string {
  if (holds === null) return "ikke genberegnet (ekstern kilde)";
  return holds ? "inden for reglen" : "UDEN FOR reglen";
}
