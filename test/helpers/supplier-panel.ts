/**
 * A supplier's delivery of the synthetic panel, as an SPSS file would come from a survey firm: its own variable
 * names (RESPID, S1, Q3, Q5_2_4, ...), question texts and value labels worded its own way, its own codes (scales
 * reversed, regions in another order, 1/2 for chosen/not chosen, 99 "Ved ikke" user-missing), areas and items in
 * its own order. With it, the answer key: which variable is which contract column, and each value's contract code.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { COLUMNS } from "../../src/codebook";
import type { SavColumn } from "./sav-writer";

/** The true mapping: contract column → supplier variable, and per contract column every supplier value's code. */
export interface SupplierKey {
  columns: Record<string, string>;
  codes: Record<string, Record<string, number | null>>;
}

/** One supplier variable before the rows are filled in: labels and the supplier's value of each contract code. */
interface Plan {
  contract: string;
  name: string;
  label: string;
  labels?: [number, string][]; // supplier value, label
  toSupplier?: Record<number, number>; // contract code → supplier value (unlisted: the same)
  missing?: number[];
}

// The supplier's order of the areas and items, and its wording of them.
const AREAS: [string, string][] = [
  ["salg", "Salg og markedsføring"],
  ["kundeservice", "Kundeservice og support"],
  ["produktion", "Produktion og drift"],
  ["admin", "Administration og økonomistyring"],
  ["udvikling", "Produkt- og forretningsudvikling"],
  ["hr", "HR og personaleadministration"],
  ["logistik", "Indkøb og logistik"],
];
const BARRIERS: [string, string][] = [
  ["viden", "Manglende viden om AI"],
  ["kompetencer", "Mangel på kompetencer og erfaring i virksomheden"],
  ["tid", "Manglende tid og ressourcer"],
  ["omkostninger", "Omkostninger til implementering"],
  ["data", "Manglende/utilstrækkelige data"],
  ["sikkerhed", "Bekymringer om datasikkerhed"],
  ["lovgivning", "Frygt for at overtræde lovgivningen"],
  ["medarbejdere", "Modstand hos medarbejderne"],
  ["kundekontakt", "Forringet kundepleje/tab af den personlige kontakt"],
  ["andet", "Andet"],
  ["ingen", "Ingen barrierer"],
];
const OFFERS: [string, string][] = [
  ["raadgivning_ai", "Rådgivning om brug af AI"],
  ["opkval_medarbejdere", "Opkvalificering af medarbejdere"],
  ["opkval_ledelse", "Opkvalificering af ledelse og bestyrelse"],
  ["raadgivning_jura", "Juridisk rådgivning"],
  ["cybersikkerhed", "Hjælp til at beskytte virksomhedens digitale systemer (cybersikkerhed)"],
  ["netvaerk", "Netværk og erfaringsudveksling med andre virksomheder"],
  ["finansiering", "Finansiering/medfinansiering"],
  ["teknisk", "Adgang til teknisk ekspertise"],
  ["andet", "Andet"],
];
const CHOSEN: Pick<Plan, "labels" | "toSupplier"> = {
  labels: [
    [1, "Valgt"],
    [2, "Ikke valgt"],
  ],
  toSupplier: { 1: 1, 0: 2 },
};
const reversed = (n: number): Record<number, number> =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [i + 1, n - i]));

const PLANS: Plan[] = [
  { contract: "id", name: "RESPID", label: "Respondentnummer" },
  {
    contract: "branche",
    name: "S1",
    label: "S1. Hvilken branche tilhører virksomheden? (DB07, 10 grupper)",
    labels: [
      [1, "Landbrug, skovbrug og fiskeri"],
      [2, "Industri, råstofindvinding og forsyning"],
      [3, "Bygge- og anlægsvirksomhed"],
      [4, "Handel og transport"],
      [5, "Information og kommunikation"],
      [6, "Finansiering og forsikring"],
      [7, "Ejendomshandel og udlejning"],
      [8, "Erhvervsservice"],
      [9, "Offentlig administration, undervisning og sundhed"],
      [10, "Kultur, fritid og anden service"],
    ],
  },
  {
    contract: "stoerrelse",
    name: "S2",
    label: "S2. Hvor mange årsværk er der i virksomheden?",
    labels: [
      [1, "0-9 årsværk"],
      [2, "10-49 årsværk"],
      [3, "50-249 årsværk"],
    ],
  },
  {
    contract: "erhvervshus",
    name: "S3",
    label: "S3. Hvilket erhvervshus hører virksomheden under?",
    labels: [
      [1, "Erhvervshus Nordjylland"],
      [2, "Erhvervshus Midtjylland"],
      [3, "Erhvervshus Sydjylland"],
      [4, "Erhvervshus Fyn"],
      [5, "Erhvervshus Sjælland"],
      [6, "Erhvervshus Hovedstaden"],
    ],
    toSupplier: reversed(6),
  },
  {
    contract: "alder",
    name: "S4",
    label: "S4. Hvor mange år har virksomheden eksisteret?",
    labels: [
      [1, "Under 5 år"],
      [2, "5-9 år"],
      [3, "10 år eller ældre"],
    ],
  },
  {
    contract: "interview",
    name: "METODE",
    label: "Interviewmetode",
    labels: [
      [1, "Telefoninterview"],
      [2, "Webskema via e-Boks"],
    ],
    toSupplier: { 1: 2, 2: 1 },
  },
  {
    contract: "oekonomi",
    name: "Q1",
    label: "Q1. Hvordan vil du beskrive virksomhedens økonomiske situation i dag?",
    labels: [
      [1, "Meget dårlig"],
      [2, "Dårlig"],
      [3, "Hverken god eller dårlig"],
      [4, "God"],
      [5, "Meget god"],
    ],
    toSupplier: reversed(5),
  },
  {
    contract: "digi_produktivitet",
    name: "Q2",
    label: "Q2. Hvordan har digitalisering og IT bidraget til virksomhedens produktivitet det seneste halve år?",
    labels: [
      [1, "Meget positivt"],
      [2, "Positivt"],
      [3, "Hverken positivt eller negativt"],
      [4, "Negativt"],
      [5, "Meget negativt"],
      [99, "Ved ikke"],
    ],
    toSupplier: { 9: 99 },
    missing: [99],
  },
  {
    contract: "ai_brug",
    name: "Q3",
    label: "Q3. Hvilket udsagn beskriver bedst virksomhedens brug af kunstig intelligens (AI) i de seneste 6 måneder?",
    labels: [
      [1, "Vi bruger ikke AI, og det er ikke relevant for os"],
      [2, "Vi bruger ikke AI endnu, men det er relevant for os"],
      [3, "Vi har eksperimenteret med gængse AI-værktøjer (fx ChatGPT eller Copilot)"],
      [4, "Vi arbejder intensivt med AI og har implementeret det systematisk"],
      [5, "Vi har selv udviklet AI-produkter eller -værktøjer, som bruges aktivt"],
    ],
  },
  ...AREAS.map(([area, text], a): Plan => ({
    contract: `pot_${area}`,
    name: `Q4_${a + 1}`,
    label: `Q4_${a + 1}. Potentiale ved brug af AI - ${text}`,
    labels: [
      [1, "Intet potentiale"],
      [2, "Lille potentiale"],
      [3, "Noget potentiale"],
      [4, "Stort potentiale"],
      [5, "Meget stort potentiale"],
      [6, "Ikke relevant for virksomheden"],
    ],
    toSupplier: reversed(5),
  })),
  ...AREAS.flatMap(([area, areaText], a) =>
    BARRIERS.map(([item, text], i): Plan => {
      const name = `Q5_${a + 1}_${i + 1}`;
      const label = `${name}. Barrierer for AI - ${areaText}: ${text}`;
      return { contract: `bar_${area}_${item}`, name, label, ...CHOSEN };
    }),
  ),
  ...OFFERS.map(([item, text], o): Plan => ({
    contract: `tilbud_${item}`,
    name: `Q6_${o + 1}`,
    label: `Q6_${o + 1}. Mest relevante tilbud (vælg op til 3) - ${text}`,
    ...CHOSEN,
  })),
];

/**
 * The first `rows` respondents of the shipped synthetic panel as the supplier delivers them, and the answer key.
 * @example const { columns, key } = supplierPanel(300); writeFileSync(file, writeSav(columns, {}));
 */
export function supplierPanel(rows: number): { columns: SavColumn[]; key: SupplierKey } {
  const lines = readFileSync(join(__dirname, "..", "..", "data", "survey", "panel-2025-synthetic.csv"), "utf8")
    .split("\n")
    .filter((l) => l !== "");
  const header = lines[0].split(",");
  const data = lines.slice(1, rows + 1).map((l) => l.split(","));
  const key: SupplierKey = { columns: {}, codes: {} };
  const columns = PLANS.map((plan): SavColumn => {
    const k = header.indexOf(plan.contract);
    const spec = COLUMNS.find((c) => c.name === plan.contract);
    if (k < 0 || spec === undefined) throw new Error(`supplierPanel: no contract column ${plan.contract}`);
    key.columns[plan.contract] = plan.name;
    const to = (code: number): number => plan.toSupplier?.[code] ?? code;
    if (spec.kind !== "id")
      key.codes[plan.contract] = Object.fromEntries(spec.codes.map((c) => [String(to(c.code)), c.code]));
    const values = data.map((cells) => (cells[k] === "" ? null : to(Number(cells[k]))));
    return { name: plan.name, label: plan.label, valueLabels: plan.labels, missing: plan.missing, values };
  });
  if (columns.length !== COLUMNS.length) throw new Error("supplierPanel: not one variable per contract column");
  return { columns, key };
}

/**
 * How many columns and codes a drafted mapping gets right against the key (a code counts only under the right
 * column; a value the mapping does not list stands for itself).
 * @example scoreDraft(draftMapping(readDelivered(file)).mapping, key) // { columns: 102, codes: 255, ... }
 */
export function scoreDraft(
  mapping: { columns: Record<string, string>; codes: Record<string, Record<string, number | null>> },
  key: SupplierKey,
): { columns: number; columnsOf: number; codes: number; codesOf: number; wrong: string[] } {
  const wrong: string[] = [];
  let columns = 0;
  let codes = 0;
  let codesOf = 0;
  for (const [contract, name] of Object.entries(key.columns)) {
    const right = (mapping.columns[contract] ?? contract) === name;
    if (right) columns++;
    else wrong.push(`${contract}: ${mapping.columns[contract] ?? "(own name)"} instead of ${name}`);
    for (const [value, code] of Object.entries(key.codes[contract] ?? {})) {
      codesOf++;
      const drafted = value in (mapping.codes[contract] ?? {}) ? mapping.codes[contract][value] : Number(value);
      if (right && drafted === code) codes++;
      else if (right) wrong.push(`${contract} ${value}: ${drafted} instead of ${code}`);
    }
  }
  return { columns, columnsOf: Object.keys(key.columns).length, codes, codesOf, wrong };
}
