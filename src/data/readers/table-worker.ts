/** The worker thread that reads an SPSS (`.sav`, `.zsav`) or Excel file and posts a plain table. */

import { readFileSync } from "fs";
import { inflateSync } from "zlib";
import { isMainThread, workerData, type MessagePort } from "worker_threads";
import { SavBufferReader } from "sav-reader";
import type { SavMeta } from "sav-reader/dist/SavMeta";
import {
  FileProblem,
  plainVariable,
  readSavDictionary,
  textDecoder,
  type RawCell,
  type RawVariable,
} from "./sav-dictionary";
import { MAX_ROWS, checkExpansion, checkRows, checkXlsx } from "./limits";
import type { Label } from "../../codebook";

const MORE_CASES = { da: "har mere end # tilfælde", en: "holds more than # cases" };

/** What the worker reads: variables, rows of cells in their order, and the compression or sheet read. */
export interface RawTable {
  variables: RawVariable[];
  rows: RawCell[][];
  detail: string; // SPSS: "bytecode", "none" or "zlib"; Excel: the sheet read.
}

/** The worker's job; `savRows` "fast": SPSS rows from the bytes where the layout allows, "reader": by sav-reader. */
export interface TableJob {
  kind: "sav" | "xlsx";
  file: string;
  savRows: "fast" | "reader";
  sheet: string | null; // The Excel sheet to read; null: the first visible one.
  port: MessagePort;
  signal: Int32Array; // Set to 1 (and notified) once the answer is posted.
}

/** The worker's answer. */
export type TableReply =
  { ok: true; table: RawTable } | { ok: false; message: string; problem?: Label; expected?: Label };

/** A .zsav ($FL3) as the byte-compressed file ($FL2) it wraps: `unzsav(buf).toString("latin1", 0, 4) // "$FL2"`. */
export function unzsav(buf: Buffer): Buffer {
  if (buf.toString("latin1", 0, 4) !== "$FL3") return buf;
  for (let p = 176; p + 24 <= buf.length; p++) {
    if (buf.readBigInt64LE(p) !== BigInt(p)) continue;
    const trailerOfs = buf.readBigInt64LE(p + 8);
    const trailerLen = buf.readBigInt64LE(p + 16);
    if (trailerOfs + trailerLen !== BigInt(buf.length) || trailerLen < BigInt(24)) continue;
    const t = Number(trailerOfs);
    const nBlocks = buf.readInt32LE(t + 20);
    if (BigInt(24 + 24 * nBlocks) !== trailerLen) continue;
    const blocks = Array.from({ length: nBlocks }, (_, b) => t + 24 + 24 * b);
    const declared = blocks.reduce((sum, e) => sum + buf.readUInt32LE(e + 16), p);
    checkExpansion(buf.length, declared);
    const parts = [Buffer.from(buf.subarray(0, p))];
    blocks.forEach((e, b) => {
      const ofs = Number(buf.readBigInt64LE(e + 8));
      const size = buf.readUInt32LE(e + 16);
      try {
        parts.push(
          inflateSync(buf.subarray(ofs, ofs + buf.readInt32LE(e + 20)), { maxOutputLength: Math.max(size, 1) }),
        );
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "ERR_BUFFER_TOO_LARGE") throw err;
        throw new FileProblem(
          {
            da: `ZLIB-blok ${b + 1} pakkes ud til mere end de ${size} byte, filen angiver`,
            en: `ZLIB block ${b + 1} unpacks to more than the ${size} bytes the file declares`,
          },
          { da: "en hel .zsav-fil", en: "a whole .zsav file" },
        );
      }
    });
    parts[0].write("$FL2", 0, "latin1");
    parts[0].writeInt32LE(1, 72); // compression: bytecode
    return Buffer.concat(parts);
  }
  throw new Error("ZLIB compressed data: no ZLIB data header found");
}

/**
 * The data rows decoded from the bytes (sav-reader: ~1 s per 1,500 rows); null where the layout is not simple; a case
 * cut short a FileProblem "truncated at byte N" (`where`: " of the unpacked data" for a .zsav).
 */
function fastRows(buf: Buffer, meta: SavMeta, decode: (b: Buffer) => string, where: string): RawCell[][] | null {
  const h = meta.header as { layout_code: number; n_cases: unknown; compression: { bias: number } | null };
  if (h.layout_code !== 2 || typeof meta.firstRecordPosition !== "number") return null;
  if (meta.sysvars.some((v) => v.__child_string_sysvars?.length > 0)) return null;
  const slots = meta.sysvars.map((v) => (v.type === 0 ? 0 : 1 + v.__nb_string_contin_recs));
  const bias = h.compression ? h.compression.bias : null;
  const nCases = typeof h.n_cases === "number" && h.n_cases >= 0 ? h.n_cases : Infinity;
  let pos = meta.firstRecordPosition;
  let block = -1;
  let k = 8;
  /** The next compression code (253: a raw 8 bytes follow, in an uncompressed file always; 252 at the end). */
  const code = (): number => {
    if (bias === null) return 253;
    for (;;) {
      if (k === 8) {
        if (pos + 8 > buf.length) return 252;
        block = pos;
        pos += 8;
        k = 0;
      }
      const c = buf[block + k++];
      if (c !== 0) return c;
    }
  };
  const rows: RawCell[][] = [];
  const truncated = (): never => {
    const [at, cut] = [`${buf.length}${where}`, rows.length + 1];
    throw new FileProblem(
      {
        da: `dataene er afkortet ved byte ${at} (tilfælde ${cut} er skåret af)`,
        en: `the data is truncated at byte ${at} (case ${cut} is cut short)`,
      },
      {
        da: "hvert tilfælde helt, så mange som headeren angiver",
        en: "every case whole, as many as the header declares",
      },
    );
  };
  const raw = (): Buffer => {
    if (pos + 8 > buf.length) truncated();
    pos += 8;
    return buf.subarray(pos - 8, pos);
  };
  while (rows.length < nCases) {
    checkRows(rows.length, MAX_ROWS, MORE_CASES);
    if (bias === null && pos + 8 > buf.length) break;
    const row = new Array<RawCell>(slots.length);
    let eof = false;
    for (let j = 0; j < slots.length && !eof; j++) {
      if (slots[j] === 0) {
        const c = code();
        if (c === 252) eof = true;
        else if (c === 253) row[j] = raw().readDoubleLE(0);
        else row[j] = c === 255 || c === 254 ? null : c - (bias as number);
        continue;
      }
      const parts: Buffer[] = [];
      for (let s = 0; s < slots[j] && !eof; s++) {
        const c = code();
        if (c === 252) eof = true;
        else if (c === 253) parts.push(raw());
        else if (c === 254) parts.push(Buffer.from("        "));
        else return null;
      }
      row[j] = decode(Buffer.concat(parts))
        .slice(0, 255 * slots[j])
        .trimEnd();
    }
    if (eof && row.some((x) => x !== undefined)) truncated();
    if (eof) break;
    rows.push(row);
  }
  return rows;
}

async function readSav(file: string, savRows: "fast" | "reader"): Promise<RawTable> {
  const original = readFileSync(file);
  const zsav = original.toString("latin1", 0, 4) === "$FL3";
  const bytes = unzsav(original);
  const sav = new SavBufferReader(bytes);
  await sav.open();
  const dictionary = readSavDictionary(bytes);
  const own = new Map(dictionary.variables.map((v) => [v.shortName, v]));
  const expected = dictionary.cases;
  if (expected !== null)
    checkRows(expected, MAX_ROWS, { da: "angiver # tilfælde i sin header", en: "declares # cases in its header" });
  const meta = sav.meta;
  const variables = meta.sysvars.map((v): RawVariable => {
    const variable: RawVariable = {
      name: v.name,
      type: v.type === 1 ? "string" : "numeric",
      label: v.label || null,
      // sav-reader: one number, a list, a range { min, max, value? } (not kept) or null
      missing: [v.missing as unknown].flat().filter((x): x is number => typeof x === "number"),
      valueLabels: (meta.getValueLabels(v.name) ?? []).map((e) => ({ value: e.val, label: e.label })),
    };
    // sav-reader decodes every text as UTF-8: in another declared character set, the dictionary's own
    const decoded = dictionary.encoding === "utf-8" ? undefined : own.get(v.__shortName);
    if (decoded === undefined) return variable;
    return { ...variable, name: decoded.name, label: decoded.label, valueLabels: decoded.valueLabels };
  });
  const names = meta.sysvars.map((v) => v.name);
  const fast =
    savRows === "reader"
      ? null
      : fastRows(bytes, meta, textDecoder(dictionary.encoding), zsav ? " of the unpacked data" : "");
  const rows = fast ?? [];
  while (fast === null && (expected === null || rows.length < expected)) {
    checkRows(rows.length, MAX_ROWS, MORE_CASES);
    // sav-reader 2.0.8 takes zero (padding) command bytes left in a compressed block for the end
    // of the file (files written by ReadStat/haven pad every case): skip them as its own reader does.
    const cr = sav.reader;
    if (cr.commandPointer > 0 && cr.commandBuffer?.subarray(cr.commandPointer).every((b) => b === 0))
      cr.commandPointer = 0;
    const row = (await sav.readNextRow(true)) as Record<string, RawCell | undefined> | null;
    if (!row) break;
    rows.push(names.map((n) => row[n] ?? null));
  }
  if (expected !== null && rows.length !== expected)
    throw new FileProblem(
      {
        da: `headeren angiver ${expected} tilfælde, men filen har ${rows.length}: den er afkortet`,
        en: `the header declares ${expected} cases but the file holds ${rows.length}: it is truncated`,
      },
      { da: "så mange tilfælde, som headeren angiver", en: "as many cases as the header declares" },
    );
  const compressed = (meta.header as { compression: unknown }).compression;
  return { variables, rows, detail: zsav ? "zlib" : compressed ? "bytecode" : "none" };
}

/** An Excel cell's value as plain text or a number (formulas by their result, rich text joined). */
function plain(v: unknown): RawCell {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "object") {
    const o = v as { result?: unknown; richText?: { text: string }[]; text?: unknown; error?: unknown };
    if ("result" in o) return plain(o.result);
    if (Array.isArray(o.richText)) return o.richText.map((t) => t.text).join("");
    if ("text" in o) return plain(o.text);
    if ("error" in o) return String(o.error);
  }
  return String(v);
}

/** The sheet named `name`, else the first visible one; an unknown name is an error listing the sheets. */
function pickSheet<W extends { name: string; state?: string }>(sheets: readonly W[], name: string | null): W {
  const visible = (w: W): boolean => w.state === "visible" || w.state === undefined;
  const ws = name === null ? sheets.find(visible) : sheets.find((w) => w.name === name);
  if (ws !== undefined) return ws;
  if (name === null)
    throw new FileProblem(
      sheets.length === 0
        ? { da: "projektmappen har intet ark", en: "the workbook has no sheet" }
        : { da: "hvert ark er skjult", en: "every sheet is hidden" },
      { da: "et synligt ark med panelet", en: "a visible sheet with the panel" },
    );
  const listed = sheets.map((w) => `"${w.name}"${visible(w) ? "" : " (skjult / hidden)"}`).join(", ");
  throw new FileProblem(
    { da: `projektmappen har intet ark "${name}"`, en: `the workbook has no sheet "${name}"` },
    { da: `et af arkene ${listed}`, en: `one of the sheets ${listed}` },
  );
}

async function readXlsx(file: string, sheetName: string | null): Promise<RawTable> {
  const { Workbook } = await import("exceljs");
  const wb = new Workbook();
  const zip = readFileSync(file);
  checkXlsx(zip);
  await wb.xlsx.load(zip);
  const ws = pickSheet(wb.worksheets, sheetName);
  const sheet = JSON.stringify(ws.name);
  const merged = ws.model.merges.find((range) => Number(/\d+$/.exec(range)?.[0] ?? 0) >= 2);
  if (merged !== undefined)
    throw new FileProblem(
      {
        da: `arket ${sheet} har flettede celler ${merged} i datarækkerne`,
        en: `sheet ${sheet} has merged cells ${merged} in the data rows`,
      },
      {
        da: "én værdi pr. celle under overskriften (ophæv fletningen og udfyld hver celle)",
        en: "one value per cell below the header (unmerge the cells and fill each one)",
      },
    );
  const grid: RawCell[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    row.eachCell((cell) => {
      const v = cell.value as { formula?: unknown; sharedFormula?: unknown; result?: unknown } | null;
      if (typeof v === "object" && v !== null && ("formula" in v || "sharedFormula" in v) && v.result === undefined)
        throw new FileProblem(
          {
            da: `arket ${sheet}, celle ${cell.address} har en formel uden gemt værdi`,
            en: `sheet ${sheet}, cell ${cell.address} holds a formula without a saved value`,
          },
          {
            da: "værdier i hver celle (gem projektmappen i Excel, så formler beholder deres resultater, eller indsæt værdier)",
            en: "values in every cell (save the workbook in Excel so formulas keep their results, or paste values)",
          },
        );
    });
    grid[n - 1] = (row.values as unknown[]).slice(1).map(plain);
  });
  const header = (grid[0] ?? []).map((h) => (h === null || h === undefined ? "" : String(h).trim()));
  const rows = Array.from({ length: grid.length - 1 }, (_, i) => header.map((_, k) => grid[i + 1]?.[k] ?? null));
  const isEmpty = (c: RawCell): boolean => c === null || (typeof c === "string" && c.trim() === "");
  while (rows.length > 0 && rows[rows.length - 1].every(isEmpty)) rows.pop();
  const more = wb.worksheets.length > 1 && sheetName === null ? ` (første synlige af ${wb.worksheets.length})` : "";
  return { variables: header.map((name) => plainVariable(name, "numeric")), rows, detail: `ark ${sheet}${more}` };
}

if (!isMainThread && (workerData as { tableJob?: TableJob } | null)?.tableJob !== undefined) {
  const { kind, file, savRows, sheet, port, signal } = (workerData as { tableJob: TableJob }).tableJob;
  const done = (reply: TableReply): void => {
    port.postMessage(reply);
    Atomics.store(signal, 0, 1);
    Atomics.notify(signal, 0);
  };
  const fail = (e: unknown): void => {
    const known = e instanceof FileProblem ? { problem: e.problem, expected: e.expected } : {};
    done({ ok: false, message: String((e as Error | null)?.message ?? e), ...known });
  };
  process.on("uncaughtException", fail);
  process.on("unhandledRejection", fail);
  (kind === "sav" ? readSav(file, savRows) : readXlsx(file, sheet)).then((table) => done({ ok: true, table }), fail);
}
