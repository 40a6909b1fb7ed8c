/**
 * Runs the asynchronous SPSS and Excel readers (`sav-reader`, `exceljs`) synchronously, so that
 * `loadDataset()` stays synchronous for the notebooks (sav-reader does not read ZLIB-compressed
 * `.zsav` files; they are unpacked here into the byte-compressed file they wrap first): a worker thread reads the file and posts a
 * plain table; this thread waits on a shared flag (`Atomics.wait`) and takes the message with
 * `receiveMessageOnPort`.
 */

import { MessageChannel, Worker, receiveMessageOnPort } from "worker_threads";

/** One cell as the worker sends it. */
export type RawCell = string | number | null;

/** A variable of a delivered file, with its SPSS metadata where there is any. */
export interface RawVariable {
  name: string;
  type: "numeric" | "string";
  label: string | null;
  /** SPSS user-missing values declared for the variable. */
  missing: (number | string)[];
  /** SPSS value labels. */
  valueLabels: { value: number | string; label: string }[];
}

/** What the worker reads: variables, then rows of cells in the variables' order. */
export interface RawTable {
  variables: RawVariable[];
  rows: RawCell[][];
  /** The SPSS file's compression ("bytecode" or "none"), or the sheet read from an Excel file. */
  detail: string;
}

type WorkerReply = { ok: true; table: RawTable } | { ok: false; message: string };

const WORKER_SOURCE = String.raw`
const { workerData } = require("worker_threads");
const { port, signal, kind, file, modulePath, savRows } = workerData;
const done = (reply) => { port.postMessage(reply); Atomics.store(signal, 0, 1); Atomics.notify(signal, 0); };
process.on("uncaughtException", (e) => done({ ok: false, message: String((e && e.message) || e) }));
process.on("unhandledRejection", (e) => done({ ok: false, message: String((e && e.message) || e) }));
const fs = require("fs");
const plain = (v) => {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "object") {
    if ("result" in v) return plain(v.result);
    if (Array.isArray(v.richText)) return v.richText.map((t) => t.text).join("");
    if ("text" in v) return plain(v.text);
    if ("error" in v) return String(v.error);
  }
  return String(v);
};
// A ZLIB-compressed system file ($FL3, .zsav) as the byte-compressed file ($FL2) it wraps: the same
// dictionary, then the inflated blocks (PSPP's system-file format: ZLIB data header and trailer).
function unzsav(buf) {
  if (buf.toString("latin1", 0, 4) !== "$FL3") return buf;
  const zlib = require("zlib");
  const len = BigInt(buf.length);
  for (let p = 176; p + 24 <= buf.length; p++) {
    if (buf.readBigInt64LE(p) !== BigInt(p)) continue;
    const trailerOfs = buf.readBigInt64LE(p + 8);
    const trailerLen = buf.readBigInt64LE(p + 16);
    if (trailerOfs + trailerLen !== len || trailerLen < 24n) continue;
    const t = Number(trailerOfs);
    const nBlocks = buf.readInt32LE(t + 20);
    if (BigInt(24 + 24 * nBlocks) !== trailerLen) continue;
    const parts = [Buffer.from(buf.subarray(0, p))];
    for (let b = 0; b < nBlocks; b++) {
      const e = t + 24 + 24 * b;
      const ofs = Number(buf.readBigInt64LE(e + 8));
      const size = buf.readInt32LE(e + 20);
      parts.push(zlib.inflateSync(buf.subarray(ofs, ofs + size)));
    }
    parts[0].write("$FL2", 0, "latin1");
    parts[0].writeInt32LE(1, 72); // compression: bytecode
    return Buffer.concat(parts);
  }
  throw new Error("ZLIB compressed data: no ZLIB data header found");
}
// The data rows decoded straight from the buffer (sav-reader awaits every value, about 1 s per
// 1,500 rows): little-endian files without very long strings; otherwise null (use sav-reader's rows).
function fastRows(buf, meta) {
  const h = meta.header;
  if (h.layout_code !== 2 || typeof meta.firstRecordPosition !== "number") return null;
  if (meta.sysvars.some((v) => v.__child_string_sysvars && v.__child_string_sysvars.length > 0)) return null;
  const slots = meta.sysvars.map((v) => (v.type === 0 ? 0 : 1 + v.__nb_string_contin_recs));
  const bias = h.compression ? h.compression.bias : null;
  const nCases = typeof h.n_cases === "number" && h.n_cases >= 0 ? h.n_cases : Infinity;
  let pos = meta.firstRecordPosition;
  let block = -1;
  let k = 8;
  const code = () => {
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
  const rows = [];
  while (rows.length < nCases) {
    if (bias === null && pos + 8 > buf.length) break;
    const row = new Array(slots.length);
    let eof = false;
    for (let j = 0; j < slots.length && !eof; j++) {
      if (slots[j] === 0) {
        if (bias === null) { row[j] = buf.readDoubleLE(pos); pos += 8; continue; }
        const c = code();
        if (c === 252) eof = true;
        else if (c === 253) { row[j] = buf.readDoubleLE(pos); pos += 8; }
        else if (c === 255 || c === 254) row[j] = null;
        else row[j] = c - bias;
      } else {
        const parts = [];
        for (let s = 0; s < slots[j]; s++) {
          if (bias === null) { parts.push(buf.subarray(pos, pos + 8)); pos += 8; continue; }
          const c = code();
          if (c === 252) { eof = true; break; }
          if (c === 253) { parts.push(buf.subarray(pos, pos + 8)); pos += 8; }
          else if (c === 254) parts.push(Buffer.from("        "));
          else return null;
        }
        row[j] = Buffer.concat(parts).toString("utf8").slice(0, 255 * slots[j]).trimEnd();
      }
    }
    if (eof) { if (row.some((x) => x !== undefined)) return null; break; }
    rows.push(row);
  }
  return rows;
}
async function readSav() {
  const { SavBufferReader } = require(modulePath);
  const bytes = unzsav(fs.readFileSync(file));
  const sav = new SavBufferReader(bytes);
  await sav.open();
  const meta = sav.meta;
  const variables = meta.sysvars.map((v) => {
    const m = v.missing;
    const missing = m === null || m === undefined ? [] : Array.isArray(m) ? m : typeof m === "object" ? (Array.isArray(m.values) ? m.values : []) : [m];
    const labels = meta.getValueLabels(v.name) || [];
    return { name: v.name, type: v.type === 1 ? "string" : "numeric", label: v.label || null, missing,
      valueLabels: labels.map((e) => ({ value: e.val, label: e.label })) };
  });
  const names = variables.map((v) => v.name);
  const expected = meta.header.n_cases;
  const fast = savRows === "reader" ? null : fastRows(bytes, meta);
  const rows = fast || [];
  for (; fast === null; ) {
    if (typeof expected === "number" && expected >= 0 && rows.length >= expected) break;
    // sav-reader 2.0.8 takes zero (padding) command bytes left in a compressed block for the end
    // of the file (files written by ReadStat/haven pad every case): skip them as its own reader does.
    const cr = sav.reader;
    if (cr.commandPointer > 0 && cr.commandBuffer && cr.commandBuffer.subarray(cr.commandPointer).every((b) => b === 0)) cr.commandPointer = 0;
    const row = await sav.readNextRow(true);
    if (!row) break;
    rows.push(names.map((n) => { const x = row[n]; return x === undefined ? null : x; }));
  }
  const zsav = fs.readFileSync(file).toString("latin1", 0, 4) === "$FL3";
  return { variables, rows, detail: zsav ? "zlib" : meta.header.compression ? "bytecode" : "none" };
}
async function readXlsx() {
  const ExcelJS = require(modulePath);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(file));
  const ws = wb.worksheets[0];
  if (!ws) throw new Error("the workbook has no sheet");
  const grid = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => { grid[n - 1] = row.values.slice(1).map(plain); });
  const header = (grid[0] || []).map((h) => (h === null || h === undefined ? "" : String(h).trim()));
  const variables = header.map((name) => ({ name, type: "numeric", label: null, missing: [], valueLabels: [] }));
  const rows = [];
  for (let i = 1; i < grid.length; i++) {
    const r = grid[i] || [];
    rows.push(header.map((_, k) => (r[k] === undefined ? null : r[k])));
  }
  while (rows.length > 0 && rows[rows.length - 1].every((c) => c === null || (typeof c === "string" && c.trim() === ""))) rows.pop();
  return { variables, rows, detail: "sheet " + JSON.stringify(ws.name) + (wb.worksheets.length > 1 ? " (first of " + wb.worksheets.length + ")" : "") };
}
(kind === "sav" ? readSav() : readXlsx()).then((table) => done({ ok: true, table }), (e) => done({ ok: false, message: String((e && e.message) || e) }));
`;

/**
 * Reads an SPSS (`"sav"`) or Excel (`"xlsx"`) file in a worker thread and waits for it.
 * Throws an Error with the reader's message when it fails. SPSS data rows are decoded directly
 * from the file (`savRows: "fast"`, the default, where the layout allows) or by sav-reader
 * (`"reader"`); both give the same rows.
 *
 * @example const table = readInWorker("sav", "/data/levering.sav");
 */
export function readInWorker(kind: "sav" | "xlsx", file: string, timeoutMs = 300_000, options: { savRows?: "fast" | "reader" } = {}): RawTable {
  const modulePath = require.resolve(kind === "sav" ? "sav-reader" : "exceljs");
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { port: port2, signal, kind, file, modulePath, savRows: options.savRows ?? "fast" }, transferList: [port2] });
  worker.unref();
  try {
    const state = Atomics.wait(signal, 0, 0, timeoutMs);
    const message = receiveMessageOnPort(port1);
    if (state === "timed-out" || message === undefined) throw new Error(`reading the file took longer than ${Math.round(timeoutMs / 1000)} s`);
    const reply = message.message as WorkerReply;
    if (!reply.ok) throw new Error(reply.message);
    return reply.table;
  } finally {
    port1.close();
    void worker.terminate();
  }
}
