/** Every column of the panel file and the multi-response questions built from them. */
import {
  AI_BRUG_CODES,
  ALDER_CODES,
  AREAS,
  BARRIER_ITEMS,
  BRANCHE_CODES,
  DIGI_PRODUKTIVITET_CODES,
  ERHVERVSHUS_CODES,
  NO_BARRIER,
  OEKONOMI_CODES,
  OFFER_CHOICES,
  OFFER_ITEMS,
  POTENTIAL_CODES,
  STOERRELSE_CODES,
  barrierColumn,
  offerColumn,
  potentialColumn,
} from "./answers";
import { BARRIER_CONDITION, RELEVANT_CONDITION, areaLargePotential, type BaseName } from "./base-specs";
import { ALWAYS, type Condition } from "./conditions";
import { DataError } from "../survey";
import { byName, codeLabels, label, type CodeLabel, type Label, type Lang } from "./labels";

/** Kinds of column: `numeric` holds plain numbers (an amount, a count) within its `range`, not codes. */
export type ColumnKind = "id" | "categorical" | "binary" | "numeric";

/** The values a numeric column may hold (docs/DATA-CONTRACT.md §2): `min` to `max`, decimals or whole numbers. */
export interface NumericRange {
  min: number;
  max: number;
  decimals: boolean;
}

/** One column of the panel file. */
export interface ColumnSpec {
  name: string;
  kind: ColumnKind;
  label: Label;
  codes: readonly CodeLabel[]; // allowed codes (binary: 0 and 1); empty for `id` and `numeric`
  range?: NumericRange; // for `numeric` only: the values its filled cells may hold
  askedOf: Condition; // who is asked: the cell is filled exactly when this holds
  published: boolean; // the report publishes its categories (else this project's reconstruction)
  group?: string; // the multi-response group of a binary column (`tilbud`, `bar_salg`, ...)
  item?: string; // the item key within its group (`viden`, `raadgivning_ai`, ...)
}

const BINARY = codeLabels([0, "Nej", "No"], [1, "Ja", "Yes"]);
const always = (name: string, kind: ColumnKind, l: Label, codes: readonly CodeLabel[], published: boolean) =>
  ({ name, kind, label: l, codes, askedOf: ALWAYS, published }) satisfies ColumnSpec;

/** Every column of the panel file, in the file's order. @example COLUMNS[0].name // "id" */
export const COLUMNS: readonly ColumnSpec[] = [
  always("id", "id", label("Respondent-id", "Respondent id"), [], true),
  always("branche", "categorical", label("Branche (DB07 10-grp.)", "Industry (DB07 10 groups)"), BRANCHE_CODES, true),
  always("stoerrelse", "categorical", label("Antal årsværk", "Full-time equivalents"), STOERRELSE_CODES, true),
  always("erhvervshus", "categorical", label("Erhvervshusområde", "Business hub region"), ERHVERVSHUS_CODES, true),
  always("alder", "categorical", label("Virksomhedens alder", "Firm age"), ALDER_CODES, true),
  always(
    "interview",
    "categorical",
    label("Interviewform", "Interview mode"),
    codeLabels([1, "e-Boks", "e-Boks (web)"], [2, "Telefon", "Telephone"]),
    true,
  ),
  always(
    "oekonomi",
    "categorical",
    label("Virksomhedens nuværende økonomiske situation", "The firm's current economic situation"),
    OEKONOMI_CODES,
    false,
  ),
  always(
    "digi_produktivitet",
    "categorical",
    label(
      "Digitalisering og IT-udviklings bidrag til produktiviteten det seneste halve år",
      "Contribution of digitalisation and IT to productivity over the last half year",
    ),
    DIGI_PRODUKTIVITET_CODES,
    false,
  ),
  always(
    "ai_brug",
    "categorical",
    label(
      "Virksomhedens brug af kunstig intelligens de seneste seks måneder",
      "The firm's use of AI in the last six months",
    ),
    AI_BRUG_CODES,
    true,
  ),
  ...AREAS.map((a): ColumnSpec => ({
    name: potentialColumn(a.key),
    kind: "categorical",
    label: label(`Potentiale: ${a.label.da}`, `Potential: ${a.label.en}`),
    codes: POTENTIAL_CODES,
    askedOf: RELEVANT_CONDITION,
    published: a.published,
  })),
  ...AREAS.flatMap((a) =>
    BARRIER_ITEMS.map((b): ColumnSpec => ({
      name: barrierColumn(a.key, b.key),
      kind: "binary",
      label: label(`Barriere (${a.label.da}): ${b.label.da}`, `Barrier (${a.label.en}): ${b.label.en}`),
      codes: BINARY,
      askedOf: areaLargePotential(a.key),
      published: a.published && b.published,
      group: `bar_${a.key}`,
      item: b.key,
    })),
  ),
  ...OFFER_ITEMS.map((o): ColumnSpec => ({
    name: offerColumn(o.key),
    kind: "binary",
    label: label(`Tilbud: ${o.label.da}`, `Offer: ${o.label.en}`),
    codes: BINARY,
    askedOf: BARRIER_CONDITION,
    published: o.published,
    group: "tilbud",
    item: o.key,
  })),
];

/** The column of a name; else a DataError listing the names. @example columnSpec("ai_brug").codes.length // 5 */
export function columnSpec(name: string): ColumnSpec {
  return byName(COLUMNS, "column", name);
}

/** What a column's cells may hold, in words: codes or a range. @example expectedValues(spec).en // "one of 1, 2, 3" */
export function expectedValues(spec: ColumnSpec): Label {
  const codes = spec.codes.map((c) => c.code).join(", ");
  if (spec.range === undefined) return label(`en af ${codes}`, `one of ${codes}`);
  const { min, max, decimals } = spec.range;
  return label(
    `${decimals ? "et tal" : "et helt tal"} fra ${min} til ${max}`,
    `${decimals ? "a number" : "a whole number"} from ${min} to ${max}`,
  );
}

/** A code's label; a DataError for a code it lacks. @example codeLabel("stoerrelse", 1, "en") // "Under 10 FTE" */
export function codeLabel(column: string, code: number, lang: Lang = "da"): string {
  const spec = columnSpec(column);
  const c = spec.codes.find((x) => x.code === code);
  if (!c)
    throw new DataError({
      file: "codebook",
      column,
      value: String(code),
      problem: `Column "${column}" has no code ${code}`,
      expected: `one of ${spec.codes.map((x) => x.code).join(", ")}`,
    });
  return c.label[lang];
}

/** A barrier's or offer's item label, else the column's label. @example itemLabel("bar_salg_viden", "en") */
export function itemLabel(column: string, lang: Lang = "da"): string {
  const spec = columnSpec(column);
  if (spec.group === undefined) return spec.label[lang];
  const items: readonly { key: string; label: Label }[] =
    spec.group === "tilbud" ? OFFER_ITEMS : spec.group.startsWith("bar_") ? BARRIER_ITEMS : [];
  const item = items.find((x) => x.key === spec.item);
  if (!item) {
    const problem = `column of group "${spec.group}" has no known item`;
    throw new DataError({
      file: "codebook",
      column,
      value: spec.item ?? "",
      problem,
      expected: "a barrier or offer item",
    });
  }
  return item.label[lang];
}

/** A multi-response question: a group of 0/1 columns sharing one base. */
export interface MultiResponseGroup {
  name: string;
  label: Label;
  columns: readonly string[]; // in order
  base: BaseName; // the respondents asked
  exclusiveColumn?: string; // an item chosen alone, if any
  choices: { min: number; max: number }; // allowed number of choices per respondent asked
}

/** Every multi-response question: `tilbud` and a `bar_<area>` per area. @example MULTI_RESPONSE_GROUPS[0].base */
export const MULTI_RESPONSE_GROUPS: readonly MultiResponseGroup[] = [
  {
    name: "tilbud",
    label: label("Mest relevante tilbud (vælg op til tre)", "Most relevant offers (choose up to three)"),
    columns: OFFER_ITEMS.map((o) => offerColumn(o.key)),
    base: "barrier",
    choices: OFFER_CHOICES,
  },
  ...AREAS.map((a): MultiResponseGroup => ({
    name: `bar_${a.key}`,
    label: label(`Barrierer: ${a.label.da}`, `Barriers: ${a.label.en}`),
    columns: BARRIER_ITEMS.map((b) => barrierColumn(a.key, b.key)),
    base: `potential_${a.key}`,
    exclusiveColumn: barrierColumn(a.key, NO_BARRIER),
    choices: { min: 1, max: BARRIER_ITEMS.length - 1 },
  })),
];

/** The multi-response question of a name; else a DataError. @example multiResponseGroup("tilbud").base // "barrier" */
export function multiResponseGroup(name: string): MultiResponseGroup {
  return byName(MULTI_RESPONSE_GROUPS, "multi-response question", name);
}

/** The shipped synthetic panel, relative to the root. @example path.join(projectRoot(), SYNTHETIC_PANEL_FILE) */
export const SYNTHETIC_PANEL_FILE = "data/survey/panel-2025-synthetic.csv";
