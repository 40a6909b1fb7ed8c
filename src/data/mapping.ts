/**
 * The mapping from a delivered panel to the contract, as JSON (README, "Reading delivered files"):
 * `{ "columns": { "ai_brug": "Q7" }, "codes": { "pot_salg": { "-1": null } } }`; unlisted names and codes pass.
 * Optional: `"confirmed"` (columns whose value labels contradict the contract's, kept as they are on purpose),
 * `"sheet"` (the Excel sheet to read), and the draft's notes `"confidence"` and `"leftOut"` (not read).
 */

import { readFileSync } from "fs";
import { basename } from "path";
import { COLUMNS } from "../codebook";
import { DataError } from "../survey";
import { printable } from "./csv";

/** A validated mapping. */
export interface PanelMapping {
  source: string; // The mapping file's name, for messages.
  columns: Record<string, string>; // Contract column → delivered column name.
  /** Contract column → delivered value (as text) → contract code, or null for empty. */
  codes: Record<string, Record<string, number | null>>;
  confirmed: string[]; // Contract columns whose contradicting value labels the user has confirmed.
  sheet: string | null; // The Excel sheet to read (else the first visible one).
}

/** The identity mapping: every column by its contract name, every value as it is. @example readPanel(file, { mapping: NO_MAPPING }) */
export const NO_MAPPING: PanelMapping = { source: "(no mapping)", columns: {}, codes: {}, confirmed: [], sheet: null };
const KEYS = ["columns", "codes", "confirmed", "sheet", "confidence", "leftOut"];

/** Reads and validates a mapping file (see `parseMapping`). @example const mapping = readMapping("mapping.json"); */
export function readMapping(path: string): PanelMapping {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new DataError({
      file: basename(path),
      problem: `mapningsfilen kan ikke læses (${(e as NodeJS.ErrnoException).code ?? "fejl"})`,
      expected: "en læsbar JSON-fil",
    });
  }
  return parseMapping(text, basename(path));
}

/**
 * Parses and validates mapping JSON: contract columns as keys, each delivered name once, codes valid (or null).
 * @example parseMapping('{"columns":{"ai_brug":"Q7"}}', "m.json").columns.ai_brug // "Q7"
 */
export function parseMapping(text: string, source: string): PanelMapping {
  const bad = (column: string | null, problem: string, expected: string, value?: string): DataError =>
    new DataError({ file: source, column, value, problem, expected });
  const shape = '{"columns": {...}, "codes": {...}}';
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw bad(null, `filen er ikke gyldig JSON (${printable((e as Error).message)})`, shape);
  }
  if (!isObject(json)) throw bad(null, "mapningen er ikke et JSON-objekt", shape);
  const unknownKeys = Object.keys(json).filter((k) => !KEYS.includes(k));
  if (unknownKeys.length > 0) {
    const listed = unknownKeys.map((k) => `"${printable(k)}"`).join(", ");
    const problem = `${unknownKeys.length === 1 ? "ukendt nøgle" : "ukendte nøgler"} ${listed}`;
    throw bad(unknownKeys.join(", "), problem, `kun ${KEYS.map((k) => `"${k}"`).join(", ")}`);
  }
  const columns: Record<string, string> = {};
  const codes: Record<string, Record<string, number | null>> = {};
  const rawColumns = json.columns ?? {};
  const rawCodes = json.codes ?? {};
  if (!isObject(rawColumns))
    throw bad("columns", '"columns" er ikke et objekt', '{"<kontraktnavn>": "<leveret navn>", ...}');
  if (!isObject(rawCodes))
    throw bad("codes", '"codes" er ikke et objekt', '{"<kontraktnavn>": {"<leveret værdi>": <kode eller null>}, ...}');
  const asJson = (x: unknown): string => printable(JSON.stringify(x) ?? "");
  const usedBy = new Map<string, string>();
  for (const [name, delivered] of Object.entries(rawColumns)) {
    contractColumn(name, source, "columns");
    const column = `columns.${name}`;
    if (typeof delivered !== "string" || delivered.trim() === "") {
      const problem = `det leverede navn for "${name}" er ikke en tekst`;
      throw bad(column, problem, "kolonnens navn i den leverede fil", asJson(delivered));
    }
    const other = usedBy.get(delivered);
    if (other !== undefined) {
      const problem = `den leverede kolonne "${printable(delivered)}" er mappet til både "${other}" og "${name}"`;
      throw bad(column, problem, "hver leveret kolonne mappet til én kontraktkolonne", printable(delivered));
    }
    usedBy.set(delivered, name);
    columns[name] = delivered;
  }
  for (const [name, table] of Object.entries(rawCodes)) {
    const spec = contractColumn(name, source, "codes");
    const column = `codes.${name}`;
    if (spec.kind === "id") throw bad(column, "id'er har ingen koder at mappe", "koder kun for svarkolonner");
    if (!isObject(table))
      throw bad(column, `koderne for "${name}" er ikke et objekt`, '{"<leveret værdi>": <kode eller null>, ...}');
    const valid = spec.codes.map((c) => c.code);
    const out: Record<string, number | null> = {};
    for (const [delivered, code] of Object.entries(table)) {
      if (code !== null && !(typeof code === "number" && valid.includes(code))) {
        const problem = `den leverede værdi "${printable(delivered)}" mappes til ${asJson(code)}, som ikke er en kode i ${name}`;
        throw bad(
          column,
          problem,
          `en af ${valid.join(", ")}, eller null for "ikke stillet / intet svar"`,
          asJson(code),
        );
      }
      out[delivered.trim()] = code;
    }
    codes[name] = out;
  }
  const confirmed = json.confirmed ?? [];
  if (!Array.isArray(confirmed) || confirmed.some((c) => typeof c !== "string"))
    throw bad("confirmed", '"confirmed" er ikke en liste af kolonnenavne', '["oekonomi", ...]', asJson(confirmed));
  for (const name of confirmed as string[]) contractColumn(name, source, "confirmed");
  const sheet = json.sheet ?? null;
  if (sheet !== null && (typeof sheet !== "string" || sheet.trim() === ""))
    throw bad("sheet", '"sheet" er ikke et arknavn', '"sheet": "<navnet på Excel-arket>"', asJson(sheet));
  return { source, columns, codes, confirmed: confirmed as string[], sheet };
}

/** The delivered column name of a contract column under a mapping. @example deliveredName(mapping, "ai_brug") // "Q7" */
export function deliveredName(mapping: PanelMapping, contractName: string): string {
  return mapping.columns[contractName] ?? contractName;
}

function contractColumn(name: string, source: string, section: string): (typeof COLUMNS)[number] {
  const spec = COLUMNS.find((c) => c.name === name);
  if (spec) return spec;
  const names = COLUMNS.slice(0, 5).map((c) => c.name);
  throw new DataError({
    file: source,
    column: `${section}.${printable(name)}`,
    problem: `"${printable(name)}" er ikke en kolonne i datakontrakten`,
    expected: `et kontraktkolonnenavn (${names.join(", ")}, ...)`,
  });
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}
