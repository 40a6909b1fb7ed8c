/**
 * The delimited-text reader (`.csv`, `.txt`, `.tsv`): UTF-8 with or without a BOM, `,` `;` or tab
 * separated (the header decides: whichever occurs most in it), quoted fields with doubled quotes
 * and line breaks, LF, CRLF or CR line ends. It scans the bytes once and hands each field to a
 * `PanelBuilder`, so a million rows never become a million arrays of strings.
 */

import { isUtf8 } from "buffer";
import { DataError } from "../../survey";
import { printable } from "../cells";
import { parseDelimited } from "../csv";
import { PanelBuilder, type PanelBuilderOptions } from "../panel-builder";
import { EMPTY_CODE, type CompactPanel } from "../compact";
import type { PanelMapping } from "../mapping";

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** The header of a delimited file and where its data starts. */
export interface DelimitedHeader {
  delimiter: "," | ";" | "\t";
  header: string[];
  /** Byte offset of the first data row. */
  dataStart: number;
}

/**
 * Checks the bytes are UTF-8 (else a DataError naming the line) and reads the header line.
 * @example readDelimitedHeader(Buffer.from("id;ai_brug\r\n1;3\r\n"), "p.csv").delimiter; // ";"
 */
export function readDelimitedHeader(buf: Uint8Array, source: string): DelimitedHeader {
  if (!isUtf8(buf)) {
    const text = Buffer.from(buf).toString("utf8");
    const line = text.slice(0, text.indexOf("\uFFFD")).split("\n").length;
    throw new DataError({ file: source, row: line > 1 ? line - 1 : null, problem: `the file is not valid UTF-8 (first bad byte on line ${line})`, expected: 'UTF-8 text (in Excel: save as "CSV UTF-8")' });
  }
  const bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  let end = bom;
  let quoted = false;
  for (; end < buf.length; end++) {
    const c = buf[end];
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted && (c === LF || c === CR)) break;
  }
  const line = Buffer.from(buf.buffer, buf.byteOffset + bom, end - bom).toString("utf8");
  if (line.trim() === "") throw new DataError({ file: source, problem: "the file is empty", expected: "a header row naming the columns" });
  const table = parseDelimited(line + "\n", source);
  let dataStart = end;
  if (buf[dataStart] === CR) dataStart++;
  if (buf[dataStart] === LF) dataStart++;
  return { delimiter: table.delimiter, header: table.header, dataStart };
}

/**
 * Reads a delimited panel file's bytes into a compact panel through a mapping; every cell is
 * checked as it is read (see `PanelBuilder`). Rows are numbered from 1 after the header.
 *
 * @example
 * const compact = scanDelimitedPanel(fs.readFileSync("panel.csv"), "panel.csv", NO_MAPPING);
 */
export function scanDelimitedPanel(buf: Uint8Array, source: string, mapping: PanelMapping, options: Pick<PanelBuilderOptions, "onError"> = {}): { compact: CompactPanel; delimiter: "," | ";" | "\t"; header: string[] } {
  const { delimiter, header, dataStart } = readDelimitedHeader(buf, source);
  const lineEnds = countLineEnds(buf, dataStart, buf.length);
  const capacity = 1 + (lineEnds > 0 ? lineEnds : countBytes(buf, CR, dataStart, buf.length));
  const builder = new PanelBuilder(source, header, mapping, capacity, { decimalComma: delimiter === ";", onError: options.onError });
  const { rows } = scanDelimitedRows(buf, dataStart, buf.length, rowScan(source, delimiter, header.length, builder, capacity));
  if (rows === 0) throw new DataError({ file: source, problem: "the file has a header but no data rows", expected: "one row per respondent below the header" });
  return { compact: builder.finish(rows), delimiter, header };
}

/**
 * The line feeds in `buf[start, end)`: an upper bound on the rows there, less one (a last line
 * without one), where the file's lines end in LF or CRLF.
 * @example countLineEnds(Buffer.from("1,2\n3,4\n"), 0, 8); // 2
 */
export function countLineEnds(buf: Uint8Array, start: number, end: number): number {
  return countBytes(buf, LF, start, end);
}

function countBytes(buf: Uint8Array, byte: number, start: number, end: number): number {
  let count = 0;
  for (let i = buf.indexOf(byte, start); i >= 0 && i < end; i = buf.indexOf(byte, i + 1)) count++;
  return count;
}

/** What a scan of data rows needs besides the bytes (see `rowScan`). */
export interface RowScan {
  source: string;
  delimiter: "," | ";" | "\t";
  ncols: number;
  builder: PanelBuilder;
  /** Per delivered column: the store of a plain contract code column (written directly), else null. */
  plain: ({ store: Int8Array; valid: Uint8Array } | null)[];
  /** The rows made empty so far (more are, a block at a time, as the scan reaches them). */
  emptyRows: number;
  /** The rows this scan may write (another thread may write the builder's stores after them). */
  maxRows: number;
  /** From each column, how far a run of empty cells may be stepped over. */
  runEnd: Int32Array;
}

/**
 * Prepares a scan into `builder`: its plain answer columns start empty in rows [0, emptyRows) (and
 * later ones as the scan reaches them), so that a run of empty cells is only stepped over. A scan
 * that would write more than `maxRows` rows throws.
 * @example scanDelimitedRows(buf, dataStart, buf.length, rowScan("p.csv", ",", header.length, builder, capacity));
 */
export function rowScan(source: string, delimiter: "," | ";" | "\t", ncols: number, builder: PanelBuilder, emptyRows: number, maxRows = Number.POSITIVE_INFINITY): RowScan {
  // Columns whose cells are plain answer codes (no mapping of codes): stored here directly.
  const plain = builder.plainCodeColumns();
  for (const target of plain) target?.store.fill(EMPTY_CODE, 0, emptyRows);
  // From each column, how far a run of empty cells may be stepped over: to the next column that is
  // not a plain answer column, and never past the last (whose end the record's checks need).
  const runEnd = new Int32Array(ncols);
  for (let k = ncols - 1, end = ncols - 1; k >= 0; k--) {
    if (plain[k] === null) end = k;
    runEnd[k] = Math.min(end, ncols - 1);
  }
  return { source, delimiter, ncols, builder, plain, emptyRows, maxRows, runEnd };
}

/** Rows made empty at a time after the first. */
const EMPTY_BLOCK_ROWS = 1 << 16;

/** Makes the next block of a scan's rows empty, growing its builder's stores where they hold no more (a file with more rows than line feeds: lone CR line ends). */
function extendScan(scan: RowScan): void {
  const from = scan.emptyRows;
  if (from >= scan.maxRows) throw new Error("scanDelimitedRows: more rows than this part may write");
  if (from >= scan.builder.rowsHeld()) scan.builder.grow(Math.max(16, 2 * from));
  scan.emptyRows = Math.min(scan.builder.rowsHeld(), scan.maxRows, from + EMPTY_BLOCK_ROWS);
  scan.plain = scan.builder.plainCodeColumns();
  for (const target of scan.plain) target?.store.fill(EMPTY_CODE, from, scan.emptyRows);
}

/**
 * Scans the data rows in `buf[start, end)` (`start` at a line start, `end` at a line start or the
 * file's end) into the scan's builder, from its row `firstRow`. Returns the rows read and, where
 * the part ends in blank lines, the row before which the first of them stands (else -1): a blank
 * line before a data row of the same part is a DataError, at the end it is ignored.
 * @example scanDelimitedRows(buf, dataStart, buf.length, scan); // { rows: 4128, pendingBlank: -1 }
 */
export function scanDelimitedRows(buf: Uint8Array, start: number, end: number, scan: RowScan, firstRow = 0): { rows: number; pendingBlank: number } {
  const { source, delimiter, ncols, builder, runEnd } = scan;
  let plain = scan.plain;
  const delim = delimiter.charCodeAt(0);
  const n = end;
  let row = firstRow;
  let pendingBlank = -1;
  let i = start;
  while (i < n) {
    // A blank line (or one of spaces only): ignored at the end of the file, an error before a data row.
    let k = i;
    while (k < n && (buf[k] === 0x20 || (buf[k] === 0x09 && delim !== 0x09))) k++;
    if (k >= n || buf[k] === LF || buf[k] === CR) {
      if (pendingBlank < 0) pendingBlank = row;
      i = k < n && buf[k] === CR && buf[k + 1] === LF ? k + 2 : k + 1;
      continue;
    }
    if (pendingBlank >= 0) throw new DataError({ file: source, row: pendingBlank + 1, value: "", problem: "the row is empty", expected: `${ncols} fields separated by ${delimiterName(delimiter)}` });
    if (row >= scan.emptyRows) {
      extendScan(scan);
      plain = scan.plain;
    }
    const recordStart = i;
    let col = 0;
    for (;;) {
      // A run of empty answer cells (questions not asked: most of a panel) in one tight loop.
      if (col < ncols && buf[i] === delim) {
        const stop = i + runEnd[col] - col;
        let j = i;
        while (j < stop && buf[j] === delim) j++;
        col += j - i;
        i = j;
      }
      if (col >= ncols) throw raggedError(buf, source, row, recordStart, ncols, delimiter);
      const fieldStart = i;
      let x = 0;
      let c = i < n ? buf[i] : LF;
      while (c >= 0x30 && c <= 0x39) {
        x = x * 10 + c - 0x30;
        c = ++i < n ? buf[i] : LF;
      }
      if (c === delim || c === LF || c === CR) {
        const target = plain[col];
        const len = i - fieldStart;
        if (target !== null && len <= 3) {
          if (len === 0) {
            // already empty
          } else if (x < 128 && target.valid[x + 128] === 1) target.store[row] = x;
          else builder.bytes(col, row, buf, fieldStart, i);
        } else builder.bytes(col, row, buf, fieldStart, i);
      } else if (c === QUOTE && i === fieldStart) {
        const { text, end } = quotedField(buf, i, source, row, delim, delimiter);
        builder.cell(col, row, text);
        i = end;
        c = i < n ? buf[i] : LF;
      } else {
        while (i < n && buf[i] !== delim && buf[i] !== LF && buf[i] !== CR) {
          if (buf[i] === QUOTE && !isBlank(buf, fieldStart, i)) {
            throw new DataError({ file: source, row: row + 1, value: printable(Buffer.from(buf.buffer, buf.byteOffset + fieldStart, i + 1 - fieldStart).toString("utf8")), problem: "a quote inside an unquoted field", expected: 'quotes only around a whole field, doubled ("") inside it' });
          }
          if (buf[i] === QUOTE) break;
          i++;
        }
        if (i < n && buf[i] === QUOTE) {
          const { text, end } = quotedField(buf, i, source, row, delim, delimiter);
          builder.cell(col, row, text);
          i = end;
        } else builder.bytes(col, row, buf, fieldStart, i);
        c = i < n ? buf[i] : LF;
      }
      col++;
      if (c === delim) {
        i++;
        continue;
      }
      // end of the record
      if (col !== ncols) throw raggedError(buf, source, row, recordStart, ncols, delimiter);
      i += c === CR && buf[i + 1] === LF ? 2 : 1;
      row++;
      break;
    }
  }
  return { rows: row - firstRow, pendingBlank };
}

/** A quoted field starting at `start` (the opening quote): its text and the index after it (at the separator or line end). */
function quotedField(buf: Uint8Array, start: number, source: string, row: number, delim: number, delimiter: "," | ";" | "\t"): { text: string; end: number } {
  const n = buf.length;
  const parts: string[] = [];
  let j = start + 1;
  let partStart = j;
  for (;;) {
    if (j >= n) throw new DataError({ file: source, row: row + 1, problem: "a quoted field is never closed", expected: "a closing quote" });
    if (buf[j] === QUOTE) {
      parts.push(Buffer.from(buf.buffer, buf.byteOffset + partStart, j - partStart).toString("utf8"));
      if (buf[j + 1] === QUOTE) {
        parts.push('"');
        j += 2;
        partStart = j;
        continue;
      }
      j++;
      break;
    }
    j++;
  }
  while (j < n && buf[j] === 0x20) j++;
  if (j < n && buf[j] !== delim && buf[j] !== LF && buf[j] !== CR) {
    throw new DataError({ file: source, row: row + 1, value: printable(String.fromCharCode(buf[j])), problem: "text after the closing quote of a field", expected: `${delimiterName(delimiter)} or a line break after a quoted field` });
  }
  return { text: parts.join(""), end: j };
}

function raggedError(buf: Uint8Array, source: string, row: number, recordStart: number, ncols: number, delimiter: "," | ";" | "\t"): DataError {
  let end = recordStart;
  while (end < buf.length && buf[end] !== LF && buf[end] !== CR) end++;
  const text = Buffer.from(buf.buffer, buf.byteOffset + recordStart, end - recordStart).toString("utf8");
  const fields = fieldCount(buf, recordStart, end, delimiter.charCodeAt(0));
  return new DataError({
    file: source,
    row: row + 1,
    value: printable(text),
    problem: `the row has ${fields} field${fields === 1 ? "" : "s"} but the header has ${ncols}`,
    expected: `${ncols} fields separated by ${delimiterName(delimiter)}`,
  });
}

/** Fields in one record (separators outside quotes, plus one). */
function fieldCount(buf: Uint8Array, start: number, end: number, delim: number): number {
  let fields = 1;
  let quoted = false;
  for (let k = start; k < end; k++) {
    if (buf[k] === QUOTE) quoted = !quoted;
    else if (!quoted && buf[k] === delim) fields++;
  }
  return fields;
}

function isBlank(buf: Uint8Array, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (buf[k] !== 0x20 && buf[k] !== 0x09) return false;
  return true;
}

function delimiterName(d: "," | ";" | "\t"): string {
  return d === "\t" ? "tabs" : `"${d}"`;
}
