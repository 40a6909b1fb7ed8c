/**
 * Reading delimited text: UTF-8 with or without a byte-order mark, comma-, semicolon- or
 * tab-separated (detected from the header), quoted fields with doubled quotes, LF or CRLF line ends. Danish Excel
 * exports (`;` separator, decimal comma `1234,5`) are read as they are.
 */

import { DataError } from "../survey";

/** A delimited file split into a header and rows of strings. */
export interface DelimitedTable {
  /** The file (or label) it was read from. */
  source: string;
  /** The field separator found in the header. */
  delimiter: "," | ";" | "\t";
  /** Column names, trimmed. */
  header: string[];
  /** Data rows (header excluded); every row has `header.length` fields. */
  rows: string[][];
}

/**
 * Splits delimited text into header and rows. The separator is whichever of `,` `;` and tab
 * occurs most often in the header (outside quotes); `,` on a tie. A row with a different number of fields
 * than the header is an error naming the row (1-based, header excluded); trailing empty lines
 * are ignored.
 *
 * @example
 * parseDelimited("\uFEFFid;vægt\r\n1;2,5\r\n", "x.csv");
 * // { source: "x.csv", delimiter: ";", header: ["id", "vægt"], rows: [["1", "2,5"]] }
 */
export function parseDelimited(text: string, source: string): DelimitedTable {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const delimiter = detectDelimiter(body);
  const records = splitRecords(body, delimiter, source);
  while (records.length > 0 && isBlank(records[records.length - 1])) records.pop();
  if (records.length === 0) {
    throw new DataError({ file: source, problem: "the file is empty", expected: "a header row naming the columns" });
  }
  const header = records[0].map((h) => h.trim());
  header.forEach((name, i) => {
    if (name === "") {
      throw new DataError({ file: source, row: null, column: `#${i + 1}`, problem: `header field ${i + 1} is empty`, expected: "a name for every column" });
    }
    if (header.indexOf(name) !== i) {
      throw new DataError({ file: source, column: name, problem: `column "${name}" appears twice in the header`, expected: "unique column names" });
    }
  });
  const rows = records.slice(1);
  rows.forEach((fields, r) => {
    if (fields.length !== header.length) {
      throw new DataError({
        file: source,
        row: r + 1,
        value: isBlank(fields) ? "" : fields.join(delimiter),
        problem: isBlank(fields)
          ? "the row is empty"
          : `the row has ${fields.length} field${fields.length === 1 ? "" : "s"} but the header has ${header.length}`,
        expected: `${header.length} fields separated by ${delimiter === "\t" ? "tabs" : `"${delimiter}"`}`,
      });
    }
  });
  return { source, delimiter, header, rows };
}

function isBlank(fields: string[]): boolean {
  return fields.length === 1 && fields[0].trim() === "";
}

/** Whichever of `,` `;` and tab occurs most in the header line outside quotes; `,` on a tie. */
function detectDelimiter(text: string): "," | ";" | "\t" {
  let commas = 0;
  let semicolons = 0;
  let tabs = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && ch === ",") commas++;
    else if (!quoted && ch === ";") semicolons++;
    else if (!quoted && ch === "\t") tabs++;
  }
  if (tabs > commas && tabs > semicolons) return "\t";
  return semicolons > commas ? ";" : ",";
}

/** Splits text into records of fields, honouring quotes (a quoted field may hold separators, quotes as "" and line breaks). */
function splitRecords(text: string, delimiter: string, source: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let fieldWasQuoted = false;
  let recordStartLine = 1;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (field.trim() === "" && !fieldWasQuoted) {
        quoted = true;
        fieldWasQuoted = true;
        field = "";
      } else {
        throw new DataError({
          file: source,
          row: records.length === 0 ? null : records.length,
          value: field + ch,
          problem: `a quote inside an unquoted field (line ${line})`,
          expected: 'quotes only around a whole field, doubled ("") inside it',
        });
      }
    } else if (ch === delimiter) {
      fields.push(field);
      field = "";
      fieldWasQuoted = false;
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      fields.push(field);
      records.push(fields);
      fields = [];
      field = "";
      fieldWasQuoted = false;
      line++;
      recordStartLine = line;
    } else if (fieldWasQuoted) {
      if (ch.trim() !== "") {
        throw new DataError({
          file: source,
          row: records.length === 0 ? null : records.length,
          value: ch,
          problem: `text after the closing quote of a field (line ${line})`,
          expected: `"${delimiter}" or a line break after a quoted field`,
        });
      }
    } else {
      field += ch;
    }
  }
  if (quoted) {
    throw new DataError({
      file: source,
      row: records.length === 0 ? null : records.length,
      problem: `a quoted field opened on line ${recordStartLine} is never closed`,
      expected: "a closing quote",
    });
  }
  if (field !== "" || fields.length > 0 || fieldWasQuoted) {
    fields.push(field);
    records.push(fields);
  }
  return records;
}

/**
 * Parses a number as written in a delimited file, or returns null when the text is not a number
 * (the caller raises a DataError with the location). Accepts surrounding spaces, `1234.5`, and
 * with `decimalComma` also `1234,5` and `1.234,5` (Danish Excel); never `1,234.5`.
 *
 * @example
 * parseNumber("1.234,5", { decimalComma: true }); // 1234.5
 * parseNumber("7x"); // null
 */
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
