/**
 * Reading a delimited panel file, in two threads when it is large. The file is read into memory
 * shared with a worker thread (started before the read, so that its start-up mostly costs no wall
 * time; should it still be starting, this thread scans alone meanwhile, a block of lines at a
 * time). What is left is split at a line start: the worker scans the second part
 * (`delimited-worker.ts`) while this thread scans the first, both with the one scanner of
 * `delimited.ts` and writing answer codes into the same shared arrays; the worker's ids and extra
 * cells are then added after this thread's rows. The
 * result is the same panel as the sequential scan's. Only files whose data rows have no quote
 * (`"`) go this way (every line break then ends a row; the header may be quoted). On any problem
 * in either part — a bad cell, a blank or ragged line, a worker that fails or does not answer —
 * the whole file is scanned again sequentially, so that errors are exactly the sequential
 * reader's, with its row numbers.
 */

import { existsSync, readFileSync, readSync, openSync, closeSync, statSync } from "fs";
import * as path from "path";
import { MessageChannel, Worker, receiveMessageOnPort } from "worker_threads";
import { DataError } from "../../survey";
import { PanelBuilder } from "../panel-builder";
import type { CompactPanel } from "../compact";
import type { PanelMapping } from "../mapping";
import { countLineEnds, readDelimitedHeader, rowScan, scanDelimitedPanel, scanDelimitedRows } from "./delimited";
import type { ScanJob, ScanReply } from "./delimited-worker";

/**
 * Files of at least this many bytes are scanned in two threads. Below it the worker's start and
 * its own warm-up eat the gain (measured: a 40 MB file no faster, 67 MB about 0.3 s faster).
 * @example PARALLEL_SCAN_MIN_BYTES // 50000000
 */
export const PARALLEL_SCAN_MIN_BYTES = 50_000_000;

/**
 * The share of the file's bytes this thread scans; the worker scans the rest. A little less than
 * half: this thread also counts its part's lines and makes every id a string, which outweighs the
 * worker's slightly slower scan (measured on a million rows: both parts then end within ~0.05 s).
 * @example MAIN_THREAD_SHARE // 0.48
 */
export const MAIN_THREAD_SHARE = 0.48;

/** While the worker starts, this thread scans alone, a block of about this many bytes at a time. @example ALONE_BLOCK_BYTES // 2097152 */
export const ALONE_BLOCK_BYTES = 1 << 21;

const LF = 0x0a;

let parallelScans = 0;

/**
 * How many files this process has scanned in two threads (the parse benchmark reports it).
 * @example parallelScanCount(); // 1 after reading a million-row panel
 */
export function parallelScanCount(): number {
  return parallelScans;
}

/** The compiled worker module (also when this module runs from `src/` under the tests). */
const WORKER_MODULE = path.resolve(__dirname, "..", "..", "..", "lib", "data", "readers", "delimited-worker.js");

const WORKER_SOURCE = String.raw`
const { workerData } = require("worker_threads");
const { port, signal, modulePath } = workerData;
const done = (reply) => { port.postMessage(reply); Atomics.store(signal, 0, 1); Atomics.notify(signal, 0); };
// A worker that ends without replying (process.exit, a fatal error) wakes the main thread too: no reply, so it scans alone.
process.on("exit", () => { Atomics.store(signal, 0, 1); Atomics.notify(signal, 0); });
let scanPart = null;
try {
  scanPart = require(modulePath).scanPart;
  Atomics.store(signal, 1, 1);
} catch (e) {
  done({ ok: false, message: "cannot load the scanner: " + String((e && e.message) || e) });
}
if (scanPart !== null) port.once("message", (job) => done(scanPart(job)));
`;

/** A scanned delimited file. */
export interface DelimitedFileScan {
  compact: CompactPanel;
  delimiter: "," | ";" | "\t";
  header: string[];
  /** True when the file was scanned in two threads. */
  parallel: boolean;
}

/** Options of `scanDelimitedFile`. */
export interface DelimitedFileOptions {
  /** Scan in two threads from this file size on (default `PARALLEL_SCAN_MIN_BYTES`). */
  minBytes?: number;
  /** The compiled worker module to run (default: `lib/data/readers/delimited-worker.js`; tests give a broken one). */
  workerModule?: string;
  /** Scan alone a block of this many bytes at a time while the worker starts (default `ALONE_BLOCK_BYTES`; tests give less). */
  blockBytes?: number;
  /** Wait at most this long for the worker after this thread's part (default: 20 times this thread's part, at least 10 s), then scan sequentially. */
  workerTimeoutMs?: number;
}

/**
 * Reads and scans a delimited panel file (see the module comment); the same panel, delimiter and
 * header as `scanDelimitedPanel` on the file's bytes, and the same errors.
 * @example scanDelimitedFile("/data/panel-1m.csv", "panel-1m.csv", NO_MAPPING).parallel; // true
 */
export function scanDelimitedFile(file: string, source: string, mapping: PanelMapping, options: DelimitedFileOptions = {}): DelimitedFileScan {
  const stat = statSync(file, { throwIfNoEntry: false });
  if (stat === undefined || !stat.isFile() || stat.size < (options.minBytes ?? PARALLEL_SCAN_MIN_BYTES) || stat.size === 0) {
    return { ...scanDelimitedPanel(readPanelBytes(file, source), source, mapping), parallel: false };
  }
  const worker = startScanWorker(options.workerModule ?? WORKER_MODULE);
  let shared: SharedArrayBuffer | null = null;
  let scanned: DelimitedFileScan | null = null;
  try {
    shared = readShared(file, stat.size);
    if (shared !== null && worker !== null) scanned = scanInTwo(Buffer.from(shared), shared, source, mapping, worker, options);
  } finally {
    // Stopped before any sequential scan, so that a worker still scanning leaves it the processor.
    worker?.stop();
  }
  return scanned ?? { ...scanDelimitedPanel(shared === null ? readPanelBytes(file, source) : Buffer.from(shared), source, mapping), parallel: false };
}

/** A panel file's bytes, or a DataError saying why they cannot be read. */
function readPanelBytes(file: string, source: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new DataError({ file: source, problem: `cannot read the file (${(e as NodeJS.ErrnoException).code ?? "error"})`, expected: "a readable panel file" });
  }
}

/** The file's bytes in shared memory, or null when they are not exactly `size` bytes (read failed, file changed). */
function readShared(file: string, size: number): SharedArrayBuffer | null {
  let fd = -1;
  try {
    fd = openSync(file, "r");
    const shared = new SharedArrayBuffer(size);
    const view = new Uint8Array(shared);
    let got = 0;
    while (got < size) {
      const n = readSync(fd, view, got, Math.min(size - got, 1 << 26), got);
      if (n === 0) return null;
      got += n;
    }
    return readSync(fd, new Uint8Array(1), 0, 1, size) === 0 ? shared : null;
  } catch {
    return null;
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}

/** The panel scanned in two threads, or null on any problem (the caller then scans sequentially). */
function scanInTwo(buf: Buffer, shared: SharedArrayBuffer, source: string, mapping: PanelMapping, worker: ScanWorker, options: DelimitedFileOptions): DelimitedFileScan | null {
  try {
    const n = buf.length;
    // The header, and the UTF-8 check of the bytes up to about where the parts will meet (the worker checks the rest).
    const checked = buf.indexOf(LF, Math.floor(n * MAIN_THREAD_SHARE)) + 1;
    if (checked <= 0 || checked >= n) return null;
    const { delimiter, header, dataStart } = readDelimitedHeader(buf.subarray(0, checked), source);
    // Without quotes in the data rows (the header may have them), every line break ends a row.
    if (dataStart >= checked || buf.indexOf(0x22, dataStart) !== -1) return null;
    // At most one row per `ncols` bytes (ncols - 1 separators and a line end).
    const capacity = Math.floor((n - dataStart + 1) / header.length) + 1;
    const stores: Record<string, SharedArrayBuffer> = {};
    const codeStore = (column: string, rows: number): Int8Array => new Int8Array((stores[column] = new SharedArrayBuffer(rows)));
    const builder = new PanelBuilder(source, header, mapping, capacity, { decimalComma: delimiter === ";", codeStore });
    const scan = rowScan(source, delimiter, header.length, builder, 0, capacity);
    const t0 = Date.now();
    // While the worker is starting, scan alone, a block of lines at a time; then share what is left.
    const block = options.blockBytes ?? ALONE_BLOCK_BYTES;
    let pos = dataStart;
    let rows = 0;
    while (!worker.ready() && n - pos > 4 * block) {
      const next = buf.indexOf(LF, pos + block) + 1;
      if (next <= pos) break;
      const alone = scanDelimitedRows(buf, pos, next, scan, rows);
      // Blank lines before more rows: the sequential scan's error.
      if (alone.pendingBlank >= 0) return null;
      rows += alone.rows;
      pos = next;
    }
    const split = buf.indexOf(LF, pos + Math.floor((n - pos) * MAIN_THREAD_SHARE)) + 1;
    if (split <= pos || split >= n) return null;
    const offset = rows + countLineEnds(buf, pos, split);
    // This thread writes no row from `offset` on: the worker's.
    scan.maxRows = offset;
    scan.emptyRows = Math.min(scan.emptyRows, offset);
    worker.post({ bytes: shared, byteLength: n, start: split, end: n, utf8From: checked, source, delimiter, header, mapping, stores, offset, capacity });
    const mine = scanDelimitedRows(buf, pos, split, scan, rows);
    // Every line of this part must be a row (a blank line here is an error or a stray CR a row more).
    if (rows + mine.rows !== offset || mine.pendingBlank >= 0) return null;
    builder.settleIds();
    const reply = worker.wait(options.workerTimeoutMs ?? Math.max(10_000, 20 * (Date.now() - t0)));
    if (reply === null || !reply.ok) return null;
    builder.addPart(offset, reply.part);
    const compact = builder.finish(offset + reply.part.rowCount);
    parallelScans++;
    return { compact, delimiter, header, parallel: true };
  } catch {
    return null;
  }
}

interface ScanWorker {
  /** True once the worker has loaded the scanner (or failed to). */
  ready(): boolean;
  post(job: ScanJob): void;
  /** The worker's reply, or null when it did not answer in time. */
  wait(timeoutMs: number): ScanReply | null;
  stop(): void;
}

/** A worker thread waiting for its job, or null when none can be started. */
function startScanWorker(modulePath: string): ScanWorker | null {
  if (!existsSync(modulePath)) return null;
  // [0]: the reply is there; [1]: the scanner is loaded.
  const signal = new Int32Array(new SharedArrayBuffer(8));
  const { port1, port2 } = new MessageChannel();
  let worker: Worker;
  try {
    worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { port: port2, signal, modulePath }, transferList: [port2] });
  } catch {
    port1.close();
    return null;
  }
  worker.unref();
  // A worker that dies is answered by the timeout and the sequential scan, not by an uncaught error.
  worker.on("error", () => undefined);
  return {
    ready: () => Atomics.load(signal, 1) === 1 || Atomics.load(signal, 0) === 1,
    post: (job) => port1.postMessage(job),
    wait: (timeoutMs) => {
      if (Atomics.wait(signal, 0, 0, timeoutMs) === "timed-out") return null;
      const message = receiveMessageOnPort(port1);
      return message === undefined ? null : (message.message as ScanReply);
    },
    stop: () => {
      port1.close();
      void worker.terminate();
    },
  };
}
