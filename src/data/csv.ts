/** The one reader of delimited text: UTF-8 (BOM optional), `,` `;` or tab, quoted fields, any line end. */

import { readFileSync } from "fs";
import { isUtf8 } from "buffer";
import { basename } from "path";
import { DataError } from "../survey";
import { label, type Label } from "../codebook";

export type Delimiter = "," | ";" | "\t";

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const QUOTING = label(
  'anførselstegn kun om et helt felt, fordoblet ("") inde i det',
  'quotes only around a whole field, doubled ("") inside it',
);
const UNQUOTED = label("et anførselstegn inde i et felt uden anførselstegn", "a quote inside an unquoted field");
const NEVER_CLOSED = label("et felt i anførselstegn lukkes aldrig", "a quoted field is never closed");

/** A DataError in a delimited file; row 0 (the header) is no row. */
function csvError(file: string, row: number, problem: Label, expected: Label, value?: string): DataError {
  return new DataError({
    file,
    row: row > 0 ? row : null,
    value: value === undefined ? null : printable(value),
    problem,
    expected,
  });
}

const READABLE = label("en læsbar panelfil", "a readable panel file");

/** The DataError for a file that cannot be read (`code`: the system's, as ENOENT). */
export function unreadable(path: string, code: string, expected: Label = READABLE): DataError {
  const problem = label(`filen kan ikke læses (${code})`, `cannot read the file (${code})`);
  return new DataError({ file: basename(path), problem, expected });
}

/** A file as UTF-8 text; a DataError naming the file when unreadable, or the line of its first non-UTF-8 byte. */
export function readText(path: string, what: Label = READABLE): string {
  const source = basename(path);
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (e) {
    throw unreadable(path, (e as NodeJS.ErrnoException).code ?? "error", what);
  }
  const text = buf.toString("utf8");
  if (!isUtf8(buf)) {
    const line = text.slice(0, text.indexOf("\uFFFD")).split("\n").length;
    const problem = label(
      `filen er ikke gyldig UTF-8 (første forkerte byte på linje ${line})`,
      `the file is not valid UTF-8 (first bad byte on line ${line})`,
    );
    const expected = label('UTF-8-tekst (i Excel: gem som "CSV UTF-8")', 'UTF-8 text (in Excel: save as "CSV UTF-8")');
    throw csvError(source, line - 1, problem, expected);
  }
  return text;
}

/** Header and rows of `header.length` strings: `parseDelimited("id;v\n1;2\n", "x.csv").rows // [["1", "2"]]`. */
export function parseDelimited(
  text: string,
  source: string,
): { source: string; delimiter: Delimiter; header: string[]; rows: string[][] } {
  const rows: string[][] = [];
  const { delimiter, header } = scanDelimited(text, source, () => (fields) => rows.push(fields.slice()));
  return { source, delimiter, header, rows };
}

/**
 * Reads delimited text record by record; `onHeader` returns what takes each row's fields (one array, refilled).
 * Header names unique, rows as wide as the header, blank lines only at the end: `scanDelimited(text, "x.csv", f)`.
 */
export function scanDelimited(
  text: string,
  source: string,
  onHeader: (header: string[], delimiter: Delimiter) => (fields: string[], row: number) => void,
): { delimiter: Delimiter; header: string[]; rows: number } {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const delimiter = detectDelimiter(text, start);
  const reader = new RecordReader(text, source, delimiter, start);
  const first = reader.next(0);
  if (first === null || (isBlank(first) && text.slice(start).trim() === ""))
    throw csvError(
      source,
      0,
      label("filen er tom", "the file is empty"),
      label("en overskriftsrække med kolonnernes navne", "a header row naming the columns"),
    );
  const header = first.map((h) => h.trim());
  checkHeader(header, source);
  const onRow = onHeader(header, delimiter);
  const tab = delimiter === "\t";
  const expected = label(
    `${header.length} felter adskilt af ${tab ? "tabulatorer" : `"${delimiter}"`}`,
    `${header.length} fields separated by ${tab ? "tabs" : `"${delimiter}"`}`,
  );
  let row = 0;
  let blank = -1;
  for (let fields = reader.next(1); fields !== null; fields = reader.next(row + 1)) {
    if (isBlank(fields)) {
      if (blank < 0) blank = row + 1;
      continue;
    }
    if (blank > 0) throw csvError(source, blank, label("rækken er tom", "the row is empty"), expected, "");
    row++;
    if (fields.length !== header.length) {
      const n = fields.length;
      const problem = label(
        `rækken har ${n} ${n === 1 ? "felt" : "felter"}, men overskriften har ${header.length}`,
        `the row has ${n} field${n === 1 ? "" : "s"} but the header has ${header.length}`,
      );
      throw csvError(source, row, problem, expected, reader.lastRecord());
    }
    onRow(fields, row);
  }
  return { delimiter, header, rows: row };
}

/** A DataError for an empty or repeated column name in a header: `checkHeader(["id", "id"], "p.csv")` throws. */
export function checkHeader(header: readonly string[], source: string): void {
  header.forEach((name, i) => {
    if (name === "")
      throw new DataError({
        file: source,
        column: `#${i + 1}`,
        problem: label(`overskriftens felt ${i + 1} er tomt`, `header field ${i + 1} is empty`),
        expected: label("et navn til hver kolonne", "a name for every column"),
      });
    if (header.indexOf(name) !== i)
      throw new DataError({
        file: source,
        column: printable(name),
        problem: label(
          `kolonnen "${printable(name)}" står to gange i overskriften`,
          `column "${printable(name)}" appears twice in the header`,
        ),
        expected: label("forskellige kolonnenavne", "unique column names"),
      });
  });
}

const isBlank = (fields: string[]): boolean => fields.length === 1 && fields[0].trim() === "";

/** Whichever of `,` `;` and tab occurs most in the header line outside quotes; `,` on a tie. */
function detectDelimiter(text: string, start: number): Delimiter {
  const counts = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && (ch === "," || ch === ";" || ch === "\t")) counts[ch]++;
  }
  if (counts["\t"] > counts[","] && counts["\t"] > counts[";"]) return "\t";
  return counts[";"] > counts[","] ? ";" : ",";
}

/** Reads one record at a time: its fields, honouring quotes (separators, `""` and line breaks inside). */
class RecordReader {
  private i: number;
  private readonly fields: string[] = []; // the record read last, refilled by each `next`
  private recordStart = 0;
  private readonly delim: number;

  constructor(
    private readonly text: string,
    private readonly source: string,
    private readonly delimiter: Delimiter,
    start: number,
  ) {
    this.i = start;
    this.delim = delimiter.charCodeAt(0);
  }

  /** The text of the record read last (for messages). */
  lastRecord(): string {
    let end = this.recordStart;
    while (end < this.text.length && this.text.charCodeAt(end) !== LF && this.text.charCodeAt(end) !== CR) end++;
    return this.text.slice(this.recordStart, end);
  }

  /** The next record's fields, or null at the end; `row` is its row number for errors (0: the header). */
  next(row: number): string[] | null {
    const { text, delim, fields } = this;
    const n = text.length;
    if (this.i >= n) return null;
    this.recordStart = this.i;
    // Fields written over the last record's in place (emptying the array frees its storage); length set at the end
    let k = 0;
    let i = this.i;
    for (;;) {
      const fieldStart = i;
      let c = i < n ? text.charCodeAt(i) : LF;
      while (c !== delim && c !== LF && c !== CR && c !== QUOTE) c = ++i < n ? text.charCodeAt(i) : LF;
      if (c === QUOTE) {
        if (text.slice(fieldStart, i).trim() !== "")
          throw csvError(this.source, row, UNQUOTED, QUOTING, text.slice(fieldStart, i + 1));
        i = this.quoted(i, fields, k++, row);
        c = i < n ? text.charCodeAt(i) : LF;
      } else fields[k++] = text.slice(fieldStart, i);
      if (c === delim) {
        i++;
        continue;
      }
      this.i = i >= n ? n : c === CR && text.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
      if (fields.length !== k) fields.length = k;
      return fields;
    }
  }

  /** A quoted field from its opening quote at `start`: puts its text at `fields[k]`, returns the index after it. */
  private quoted(start: number, fields: string[], k: number, row: number): number {
    const { text } = this;
    let value = "";
    let from = start + 1;
    for (;;) {
      const q = text.indexOf('"', from);
      if (q < 0)
        throw csvError(this.source, row, NEVER_CLOSED, label("et afsluttende anførselstegn", "a closing quote"));
      value += text.slice(from, q);
      if (text.charCodeAt(q + 1) !== QUOTE) {
        from = q + 1;
        break;
      }
      value += '"';
      from = q + 2;
    }
    fields[k] = value;
    let j = from;
    while (j < text.length && (text[j] === " " || (text[j] === "\t" && this.delimiter !== "\t"))) j++;
    const c = j < text.length ? text.charCodeAt(j) : LF;
    if (c !== this.delim && c !== LF && c !== CR) {
      const tab = this.delimiter === "\t";
      const expected = label(
        `${tab ? "en tabulator" : `"${this.delimiter}"`} eller et linjeskift efter et felt i anførselstegn`,
        `${tab ? "a tab" : `"${this.delimiter}"`} or a line break after a quoted field`,
      );
      const problem = label("tekst efter feltets afsluttende anførselstegn", "text after the closing quote of a field");
      throw csvError(this.source, row, problem, expected, text[j]);
    }
    return j;
  }
}

/** A number as written (with `decimalComma` also `1.234,5`), or null: `parseNumber("1e3") // 1000`. */
export function parseNumber(text: string, options: { decimalComma?: boolean } = {}): number | null {
  let t = text.trim();
  if (t === "") return null;
  if (options.decimalComma && t.includes(",")) {
    if (!/^[+-]?(\d+|\d{1,3}(\.\d{3})+),\d+$/.test(t)) return null;
    t = t.replace(/\./g, "").replace(",", ".");
  } else if (options.decimalComma && /^[+-]?\d{1,3}(\.\d{3}){2,}$/.test(t)) {
    t = t.replace(/\./g, ""); // 1.234.567 can only be thousands separators
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return null;
  const x = Number(t);
  return Number.isFinite(x) ? x : null;
}

/** A value safe for a message: controls escaped, long values cut. @example printable("3\u0007") // "3\\u{7}" */
export function printable(value: string, max = 60): string {
  // eslint-disable-next-line no-control-regex
  const safe = value.replace(
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g,
    (ch) => `\\u{${ch.charCodeAt(0).toString(16)}}`,
  );
  return safe.length > max ? `${safe.slice(0, max)}… (${safe.length} characters)` : safe;
}
