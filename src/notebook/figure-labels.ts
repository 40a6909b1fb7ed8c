/**
 * Danish words for the index's table of published against reproduced figures: a figure's name
 * (from its computation's description, which uses the codebook's labels, or the sentence it stands
 * in), its section, its base (the codebook's base label), its rule and whether the rule holds.
 */
import { BASES, COLUMNS } from "../report/codebook";
import { FIGURE_DEFINITIONS } from "../report/reproduce";
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

/**
 * The report section's Danish name.
 * @example sectionName("adoption") // "Udbredelse"
 */
export function sectionName(section: string): string {
  return SECTIONS[section] ?? section;
}

function capitalised(text: string): string {
  return text.length === 0 ? text : text[0].toLocaleUpperCase("da") + text.slice(1);
}

/** The first clause of a sentence, cut at a word boundary near `max` characters. */
function shortened(sentence: string, max = 90): string {
  if (sentence.length <= max) return sentence;
  const cut = sentence.lastIndexOf(" ", max);
  return `${sentence.slice(0, cut > 40 ? cut : max)} …`;
}

/**
 * A figure's Danish name: the words of its computation's description without column names and
 * codes ("ai_brug 3–5 (bruger AI)" → "Bruger AI"), or for context figures the start of the
 * report's sentence.
 * @example figureName(published.find((f) => f.id === "adoption.uses_ai")!) // "Bruger AI"
 */
export function figureName(figure: Pick<PublishedFigure, "id" | "quote">): string {
  const definition = FIGURE_DEFINITIONS[figure.id];
  if (definition === undefined) return shortened(figure.quote);
  const description = definition.description;
  // "pot_salg 1–2 (stort/meget stort potentiale): Salg og markedsføring" → "Salg og markedsføring: stort/meget stort potentiale"
  const coded = /^([a-z_]+) [0-9–-]+ \(([^)]*)\)(?::\s*(.+))?(.*)$/.exec(description);
  if (coded) {
    const [, column, words, label, rest] = coded;
    // Columns other than the AI question and the potential areas are named by their codebook label.
    const columnLabel = /^(ai_brug|pot_)/.test(column) ? undefined : COLUMNS.find((c) => c.name === column)?.label.da;
    const subject = label ?? columnLabel;
    return capitalised(subject ? `${subject}: ${words}${rest}` : `${words}${rest}`);
  }
  if (description.startsWith("tilbud: ")) return `Efterspørger tilbud: ${description.slice("tilbud: ".length)}`;
  if (definition.kind === "count") return capitalised(description);
  return capitalised(description.replace(/'([^']*)'/g, "“$1”"));
}

/**
 * The base's Danish label (the codebook's), or "ekstern kilde" for context figures.
 * @example baseName("relevant") // "Finder AI relevant (…)"
 */
export function baseName(base: string): string {
  if (base === EXTERNAL_BASE) return "Ekstern kilde (ikke fra panelet)";
  const spec = BASES.find((b) => b.name === base);
  return spec ? spec.label.da : base;
}

/**
 * The rule in words.
 * @example ruleText({ kind: "approx", tolerance: 2 }, 25) // "ca. ±2 point"
 */
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

/**
 * Whether the rule holds, in words.
 * @example statusText(true) // "inden for reglen"
 */
export function statusText(holds: boolean | null): string {
  if (holds === null) return "ikke genberegnet (ekstern kilde)";
  return holds ? "inden for reglen" : "UDEN FOR reglen";
}
