/**
 * The mapping from a delivered panel to the contract (README, "Reading delivered files"): `{ "columns": { "ai_brug":
 * "Q7" }, "codes": { "pot_salg": { "-1": null } } }`, optional `"confirmed"` and `"sheet"`; the draft's notes unread.
 */

import { readFileSync } from "fs";
import { basename } from "path";
import { COLUMNS, label } from "../codebook";
import { DataError, type Bilingual } from "../survey";
import { printable } from "./csv";

/** A validated mapping: contract column → delivered name, and → delivered value (as text) → code or null. */
export interface PanelMapping {
  source: string; // The mapping file's name, for messages.
  columns: Record<string, string>;
  codes: Record<string, Record<string, number | null>>;
  confirmed: string[]; // Contract columns whose contradicting value labels the user has confirmed.
  sheet: string | null; // The Excel sheet to read (else the first visible one).
}

/** The identity mapping: every column by its contract name, every value as it is. */
export const NO_MAPPING: PanelMapping = { source: "(no mapping)", columns: {}, codes: {}, confirmed: [], sheet: null };
const KEYS = ["columns", "codes", "confirmed", "sheet", "confidence", "leftOut"];

/** Reads and validates a mapping file (see `parseMapping`). @example const mapping = readMapping("mapping.json"); */
export function readMapping(path: string): PanelMapping {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "?";
    throw new DataError({
      file: basename(path),
      problem: label(`mapningsfilen kan ikke læses (${code})`, `the mapping file cannot be read (${code})`),
      expected: label("en læsbar JSON-fil", "a readable JSON file"),
    });
  }
  return parseMapping(text, basename(path));
}

/** Parses and validates mapping JSON: `parseMapping('{"columns":{"ai_brug":"Q7"}}', "m.json").columns`. */
export function parseMapping(text: string, source: string): PanelMapping {
  const bad = (column: string | null, problem: Bilingual, expected: Bilingual, value?: string): DataError =>
    new DataError({ file: source, column, value, problem, expected });
  const shape = '{"columns": {...}, "codes": {...}}';
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    const why = printable((e as Error).message);
    throw bad(null, label(`filen er ikke gyldig JSON (${why})`, `the file is not valid JSON (${why})`), shape);
  }
  if (!isObject(json))
    throw bad(null, label("mapningen er ikke et JSON-objekt", "the mapping is not a JSON object"), shape);
  const unknownKeys = Object.keys(json).filter((k) => !KEYS.includes(k));
  if (unknownKeys.length > 0) {
    const listed = unknownKeys.map((k) => `"${printable(k)}"`).join(", ");
    const one = unknownKeys.length === 1;
    const problem = label(
      `${one ? "ukendt nøgle" : "ukendte nøgler"} ${listed}`,
      `unknown key${one ? "" : "s"} ${listed}`,
    );
    const keys = KEYS.map((k) => `"${k}"`).join(", ");
    throw bad(unknownKeys.join(", "), problem, label(`kun ${keys}`, `only ${keys}`));
  }
  const columns: Record<string, string> = {};
  const codes: Record<string, Record<string, number | null>> = {};
  const rawColumns = json.columns ?? {};
  const rawCodes = json.codes ?? {};
  const notObject = (key: string, da: string, en: string): DataError =>
    bad(
      key,
      label(`"${key}" er ikke et objekt`, `"${key}" is not an object`),
      label(`{"<kontraktnavn>": ${da}, ...}`, `{"<contract name>": ${en}, ...}`),
    );
  if (!isObject(rawColumns)) throw notObject("columns", '"<leveret navn>"', '"<delivered name>"');
  if (!isObject(rawCodes))
    throw notObject("codes", '{"<leveret værdi>": <kode eller null>}', '{"<delivered value>": <code or null>}');
  const asJson = (x: unknown): string => printable(JSON.stringify(x) ?? "");
  const usedBy = new Map<string, string>();
  for (const [name, delivered] of Object.entries(rawColumns)) {
    contractColumn(name, source, "columns");
    const column = `columns.${name}`;
    if (typeof delivered !== "string" || delivered.trim() === "") {
      const problem = label(
        `det leverede navn for "${name}" er ikke en tekst`,
        `the delivered name of "${name}" is not a text`,
      );
      const expected = label("kolonnens navn i den leverede fil", "the column's name in the delivered file");
      throw bad(column, problem, expected, asJson(delivered));
    }
    const other = usedBy.get(delivered);
    if (other !== undefined) {
      const problem = label(
        `den leverede kolonne "${printable(delivered)}" er mappet til både "${other}" og "${name}"`,
        `the delivered column "${printable(delivered)}" is mapped to both "${other}" and "${name}"`,
      );
      const expected = label(
        "hver leveret kolonne mappet til én kontraktkolonne",
        "each delivered column mapped to one contract column",
      );
      throw bad(column, problem, expected, printable(delivered));
    }
    usedBy.set(delivered, name);
    columns[name] = delivered;
  }
  for (const [name, table] of Object.entries(rawCodes)) {
    const spec = contractColumn(name, source, "codes");
    const column = `codes.${name}`;
    if (spec.kind === "id")
      throw bad(
        column,
        label("id'er har ingen koder at mappe", "ids have no codes to map"),
        label("koder kun for svarkolonner", "codes for answer columns only"),
      );
    if (!isObject(table))
      throw bad(
        column,
        label(`koderne for "${name}" er ikke et objekt`, `the codes of "${name}" are not an object`),
        label('{"<leveret værdi>": <kode eller null>, ...}', '{"<delivered value>": <code or null>, ...}'),
      );
    const valid = spec.codes.map((c) => c.code);
    const out: Record<string, number | null> = {};
    for (const [delivered, code] of Object.entries(table)) {
      if (code !== null && !(typeof code === "number" && valid.includes(code))) {
        const value = `"${printable(delivered)}"`;
        const problem = label(
          `den leverede værdi ${value} mappes til ${asJson(code)}, som ikke er en kode i ${name}`,
          `the delivered value ${value} is mapped to ${asJson(code)}, which is not a code of ${name}`,
        );
        const codes = valid.join(", ");
        const expected = label(
          `en af ${codes}, eller null for "ikke stillet / intet svar"`,
          `one of ${codes}, or null for "not asked / no answer"`,
        );
        throw bad(column, problem, expected, asJson(code));
      }
      out[delivered.trim()] = code;
    }
    codes[name] = out;
  }
  const confirmed = json.confirmed ?? [];
  if (!Array.isArray(confirmed) || confirmed.some((c) => typeof c !== "string"))
    throw bad(
      "confirmed",
      label('"confirmed" er ikke en liste af kolonnenavne', '"confirmed" is not a list of column names'),
      '["oekonomi", ...]',
      asJson(confirmed),
    );
  for (const name of confirmed as string[]) contractColumn(name, source, "confirmed");
  const sheet = json.sheet ?? null;
  if (sheet !== null && (typeof sheet !== "string" || sheet.trim() === ""))
    throw bad(
      "sheet",
      label('"sheet" er ikke et arknavn', '"sheet" is not a sheet name'),
      label('"sheet": "<navnet på Excel-arket>"', '"sheet": "<the name of the Excel sheet>"'),
      asJson(sheet),
    );
  return { source, columns, codes, confirmed: confirmed as string[], sheet };
}

/** A contract column's delivered name under a mapping. @example deliveredName(mapping, "ai_brug") // "Q7" */
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
    problem: label(
      `"${printable(name)}" er ikke en kolonne i datakontrakten`,
      `"${printable(name)}" is not a column of the data contract`,
    ),
    expected: label(
      `et kontraktkolonnenavn (${names.join(", ")}, ...)`,
      `a contract column name (${names.join(", ")}, ...)`,
    ),
  });
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}
