/** The answer codes and items (docs/DATA-CONTRACT.md §2) and the named code sets; no `[3, 4, 5]` typed elsewhere. */
import { codeLabels, label } from "./labels";

const item = <K extends string>(key: K, da: string, en: string, published = true) => ({
  key,
  published,
  label: label(da, en),
});

/** The four weighting variables, in the margins file's order. @example WEIGHTING_VARIABLES[1] // "stoerrelse" */
export const WEIGHTING_VARIABLES = ["branche", "stoerrelse", "erhvervshus", "alder"] as const;

/** `branche`: Danmarks Statistik DB07 10-group industry. @example BRANCHE_CODES[2].label.da // "Bygge og anlæg" */
export const BRANCHE_CODES = codeLabels(
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

/** `stoerrelse`: full-time equivalents (årsværk). @example STOERRELSE_CODES.map((c) => c.code) // [1, 2, 3] */
export const STOERRELSE_CODES = codeLabels(
  [1, "Under 10 årsværk", "Under 10 FTE"],
  [2, "10-49 årsværk", "10-49 FTE"],
  [3, "50-249 årsværk", "50-249 FTE"],
);
/** `stoerrelse` code of firms under 10 årsværk. @example subset(design, { stoerrelse: UNDER_10_FTE }) */
export const UNDER_10_FTE = [1] as const;
/** `stoerrelse` codes of 10 årsværk or more. @example subset(design, { stoerrelse: AT_LEAST_10_FTE }) */
export const AT_LEAST_10_FTE = [2, 3] as const;

/** `erhvervshus`: the six business hub regions. @example ERHVERVSHUS_CODES[0].label.da // "Hovedstaden" */
export const ERHVERVSHUS_CODES = codeLabels(
  [1, "Hovedstaden", "Capital Region"],
  [2, "Sjælland", "Zealand"],
  [3, "Fyn", "Funen"],
  [4, "Sydjylland", "South Jutland"],
  [5, "Midtjylland", "Central Jutland"],
  [6, "Nordjylland", "North Jutland"],
);

/** `alder`: firm age. @example ALDER_CODES[2].label.en // "10 years or more" */
export const ALDER_CODES = codeLabels(
  [1, "0-4 år", "0-4 years"],
  [2, "5-9 år", "5-9 years"],
  [3, "10 år og derover", "10 years or more"],
);

/** `oekonomi`: the firm's current economic situation. @example OEKONOMI_CODES[0].label.da // "Meget god" */
export const OEKONOMI_CODES = codeLabels(
  [1, "Meget god", "Very good"],
  [2, "God", "Good"],
  [3, "Hverken god eller dårlig", "Neither good nor bad"],
  [4, "Dårlig", "Bad"],
  [5, "Meget dårlig", "Very bad"],
);
/** `oekonomi`: very good, good. @example subset(barrierDesign, { oekonomi: ECONOMY_POSITIVE }) */
export const ECONOMY_POSITIVE = [1, 2] as const;
/** `oekonomi`: neither, bad, very bad. @example subset(barrierDesign, { oekonomi: ECONOMY_LESS_OPTIMISTIC }) */
export const ECONOMY_LESS_OPTIMISTIC = [3, 4, 5] as const;

/** `digi_produktivitet`: IT's effect on productivity. @example DIGI_PRODUKTIVITET_CODES[5].code // 9 (ved ikke) */
export const DIGI_PRODUKTIVITET_CODES = codeLabels(
  [1, "Meget positivt", "Very positive"],
  [2, "Positivt", "Positive"],
  [3, "Hverken eller", "Neither"],
  [4, "Negativt", "Negative"],
  [5, "Meget negativt", "Very negative"],
  [9, "Ved ikke", "Don't know"],
);
/** `digi_produktivitet`: positive. @example svyciprop(design, "digi_produktivitet", DIGI_POSITIVE).value // 0.25 */
export const DIGI_POSITIVE = [1, 2] as const;

/** `ai_brug`: the firm's use of AI over the last six months (asked of all). @example AI_BRUG_CODES[3].code // 4 */
export const AI_BRUG_CODES = codeLabels(
  [1, "Bruger ikke AI, og det er ikke relevant", "Does not use AI, and it is not relevant"],
  [2, "Bruger ikke AI endnu, men det er relevant", "Does not use AI yet, but it is relevant"],
  [
    3,
    "Har eksperimenteret med gængse værktøjer (fx ChatGPT, Copilot)",
    "Has experimented with common tools (e.g. ChatGPT, Copilot)",
  ],
  [
    4,
    "Arbejder intensivt med AI og har systematisk implementeret det",
    "Works intensively with AI and has implemented it systematically",
  ],
  [
    5,
    "Har selv udviklet AI-produkter/-værktøjer, der bruges aktivt",
    "Has developed its own AI products/tools in active use",
  ],
);
/** `ai_brug` code: no AI, not relevant. @example svyciprop(design, "ai_brug", NOT_RELEVANT).value // 0.40 */
export const NOT_RELEVANT = [1] as const;
/** Relevant, not started. @example svyciprop(baseDesign(design, "relevant"), "ai_brug", NOT_STARTED).value // 0.27 */
export const NOT_STARTED = [2] as const;
/** `ai_brug`: experimented. @example svyciprop(baseDesign(design, "users"), "ai_brug", EXPERIMENTING).value // 0.73 */
export const EXPERIMENTING = [3] as const;
/** `ai_brug`: systematic use (10 pct.). @example svyciprop(design, "ai_brug", SYSTEMATIC).value // 0.10 */
export const SYSTEMATIC = [4] as const;
/** `ai_brug`: own AI tools (2 pct.). @example svyciprop(design, "ai_brug", OWN_TOOLS).value // 0.02 */
export const OWN_TOOLS = [5] as const;
/** `ai_brug`: systematic or own tools. @example svyciprop(design, "ai_brug", SYSTEMATIC_OR_OWN_TOOLS).value // 0.12 */
export const SYSTEMATIC_OR_OWN_TOOLS = [4, 5] as const;
/** `ai_brug` codes meaning the firm uses AI. @example svyciprop(design, "ai_brug", USES_AI).value // 0.44 */
export const USES_AI = [3, 4, 5] as const;
/** `ai_brug`: uses AI or finds it relevant. @example subset(design, { ai_brug: RELEVANT }) */
export const RELEVANT = [2, 3, 4, 5] as const;

/** The seven business areas, in order. @example AREAS.map((a) => a.key) // ["salg", "udvikling", ..., "logistik"] */
export const AREAS = [
  item("salg", "Salg og markedsføring", "Sales and marketing"),
  item("udvikling", "Produkt- og forretningsudvikling", "Product and business development"),
  item("admin", "Administration og økonomi", "Administration and finance"),
  item("kundeservice", "Kundeservice og support", "Customer service and support"),
  item("produktion", "Produktion og drift", "Production and operations"),
  item("hr", "HR og personale (projektets antagelse)", "HR and personnel (this project's assumption)", false),
  item(
    "logistik",
    "Indkøb og logistik (projektets antagelse)",
    "Purchasing and logistics (this project's assumption)",
    false,
  ),
] as const;
/** The key of a business area (`salg`, `udvikling`, ...). */
export type AreaKey = (typeof AREAS)[number]["key"];
/** The five areas the report publishes. @example PUBLISHED_AREAS.length // 5 */
export const PUBLISHED_AREAS: readonly AreaKey[] = AREAS.filter((a) => a.published).map((a) => a.key);

/** `pot_<area>`: the potential of AI in a business area. @example POTENTIAL_CODES[5].label.da // "Ikke relevant" */
export const POTENTIAL_CODES = codeLabels(
  [1, "Meget stort potentiale", "Very large potential"],
  [2, "Stort potentiale", "Large potential"],
  [3, "Noget potentiale", "Some potential"],
  [4, "Lille potentiale", "Small potential"],
  [5, "Intet potentiale", "No potential"],
  [6, "Ikke relevant", "Not relevant"],
);
/** `pot_<area>` (very) large. @example svyciprop(relevantDesign, "pot_salg", LARGE_POTENTIAL).value // 0.38 */
export const LARGE_POTENTIAL = [1, 2] as const;

/** Barrier items, in the contract's order. `ingen` is exclusive. @example BARRIER_ITEMS[0].key // "viden" */
export const BARRIER_ITEMS = [
  item("viden", "Manglende viden om AI", "Lack of knowledge about AI"),
  item("kompetencer", "Manglende kompetencer og erfaring internt", "Lack of in-house skills and experience"),
  item("omkostninger", "Omkostninger ved implementering", "Implementation costs"),
  item("tid", "Mangel på tid og ressourcer", "Lack of time and resources", false),
  item("data", "Manglende eller utilstrækkelige data", "Missing or insufficient data", false),
  item("sikkerhed", "Bekymring for datasikkerhed", "Data security concerns", false),
  item("lovgivning", "Bekymring for at overtræde loven", "Fear of breaking the law"),
  item(
    "kundekontakt",
    "Forringet kundepleje og tab af personlig kontakt",
    "Poorer customer care and loss of personal contact",
  ),
  item("medarbejdere", "Modstand blandt medarbejdere", "Resistance among employees", false),
  item("andet", "Andet", "Other", false),
  item("ingen", "Ingen barrierer", "No barriers", false),
] as const;
/** The key of a barrier item (`viden`, `kompetencer`, ...). */
export type BarrierKey = (typeof BARRIER_ITEMS)[number]["key"];
/** The exclusive barrier item. @example barrierColumn("salg", NO_BARRIER) // "bar_salg_ingen" */
export const NO_BARRIER: BarrierKey = "ingen";

/** Offer items, in the contract's order. @example OFFER_ITEMS[0].key // "raadgivning_ai" */
export const OFFER_ITEMS = [
  item("raadgivning_ai", "Rådgivning om anvendelse af AI", "Advice on using AI"),
  item("opkval_medarbejdere", "Opkvalificering af medarbejdere", "Upskilling of employees"),
  item("opkval_ledelse", "Opkvalificering af ledelse/bestyrelse", "Upskilling of management/board"),
  item("raadgivning_jura", "Rådgivning om juridiske forhold", "Legal advice"),
  item("cybersikkerhed", "Hjælp til beskyttelse af digitale systemer", "Help protecting digital systems"),
  item("netvaerk", "Netværk og erfaringsudveksling", "Networks and sharing experience", false),
  item("finansiering", "Finansiering", "Funding", false),
  item("teknisk", "Adgang til teknisk ekspertise", "Access to technical expertise", false),
  item("andet", "Andet", "Other", false),
] as const;
/** The key of an offer item (`raadgivning_ai`, ...). */
export type OfferKey = (typeof OFFER_ITEMS)[number]["key"];
/** How many offers a respondent may choose. @example OFFER_CHOICES.max // 3 */
export const OFFER_CHOICES = { min: 1, max: 3 } as const;

/** A 0/1 item chosen. @example svyitems(barrierDesign, ["tilbud_raadgivning_ai", "tilbud_netvaerk"], CHOSEN) */
export const CHOSEN = [1] as const;

/** The name of the potential column for an area. @example potentialColumn("salg") // "pot_salg" */
export const potentialColumn = (area: AreaKey): string => `pot_${area}`;
/** The name of the barrier column for an area and item. @example barrierColumn("salg", "viden") // "bar_salg_viden" */
export const barrierColumn = (area: AreaKey, item: BarrierKey): string => `bar_${area}_${item}`;
/** The name of the offer column for an item. @example offerColumn("raadgivning_ai") // "tilbud_raadgivning_ai" */
export const offerColumn = (item: OfferKey): string => `tilbud_${item}`;
