/**
 * The codebook: every column of the panel file, its codes, its Danish and English labels,
 * who is asked it, and whether the report publishes it or it is this project's reconstruction.
 *
 * This is the one place loaders, estimators, notebooks, charts and error messages take names
 * and labels from. Names and codes are fixed by docs/DATA-CONTRACT.md §2.
 */

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
 * A declarative filter on a respondent. Bases and skip logic are written with these, so they can
 * be printed, checked and evaluated without code.
 */
export type Condition =
  | { variable: string; in: readonly number[] }
  | { anyOf: readonly Condition[] }
  | { allOf: readonly Condition[] }
  | { not: Condition }
  | { always: true };

/** Names of the report's question bases (its funnel), plus two bases the text uses for shares. */
export type BaseName =
  | "all"
  | "relevant"
  | "potential"
  | "barrier"
  | "users"
  | `potential_${AreaKey}`;

/** Kinds of column. */
export type ColumnKind = "id" | "categorical" | "binary";

/** One column of the panel file. */
export interface ColumnSpec {
  name: string;
  kind: ColumnKind;
  label: Label;
  /** Allowed codes (for binary: 0 and 1). Empty for `id`. */
  codes: readonly CodeLabel[];
  /** Who is asked: the cell must be filled exactly when this holds, and be empty otherwise. */
  askedOf: Condition;
  /** True where the report publishes this column's categories; false where it is this project's reconstruction. */
  published: boolean;
  /** The multi-response group this binary column belongs to, if any (`tilbud`, `bar_salg`, ...). */
  group?: string;
  /** The item key within its group (`viden`, `raadgivning_ai`, ...). */
  item?: string;
}

const L = (da: string, en: string): Label => ({ da, en });
const codes = (...pairs: [number, string, string][]): CodeLabel[] =>
  pairs.map(([code, da, en]) => ({ code, label: L(da, en) }));

// ---------------------------------------------------------------------------------------------
// Weighting variables
// ---------------------------------------------------------------------------------------------

/** The four weighting variables, in the order the margins file lists them. */
export const WEIGHTING_VARIABLES = ["branche", "stoerrelse", "erhvervshus", "alder"] as const;
/** One of the four weighting variables. */
export type WeightingVariable = (typeof WEIGHTING_VARIABLES)[number];

const ALWAYS: Condition = { always: true };

/** `branche`: Danmarks Statistik DB07 10-group industry. */
export const BRANCHE_CODES = codes(
  [1, "Landbrug, skovbrug og fiskeri", "Agriculture, forestry and fishing"],
  [2, "Industri, råstofindvinding og forsyningsvirksomhed", "Manufacturing, mining and utilities"],
  [3, "Bygge og anlæg", "Construction"],
  [4, "Handel og transport mv.", "Trade and transport etc."],
  [5, "Information og kommunikation", "Information and communication"],
  [6, "Finansiering og forsikring", "Finance and insurance"],
  [7, "Ejendomshandel og udlejning", "Real estate"],
  [8, "Erhvervsservice", "Business services"],
  [9, "Offentlig administration, undervisning og sundhed", "Public administration, education and health"],
  [10, "Kultur, fritid og anden service", "Arts, entertainment and other services"],
);

/** `stoerrelse`: full-time equivalents (årsværk). */
export const STOERRELSE_CODES = codes(
  [1, "Under 10 årsværk", "Under 10 FTE"],
  [2, "10-49 årsværk", "10-49 FTE"],
  [3, "50-249 årsværk", "50-249 FTE"],
);

/** `erhvervshus`: the six business hub regions. */
export const ERHVERVSHUS_CODES = codes(
  [1, "Hovedstaden", "Capital Region"],
  [2, "Sjælland", "Zealand"],
  [3, "Fyn", "Funen"],
  [4, "Sydjylland", "South Jutland"],
  [5, "Midtjylland", "Central Jutland"],
  [6, "Nordjylland", "North Jutland"],
);

/** `alder`: firm age. */
export const ALDER_CODES = codes(
  [1, "0-4 år", "0-4 years"],
  [2, "5-9 år", "5-9 years"],
  [3, "10 år og derover", "10 years or more"],
);

// ---------------------------------------------------------------------------------------------
// AI questions
// ---------------------------------------------------------------------------------------------

/** `ai_brug`: the firm's use of AI over the last six months (asked of all). */
export const AI_BRUG_CODES = codes(
  [1, "Bruger ikke AI, og det er ikke relevant", "Does not use AI, and it is not relevant"],
  [2, "Bruger ikke AI endnu, men det er relevant", "Does not use AI yet, but it is relevant"],
  [3, "Har eksperimenteret med gængse værktøjer (fx ChatGPT, Copilot)", "Has experimented with common tools (e.g. ChatGPT, Copilot)"],
  [4, "Arbejder intensivt med AI og har systematisk implementeret det", "Works intensively with AI and has implemented it systematically"],
  [5, "Har selv udviklet AI-produkter/-værktøjer, der bruges aktivt", "Has developed its own AI products/tools in active use"],
);

/** `ai_brug` codes meaning the firm uses AI. */
export const USES_AI = [3, 4, 5] as const;
/** `ai_brug` codes meaning the firm finds AI relevant (uses it, or has not started but finds it relevant). */
export const RELEVANT = [2, 3, 4, 5] as const;

/** The seven business areas of the potential question, in the report's order. */
export const AREAS = [
  { key: "salg", published: true, label: L("Salg og markedsføring", "Sales and marketing") },
  { key: "udvikling", published: true, label: L("Produkt- og forretningsudvikling", "Product and business development") },
  { key: "admin", published: true, label: L("Administration og økonomi", "Administration and finance") },
  { key: "kundeservice", published: true, label: L("Kundeservice og support", "Customer service and support") },
  { key: "produktion", published: true, label: L("Produktion og drift", "Production and operations") },
  { key: "hr", published: false, label: L("HR og personale (projektets antagelse)", "HR and personnel (this project's assumption)") },
  { key: "logistik", published: false, label: L("Indkøb og logistik (projektets antagelse)", "Purchasing and logistics (this project's assumption)") },
] as const;
/** The key of a business area (`salg`, `udvikling`, ...). */
export type AreaKey = (typeof AREAS)[number]["key"];
/** The five areas the report publishes. */
export const PUBLISHED_AREAS: readonly AreaKey[] = AREAS.filter((a) => a.published).map((a) => a.key);

/** `pot_<area>`: the potential of AI in a business area. */
export const POTENTIAL_CODES = codes(
  [1, "Meget stort potentiale", "Very large potential"],
  [2, "Stort potentiale", "Large potential"],
  [3, "Noget potentiale", "Some potential"],
  [4, "Lille potentiale", "Small potential"],
  [5, "Intet potentiale", "No potential"],
  [6, "Ikke relevant", "Not relevant"],
);
/** `pot_<area>` codes meaning large potential. */
export const LARGE_POTENTIAL = [1, 2] as const;

/** Barrier items, in the contract's order. `ingen` is exclusive. */
export const BARRIER_ITEMS = [
  { key: "viden", published: true, label: L("Manglende viden om AI", "Lack of knowledge about AI") },
  { key: "kompetencer", published: true, label: L("Manglende kompetencer og erfaring internt", "Lack of in-house skills and experience") },
  { key: "omkostninger", published: true, label: L("Omkostninger ved implementering", "Implementation costs") },
  { key: "tid", published: false, label: L("Mangel på tid og ressourcer", "Lack of time and resources") },
  { key: "data", published: false, label: L("Manglende eller utilstrækkelige data", "Missing or insufficient data") },
  { key: "sikkerhed", published: false, label: L("Bekymring for datasikkerhed", "Data security concerns") },
  { key: "lovgivning", published: true, label: L("Bekymring for at overtræde loven", "Fear of breaking the law") },
  { key: "kundekontakt", published: true, label: L("Forringet kundepleje og tab af personlig kontakt", "Poorer customer care and loss of personal contact") },
  { key: "medarbejdere", published: false, label: L("Modstand blandt medarbejdere", "Resistance among employees") },
  { key: "andet", published: false, label: L("Andet", "Other") },
  { key: "ingen", published: false, label: L("Ingen barrierer", "No barriers") },
] as const;
/** The key of a barrier item (`viden`, `kompetencer`, ...). */
export type BarrierKey = (typeof BARRIER_ITEMS)[number]["key"];
/** The exclusive barrier item. */
export const NO_BARRIER: BarrierKey = "ingen";

/** Offer items, in the contract's order. */
export const OFFER_ITEMS = [
  { key: "raadgivning_ai", published: true, label: L("Rådgivning om anvendelse af AI", "Advice on using AI") },
  { key: "opkval_medarbejdere", published: true, label: L("Opkvalificering af medarbejdere", "Upskilling of employees") },
  { key: "opkval_ledelse", published: true, label: L("Opkvalificering af ledelse/bestyrelse", "Upskilling of management/board") },
  { key: "raadgivning_jura", published: true, label: L("Rådgivning om juridiske forhold", "Legal advice") },
  { key: "cybersikkerhed", published: true, label: L("Hjælp til beskyttelse af digitale systemer", "Help protecting digital systems") },
  { key: "netvaerk", published: false, label: L("Netværk og erfaringsudveksling", "Networks and sharing experience") },
  { key: "finansiering", published: false, label: L("Finansiering", "Funding") },
  { key: "teknisk", published: false, label: L("Adgang til teknisk ekspertise", "Access to technical expertise") },
  { key: "andet", published: false, label: L("Andet", "Other") },
] as const;
/** The key of an offer item (`raadgivning_ai`, ...). */
export type OfferKey = (typeof OFFER_ITEMS)[number]["key"];
/** How many offers a respondent may choose. */
export const OFFER_CHOICES = { min: 1, max: 3 } as const;

// ---------------------------------------------------------------------------------------------
// Bases (who is asked) — the report's funnel
// ---------------------------------------------------------------------------------------------

/** The name of the potential column for an area. */
export const potentialColumn = (area: AreaKey): string => `pot_${area}`;
/** The name of the barrier column for an area and item. */
export const barrierColumn = (area: AreaKey, item: BarrierKey): string => `bar_${area}_${item}`;
/** The name of the offer column for an item. */
export const offerColumn = (item: OfferKey): string => `tilbud_${item}`;

const relevantCondition: Condition = { variable: "ai_brug", in: RELEVANT };
const areaLargePotential = (area: AreaKey): Condition => ({ variable: potentialColumn(area), in: LARGE_POTENTIAL });
const potentialCondition: Condition = { anyOf: AREAS.map((a) => areaLargePotential(a.key)) };
const barrierCondition: Condition = {
  anyOf: AREAS.flatMap((a) =>
    BARRIER_ITEMS.filter((b) => b.key !== NO_BARRIER).map((b) => ({ variable: barrierColumn(a.key, b.key), in: [1] })),
  ),
};

/** A named base: who is asked a question, with its place in the funnel. */
export interface BaseSpec {
  name: BaseName;
  label: Label;
  /** The base this one narrows (null for `all`). */
  parent: BaseName | null;
  /** Why respondents of the parent drop out, in the report's words. */
  exclusionReason: Label | null;
  /** Who is in the base (applied on top of the parent). */
  condition: Condition;
  /** True for the four bases of the report's funnel. */
  funnel: boolean;
}

/** The report's funnel (all → relevant → potential → barrier) and the other bases the text uses. */
export const BASES: readonly BaseSpec[] = [
  {
    name: "all",
    label: L("Alle SMV'er", "All SMEs"),
    parent: null,
    exclusionReason: null,
    condition: ALWAYS,
    funnel: true,
  },
  {
    name: "relevant",
    label: L("SMV'er, der bruger AI eller finder det relevant", "SMEs that use AI or find it relevant"),
    parent: "all",
    exclusionReason: L(
      "har ikke anvendt kunstig intelligens og kan ikke se relevansen heraf",
      "has not used AI and does not see its relevance",
    ),
    condition: relevantCondition,
    funnel: true,
  },
  {
    name: "potential",
    label: L(
      "SMV'er, der ser stort/meget stort potentiale inden for mindst ét forretningsområde",
      "SMEs seeing large/very large potential in at least one business area",
    ),
    parent: "relevant",
    exclusionReason: L(
      "ser ikke et stort eller meget stort potentiale inden for mindst ét forretningsområde",
      "sees no large or very large potential in any business area",
    ),
    condition: potentialCondition,
    funnel: true,
  },
  {
    name: "barrier",
    label: L("SMV'er, der oplever mindst én barriere", "SMEs reporting at least one barrier"),
    parent: "potential",
    exclusionReason: L(
      "oplever ikke mindst én barriere for arbejdet med kunstig intelligens",
      "reports no barrier to working with AI",
    ),
    condition: barrierCondition,
    funnel: true,
  },
  {
    name: "users",
    label: L("SMV'er, der bruger AI", "SMEs that use AI"),
    parent: "all",
    exclusionReason: L("bruger ikke kunstig intelligens", "does not use AI"),
    condition: { variable: "ai_brug", in: USES_AI },
    funnel: false,
  },
  ...AREAS.map(
    (a): BaseSpec => ({
      name: `potential_${a.key}`,
      label: L(
        `SMV'er, der ser stort/meget stort potentiale i ${a.label.da.toLowerCase()}`,
        `SMEs seeing large/very large potential in ${a.label.en.toLowerCase()}`,
      ),
      parent: "relevant",
      exclusionReason: L(
        `ser ikke stort/meget stort potentiale i ${a.label.da.toLowerCase()}`,
        `sees no large/very large potential in ${a.label.en.toLowerCase()}`,
      ),
      condition: areaLargePotential(a.key),
      funnel: false,
    }),
  ),
];

/** The base spec of a name; throws with the valid names if unknown. */
export function baseSpec(name: string): BaseSpec {
  const spec = BASES.find((b) => b.name === name);
  if (!spec) throw new Error(`Unknown base "${name}". Valid bases: ${BASES.map((b) => b.name).join(", ")}`);
  return spec;
}

// ---------------------------------------------------------------------------------------------
// Columns
// ---------------------------------------------------------------------------------------------

const BINARY = codes([0, "Nej", "No"], [1, "Ja", "Yes"]);

/** Every column of the panel file, in the file's order. */
export const COLUMNS: readonly ColumnSpec[] = [
  { name: "id", kind: "id", label: L("Respondent-id", "Respondent id"), codes: [], askedOf: ALWAYS, published: true },
  { name: "branche", kind: "categorical", label: L("Branche (DB07 10-grp.)", "Industry (DB07 10 groups)"), codes: BRANCHE_CODES, askedOf: ALWAYS, published: true },
  { name: "stoerrelse", kind: "categorical", label: L("Antal årsværk", "Full-time equivalents"), codes: STOERRELSE_CODES, askedOf: ALWAYS, published: true },
  { name: "erhvervshus", kind: "categorical", label: L("Erhvervshusområde", "Business hub region"), codes: ERHVERVSHUS_CODES, askedOf: ALWAYS, published: true },
  { name: "alder", kind: "categorical", label: L("Virksomhedens alder", "Firm age"), codes: ALDER_CODES, askedOf: ALWAYS, published: true },
  {
    name: "interview",
    kind: "categorical",
    label: L("Interviewform", "Interview mode"),
    codes: codes([1, "e-Boks", "e-Boks (web)"], [2, "Telefon", "Telephone"]),
    askedOf: ALWAYS,
    published: true,
  },
  {
    name: "oekonomi",
    kind: "categorical",
    label: L("Virksomhedens nuværende økonomiske situation", "The firm's current economic situation"),
    codes: codes(
      [1, "Meget god", "Very good"],
      [2, "God", "Good"],
      [3, "Hverken god eller dårlig", "Neither good nor bad"],
      [4, "Dårlig", "Bad"],
      [5, "Meget dårlig", "Very bad"],
    ),
    askedOf: ALWAYS,
    published: false,
  },
  {
    name: "digi_produktivitet",
    kind: "categorical",
    label: L(
      "Digitalisering og IT-udviklings bidrag til produktiviteten det seneste halve år",
      "Contribution of digitalisation and IT to productivity over the last half year",
    ),
    codes: codes(
      [1, "Meget positivt", "Very positive"],
      [2, "Positivt", "Positive"],
      [3, "Hverken eller", "Neither"],
      [4, "Negativt", "Negative"],
      [5, "Meget negativt", "Very negative"],
      [9, "Ved ikke", "Don't know"],
    ),
    askedOf: ALWAYS,
    published: false,
  },
  {
    name: "ai_brug",
    kind: "categorical",
    label: L("Virksomhedens brug af kunstig intelligens de seneste seks måneder", "The firm's use of AI in the last six months"),
    codes: AI_BRUG_CODES,
    askedOf: ALWAYS,
    published: true,
  },
  ...AREAS.map(
    (a): ColumnSpec => ({
      name: potentialColumn(a.key),
      kind: "categorical",
      label: L(`Potentiale: ${a.label.da}`, `Potential: ${a.label.en}`),
      codes: POTENTIAL_CODES,
      askedOf: relevantCondition,
      published: a.published,
    }),
  ),
  ...AREAS.flatMap((a) =>
    BARRIER_ITEMS.map(
      (b): ColumnSpec => ({
        name: barrierColumn(a.key, b.key),
        kind: "binary",
        label: L(`Barriere (${a.label.da}): ${b.label.da}`, `Barrier (${a.label.en}): ${b.label.en}`),
        codes: BINARY,
        askedOf: areaLargePotential(a.key),
        published: a.published && b.published,
        group: `bar_${a.key}`,
        item: b.key,
      }),
    ),
  ),
  ...OFFER_ITEMS.map(
    (o): ColumnSpec => ({
      name: offerColumn(o.key),
      kind: "binary",
      label: L(`Tilbud: ${o.label.da}`, `Offer: ${o.label.en}`),
      codes: BINARY,
      askedOf: barrierCondition,
      published: o.published,
      group: "tilbud",
      item: o.key,
    }),
  ),
];

/** The column spec of a name; throws with a hint if unknown. */
export function columnSpec(name: string): ColumnSpec {
  const spec = COLUMNS.find((c) => c.name === name);
  if (!spec) throw new Error(`Unknown column "${name}". Valid columns: ${COLUMNS.map((c) => c.name).join(", ")}`);
  return spec;
}

/** A multi-response question: a group of 0/1 columns sharing one base. */
export interface MultiResponseGroup {
  name: string;
  label: Label;
  /** The group's columns, in order. */
  columns: readonly string[];
  /** The base of respondents asked. */
  base: BaseName;
  /** Exclusive item (chosen alone), if any. */
  exclusiveColumn?: string;
  /** Allowed number of choices per respondent asked. */
  choices: { min: number; max: number };
}

/** Every multi-response question: `tilbud` and one `bar_<area>` per area. */
export const MULTI_RESPONSE_GROUPS: readonly MultiResponseGroup[] = [
  {
    name: "tilbud",
    label: L("Mest relevante tilbud (vælg op til tre)", "Most relevant offers (choose up to three)"),
    columns: OFFER_ITEMS.map((o) => offerColumn(o.key)),
    base: "barrier",
    choices: OFFER_CHOICES,
  },
  ...AREAS.map(
    (a): MultiResponseGroup => ({
      name: `bar_${a.key}`,
      label: L(`Barrierer: ${a.label.da}`, `Barriers: ${a.label.en}`),
      columns: BARRIER_ITEMS.map((b) => barrierColumn(a.key, b.key)),
      base: `potential_${a.key}`,
      exclusiveColumn: barrierColumn(a.key, NO_BARRIER),
      choices: { min: 1, max: BARRIER_ITEMS.length - 1 },
    }),
  ),
];

/** The multi-response group of a name; throws with the valid names if unknown. */
export function multiResponseGroup(name: string): MultiResponseGroup {
  const g = MULTI_RESPONSE_GROUPS.find((m) => m.name === name);
  if (!g) throw new Error(`Unknown multi-response question "${name}". Valid: ${MULTI_RESPONSE_GROUPS.map((m) => m.name).join(", ")}`);
  return g;
}

/** The label of a code of a categorical column, in a language. */
export function codeLabel(column: string, code: number, lang: Lang = "da"): string {
  const spec = columnSpec(column);
  const c = spec.codes.find((x) => x.code === code);
  if (!c) throw new Error(`Column "${column}" has no code ${code}. Valid codes: ${spec.codes.map((x) => x.code).join(", ")}`);
  return c.label[lang];
}

/** Evaluates a condition on one respondent, given a lookup of its (possibly empty) cells. */
export function holds(condition: Condition, value: (column: string) => number | null): boolean {
  if ("always" in condition) return true;
  if ("not" in condition) return !holds(condition.not, value);
  if ("anyOf" in condition) return condition.anyOf.some((c) => holds(c, value));
  if ("allOf" in condition) return condition.allOf.every((c) => holds(c, value));
  const v = value(condition.variable);
  return v !== null && condition.in.includes(v);
}

/** The population the panel represents, and the data's provenance notice. */
export const POPULATION = {
  label: L("SMV'er med ansatte (1-249 årsværk)", "Employer SMEs (1-249 FTE)"),
  total: 177_677,
} as const;

/** The file name of the synthetic panel shipped with the project. */
export const SYNTHETIC_PANEL_FILE = "data/survey/panel-2025-synthetic.csv";

// ---------------------------------------------------------------------------------------------
// Groupings of codes the report's text uses, and item labels of multi-response columns
// ---------------------------------------------------------------------------------------------

/** A named group of a column's codes, with labels. */
export interface CodeGroup {
  label: Label;
  codes: readonly number[];
}

/** A named split of one column's codes into groups (for subgroup comparisons and `by`). */
export interface CodeGrouping {
  /** The grouping's name, e.g. `stoerrelse_2grp`. */
  name: string;
  /** The column whose codes are grouped. */
  variable: string;
  label: Label;
  groups: readonly CodeGroup[];
}

/**
 * `stoerrelse` in two groups, as the report's text compares them: under 10 FTE (code 1) and
 * 10 FTE or more (codes 2 and 3).
 * @example STOERRELSE_2GRP.groups[1].label.da // "Mindst 10 årsværk"
 */
export const STOERRELSE_2GRP: CodeGrouping = {
  name: "stoerrelse_2grp",
  variable: "stoerrelse",
  label: L("Antal årsværk (to grupper)", "Full-time equivalents (two groups)"),
  groups: [
    { label: L("Under 10 årsværk", "Under 10 FTE"), codes: [1] },
    { label: L("Mindst 10 årsværk", "10 FTE or more"), codes: [2, 3] },
  ],
};

/**
 * `oekonomi` in two groups, as the report's text compares them: positive (very good/good, codes
 * 1–2) and less optimistic (neither, bad, very bad, codes 3–5).
 * @example OEKONOMI_2GRP.groups[0].label.da // "Positiv (meget god/god)"
 */
export const OEKONOMI_2GRP: CodeGrouping = {
  name: "oekonomi_2grp",
  variable: "oekonomi",
  label: L("Økonomisk situation (to grupper)", "Economic situation (two groups)"),
  groups: [
    { label: L("Positiv (meget god/god)", "Positive (very good/good)"), codes: [1, 2] },
    { label: L("Mindre optimistisk (øvrige svar)", "Less optimistic (other answers)"), codes: [3, 4, 5] },
  ],
};

/** Every named grouping of codes. */
export const CODE_GROUPINGS: readonly CodeGrouping[] = [STOERRELSE_2GRP, OEKONOMI_2GRP];

/** The grouping of a name; throws with the valid names if unknown. */
export function codeGrouping(name: string): CodeGrouping {
  const g = CODE_GROUPINGS.find((x) => x.name === name);
  if (!g) throw new Error(`Unknown grouping "${name}". Valid groupings: ${CODE_GROUPINGS.map((x) => x.name).join(", ")}`);
  return g;
}

/**
 * Whether each row's code of the grouping's variable falls in a group: one 0/1 mask per group.
 * Empty cells are in no group.
 * @example groupMasks(STOERRELSE_2GRP, panel.columns.stoerrelse) // [small, larger]
 */
export function groupMasks(grouping: CodeGrouping, values: readonly (number | null)[]): boolean[][] {
  return grouping.groups.map((g) => values.map((v) => v !== null && g.codes.includes(v)));
}

/**
 * The item's own label of a multi-response column (a barrier or an offer), from `BARRIER_ITEMS` /
 * `OFFER_ITEMS`; for any other column, the column's label. Throws for an unknown column.
 * @example itemLabel("tilbud_raadgivning_ai") // "Rådgivning om anvendelse af AI"
 * @example itemLabel("bar_salg_viden", "en") // "Lack of knowledge about AI"
 */
export function itemLabel(column: string, lang: Lang = "da"): string {
  const spec = columnSpec(column);
  if (spec.group === "tilbud") {
    const offer = OFFER_ITEMS.find((o) => o.key === spec.item);
    if (offer) return offer.label[lang];
  } else if (spec.group !== undefined && spec.group.startsWith("bar_")) {
    const barrier = BARRIER_ITEMS.find((b) => b.key === spec.item);
    if (barrier) return barrier.label[lang];
  }
  if (spec.group !== undefined) throw new Error(`Codebook: column "${column}" of group "${spec.group}" has no item "${spec.item ?? ""}"`);
  return spec.label[lang];
}
