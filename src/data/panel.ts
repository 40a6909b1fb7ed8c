/** Builds a panel of plain columns row by row from any reader, through the mapping, checking each cell. */

import { COLUMNS, expectedValues, label, type ColumnSpec, type Label, type Lang, type NumericRange } from "../codebook";
import { DataError, type Panel } from "../survey";
import { parseNumber, printable } from "./csv";
import { deliveredName, type PanelMapping } from "./mapping";

/** One cell as a reader delivers it: text, a number, or null for an empty/system-missing cell. */
export type Cell = string | number | null;

/** A panel as loaded: the engine's `Panel`, its ids as read (`columns.id`: as safe integers, else null) and its
 * extra non-numeric columns verbatim ("" where empty). */
export interface LoadedPanel extends Panel {
  ids: string[];
  textColumns: Record<string, string[]>;
}

interface CodeTarget {
  kind: "code";
  spec: ColumnSpec;
  values: (number | null)[];
  valid: Set<number>;
  range: NumericRange | null; // A numeric column's range (its values are numbers, not codes); null for codes.
  map: Map<string, number | null> | null;
}
interface ExtraTarget {
  kind: "extra";
  name: string;
  cells: Cell[];
}
type Target = { kind: "id" } | CodeTarget | ExtraTarget;

/** `capacity`: at least the rows to come (columns are made that long at once); `onError`: collect cell errors
 * instead of throwing the first (a bad code is then NaN, a bad id ""); `decimalComma`: `1,5` is 1.5 (`;` files). */
export interface PanelBuilderOptions {
  decimalComma?: boolean;
  capacity: number;
  onError?: (error: DataError) => void;
}

/** Row-by-row builder of a panel. @example const b = new PanelBuilder("p.csv", header, NO_MAPPING, { capacity: 1 }); */
export class PanelBuilder {
  private readonly targets: Target[];
  /** The code columns without mapping: fields, columns, one-digit codes (`digits[j * 10 + d]`: d a code of the j-th). */
  private readonly quick: { fields: number[]; values: (number | null)[][]; digits: Uint8Array };
  private readonly all: number[];
  private readonly rest: number[];
  private readonly ids: string[];
  private rows = 0;
  private readonly onError: ((error: DataError) => void) | null;

  /** `header`: the delivered column names, in file order. */
  constructor(
    private readonly source: string,
    header: readonly string[],
    private readonly mapping: PanelMapping,
    private readonly options: PanelBuilderOptions,
  ) {
    this.onError = options.onError ?? null;
    const room = <T>(): T[] => new Array<T>(options.capacity);
    this.ids = room();
    const contractOf = new Map(COLUMNS.map((spec) => [deliveredName(mapping, spec.name), spec]));
    const missing = COLUMNS.filter((c) => !header.includes(deliveredName(mapping, c.name)));
    if (missing.length > 0) throw missingColumnsError(source, missing, mapping, header);
    this.targets = header.map((name): Target => {
      const spec = contractOf.get(name);
      if (spec === undefined) {
        if (COLUMNS.some((c) => c.name === name))
          throw new DataError({
            file: source,
            column: name,
            problem: label(
              `filen har en kolonne "${name}", men mapningen læser ${name} fra "${deliveredName(mapping, name)}"`,
              `the file has a column "${name}" but the mapping reads ${name} from "${deliveredName(mapping, name)}"`,
            ),
            expected: label(
              "hver kontraktkolonne én gang: omdøb eller fjern en af dem",
              "each contract column once: rename or drop one of them",
            ),
          });
        return { kind: "extra", name, cells: room() };
      }
      if (spec.kind === "id") return { kind: "id" };
      const table = mapping.codes[spec.name];
      const map = table ? new Map(Object.entries(table)) : null;
      const valid = new Set(spec.codes.map((c) => c.code));
      return { kind: "code", spec, values: room<number | null>().fill(null), valid, range: rangeOf(spec), map };
    });
    const quick = this.targets.flatMap((t, k) => (t.kind === "code" && t.map === null ? [{ t, k }] : []));
    this.quick = {
      fields: quick.map((q) => q.k),
      values: quick.map((q) => q.t.values),
      digits: new Uint8Array(quick.length * 10),
    };
    quick.forEach(({ t }, j) => {
      for (let d = 0; d <= 9; d++) if (t.valid.has(d)) this.quick.digits[j * 10 + d] = 1;
    });
    this.all = this.targets.map((_, k) => k);
    this.rest = this.all.filter((k) => !this.quick.fields.includes(k));
  }

  /** The next row's cells, in the header's order; `row`: its number in the file, for errors. @example b.row(["1001", "3"], 1) */
  row(cells: readonly Cell[], row: number): void {
    const r = this.rows++;
    // Empty or one-digit valid cells of code columns without mapping settled first; any other sends the whole
    // row through the checks in header order, so that the first bad cell is the one reported.
    const { fields, values, digits } = this.quick;
    let settled = r < this.options.capacity;
    for (let j = 0; j < fields.length && settled; j++) {
      const value = cells[fields[j]];
      if (typeof value === "string" && value.length < 2) {
        if (value.length === 0) continue;
        const digit = value.charCodeAt(0) - 48;
        if (digit >= 0 && digit <= 9 && digits[j * 10 + digit] === 1) {
          values[j][r] = digit;
          continue;
        }
      }
      settled = false;
      break;
    }
    const targets = this.targets;
    for (const k of settled ? this.rest : this.all) {
      const t = targets[k];
      const value = cells[k] ?? null;
      if (t.kind === "code") t.values[r] = this.code(t, value, row);
      else if (t.kind === "extra") t.cells[r] = value;
      else this.ids[r] = this.id(value, row);
    }
  }

  /** The panel; an extra column is numeric when most of its filled cells are numbers (then all must be). */
  finish(): LoadedPanel {
    const rowCount = this.rows;
    for (const t of this.targets) if (t.kind !== "id") (t.kind === "code" ? t.values : t.cells).length = rowCount;
    const ids = this.ids;
    ids.length = rowCount;
    const columns: Record<string, (number | null)[]> = {
      id: ids.map((id) => (id !== "" && Number.isSafeInteger(Number(id)) ? Number(id) : null)),
    };
    const textColumns: Record<string, string[]> = {};
    const codes = new Map(this.targets.flatMap((t) => (t.kind === "code" ? [[t.spec.name, t.values] as const] : [])));
    for (const spec of COLUMNS) if (codes.has(spec.name)) columns[spec.name] = codes.get(spec.name) ?? [];
    for (const t of this.targets) {
      if (t.kind !== "extra") continue;
      const numbers = this.typeExtra(t, rowCount);
      if (numbers !== null) columns[t.name] = numbers;
      else textColumns[t.name] = t.cells.map(cellText);
    }
    return { source: this.source, rowCount, columns, ids, textColumns };
  }

  private id(value: Cell, row: number): string {
    const text = cellText(value);
    if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return numberKey(value);
    if (typeof value !== "number" && /^\s*\d+\s*$/.test(text)) return text.trim();
    const shown = printable(text);
    const problem =
      text.trim() === ""
        ? label("id'et er tomt", "the id is empty")
        : label(`værdien "${shown}" er ikke et heltals-id`, `value "${shown}" is not an integer id`);
    this.fail(row, "id", shown, problem, label("et entydigt heltal (kun cifre)", "a unique integer (digits only)"));
    return "";
  }

  private code(t: CodeTarget, value: Cell, row: number): number | null {
    if (t.map !== null) {
      const mapped = t.map.get(cellText(value).trim());
      if (mapped !== undefined) return mapped;
    }
    if (t.range !== null) return this.number(t, t.range, value, row);
    let code: number;
    if (value === null || value === "") return null;
    if (typeof value === "number") code = Number.isInteger(value) ? value + 0 : NaN;
    else {
      const digit = value.length === 1 ? value.charCodeAt(0) - 48 : -1; // most codes: one digit
      const text = digit >= 0 && digit <= 9 ? "" : value.trim();
      if (text === "" && digit < 0) return null;
      code = text === "" ? digit : (integerLiteral(text) ?? NaN);
    }
    if (t.valid.has(code)) return code;
    const name = t.spec.name;
    const delivered = deliveredName(this.mapping, name);
    const mapped = t.map !== null;
    const text = printable(cellText(value));
    const source = this.mapping.source;
    const of = delivered === name ? "" : ` ${name}`;
    const problem = {
      da: `værdien "${text}" er ikke en gyldig kode${of ? ` for${of}` : ""}${mapped ? `, og mapningen ${source} har ingen oversættelse af den under codes.${name}` : ""}`,
      en: `value "${text}" is not a valid code${of ? ` of${of}` : ""}${mapped ? ` and the mapping ${source} has no entry for it under codes.${name}` : ""}`,
    };
    const codes = t.spec.codes.map((c) => c.code).join(", ");
    const expected = {
      da: `en af ${codes} skrevet som et helt tal${orEmpty(t.spec).da}${mapped ? ", eller en oversættelse i mapningen" : ""}`,
      en: `one of ${codes} written as a whole number${orEmpty(t.spec).en}${mapped ? ", or an entry in the mapping" : ""}`,
    };
    this.fail(row, delivered, text, problem, expected);
    return NaN;
  }

  /** A numeric column's value: a number within its range, whole unless the range allows decimals. */
  private number(t: CodeTarget, range: NumericRange, value: Cell, row: number): number | null {
    const text = cellText(value);
    if (text.trim() === "") return null;
    const x = typeof value === "number" ? value : parseNumber(text, { decimalComma: this.options.decimalComma });
    if (x !== null && x >= range.min && x <= range.max && (range.decimals || Number.isInteger(x))) return x + 0;
    const shown = printable(text);
    const problem =
      x === null
        ? { da: `værdien "${shown}" er ikke et tal`, en: `value "${shown}" is not a number` }
        : {
            da: `værdien "${shown}" er uden for ${t.spec.name}s interval`,
            en: `value "${shown}" is outside the range of ${t.spec.name}`,
          };
    const values = expectedValues(t.spec);
    const expected = { da: `${values.da}${orEmpty(t.spec).da}`, en: `${values.en}${orEmpty(t.spec).en}` };
    this.fail(row, deliveredName(this.mapping, t.spec.name), shown, problem, expected);
    return NaN;
  }

  private fail(row: number, column: string, value: string, problem: Label, expected: Label): void {
    const e = new DataError({ file: this.source, row, column, value, problem, expected });
    if (this.onError === null) throw e;
    this.onError(e);
  }

  /** An extra column's numbers, or null for a text column. */
  private typeExtra(t: ExtraTarget, rowCount: number): (number | null)[] | null {
    const values: (number | null)[] = new Array<number | null>(rowCount).fill(null);
    let numeric = 0;
    let nonEmpty = 0;
    let firstBad = -1;
    const decimalComma = this.options.decimalComma ?? false;
    for (let r = 0; r < rowCount; r++) {
      const c = t.cells[r];
      if (c === null || (typeof c === "string" && c.trim() === "")) continue;
      nonEmpty++;
      const x = typeof c === "number" ? c : parseNumber(c, { decimalComma });
      if (x === null || !Number.isFinite(x)) {
        if (firstBad < 0) firstBad = r;
      } else {
        numeric++;
        values[r] = x;
      }
    }
    if (firstBad < 0 && nonEmpty > 0) return values;
    if (numeric * 2 > nonEmpty) {
      const raw = printable(cellText(t.cells[firstBad]));
      const problem = {
        da: `værdien "${raw}" er ikke et tal, i en kolonne af tal (${numeric} af ${nonEmpty} udfyldte celler er tal)`,
        en: `value "${raw}" is not a number, in a column of numbers (${numeric} of ${nonEmpty} filled cells are numbers)`,
      };
      const expected = {
        da: `et tal${decimalComma ? " (decimalkomma tilladt)" : ""}, eller en tom celle for ingen værdi`,
        en: `a number${decimalComma ? " (decimal comma allowed)" : ""}, or an empty cell for no value`,
      };
      this.fail(firstBad + 1, t.name, raw, problem, expected);
    }
    return null;
  }
}

/** The problem of a file with a header and no rows. @example new DataError({ file: "p.csv", ...NO_ROWS }) */
export const NO_ROWS = {
  problem: label("filen har en overskrift, men ingen datarækker", "the file has a header but no data rows"),
  expected: label("en række pr. svarperson under overskriften", "one row per respondent below the header"),
};

function orEmpty(spec: ColumnSpec): Label {
  return "always" in spec.askedOf
    ? { da: "", en: "" }
    : { da: " (eller tom, hvor ikke spurgt)", en: " (or empty where not asked)" };
}

/** A column's numeric range, null for a coded column; a DataError for a numeric column the codebook gives none. */
function rangeOf(spec: ColumnSpec): NumericRange | null {
  if (spec.kind !== "numeric") return null;
  if (spec.range !== undefined) return spec.range;
  throw new DataError({
    file: "codebook",
    column: spec.name,
    problem: `numeric column "${spec.name}" has no range`,
    expected: "range: { min, max, decimals } on every numeric column",
  });
}

function missingColumnsError(
  source: string,
  missing: readonly ColumnSpec[],
  mapping: PanelMapping,
  header: readonly string[],
): DataError {
  const shown = (lang: Lang): string => {
    const all = missing.map((c) => {
      const d = deliveredName(mapping, c.name);
      return d === c.name
        ? `"${d}"`
        : `"${c.name}" (${lang === "da" ? "mappet fra" : "mapped from"} "${printable(d)}")`;
    });
    const more = all.length - 8;
    return (more > 0 ? [...all.slice(0, 8), lang === "da" ? `og ${more} til` : `and ${more} more`] : all).join(", ");
  };
  const tabs = /\t/.test(header[0] ?? "");
  const hint =
    header.length === 1 && /[\t;,|]/.test(header[0])
      ? label(
          ` — overskriften er ét felt "${printable(header[0], 40)}"; filen ser ud til at være adskilt af ${tabs ? "tabulatorer" : "et andet tegn"}`,
          ` — the header is one field "${printable(header[0], 40)}"; the file looks separated by ${tabs ? "tabs" : "another character"}`,
        )
      : mapping.source === "(no mapping)"
        ? label(
            " — en fil med leverandørens egne navne eller koder kræver en mapning (lav et udkast med: npm run map -- <fil>)",
            " — a file with the supplier's own names or codes needs a mapping (draft one with: npm run map -- <file>)",
          )
        : label("", "");
  const first = (specs: readonly ColumnSpec[]): string => specs.map((c) => c.name).join(", ");
  const n = missing.length;
  return new DataError({
    file: source,
    column: n <= 8 ? first(missing) : `${first(missing.slice(0, 8))}, ...`,
    problem: label(
      `${n === 1 ? "kontraktkolonne" : `${n} kontraktkolonner`} mangler: ${shown("da")}${hint.da}`,
      `${n === 1 ? "contract column" : `${n} contract columns`} missing: ${shown("en")}${hint.en}`,
    ),
    expected: label(
      `hver kolonne i datakontrakten (${COLUMNS.length} kolonner: ${first(COLUMNS.slice(0, 6))}, ...)`,
      `every column of the data contract (${COLUMNS.length} columns: ${first(COLUMNS.slice(0, 6))}, ...)`,
    ),
  });
}

/** An integer literal (`-?digits`, spaces around), else null (`3.0`, `+1`, `1.`): `integerLiteral(" 3 ") // 3`. */
export function integerLiteral(text: string): number | null {
  const t = text.trim();
  return /^-?\d{1,15}$/.test(t) ? Number(t) + 0 : null;
}

/** A cell as text: numbers as the mapping file writes them, empty as "". @example cellText(99) // "99" */
export function cellText(cell: Cell): string {
  return cell === null ? "" : typeof cell === "number" ? numberKey(cell) : cell;
}

/** A number as the mapping file writes it (as JavaScript prints it; -0 as "0"): `numberKey(99) // "99"`. */
export function numberKey(x: number): string {
  return Object.is(x, -0) ? "0" : String(x);
}
