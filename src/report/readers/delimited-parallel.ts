/**
 * Reading a delimited panel file, in two threads when it is large. The file is read into memory
 * shared with a worker thread (started before the read, so that its start-up costs no wall time);
 * the worker scans the second part of the data rows (`delimited-worker.ts`) while this thread scans
 * the first, both with the one scanner of `delimited.ts` and writing answer codes into the same
 * shared arrays; the worker's ids and extra cells are then added after this thread's rows. The
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

/** Files of at least this many bytes are scanned in two threads (smaller ones are scanned faster than a worker starts). @example PARALLEL_SCAN_MIN_BYTES // 16000000 */
export const PARALLEL_SCAN_MIN_BYTES = 16_000_000;

/**
 * The share of the file's bytes this thread scans; the worker scans the rest. A little less than
 * half: this thread also counts its part's lines and makes every id a string, which outweighs the
 * worker's slightly slower scan (measured on a million rows: both parts then end within ~0.05 s).
 * @example MAIN_THREAD_SHARE // 0.48
 */
export const MAIN_THREAD_SHARE = 0.48;

let parallelScans = 0;

/**
 * How many files this process has scanned in two threads (the parse benchmark reports it).
 * @example parallelScanCount(); // 1 after reading a million-row panel
 */
export function parallelScanCount(): number {
  return parallelScans;
}

/** The compiled worker module (also when this module runs from `src/` under the tests). */
const WORKER_MODULE = path.resolve(__dirname, "..", "..", "..", "lib", "report", "readers", "delimited-worker.js");

const WORKER_SOURCE = String.raw`
const { workerData } = require("worker_threads");
const { port, signal, modulePath } = workerData;
const done = (reply) => { port.postMessage(reply); Atomics.store(signal, 0, 1); Atomics.notify(signal, 0); };
let scanPart = null;
try {
  scanPart = require(modulePath).scanPart;
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
  /** The compiled worker module to run (default: `lib/report/readers/delimited-worker.js`; tests give a broken one). */
  workerModule?: string;
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
    if (shared !== null && worker !== null) scanned = scanInTwo(Buffer.from(shared), shared, source, mapping, worker, options.workerTimeoutMs);
  } finally {
    // Stopped before any sequential scan, so that a worker still scanning leaves it the processor.
    worker?.stop();
  }
  return scanned ?? { ...scanDelimitedPanel(shared === null ? readPanelBytes(file, source) : Buffer.from(shared), source, mapping), parallel: false };
}

/**
 * A panel file's bytes, or a DataError saying why they cannot be read.
 * @example readPanelBytes("panel.csv", "panel.csv").length; // 581234
 */
export function readPanelBytes(file: string, source: string): Buffer {
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
function scanInTwo(buf: Buffer, shared: SharedArrayBuffer, source: string, mapping: PanelMapping, worker: ScanWorker, timeoutMs: number | undefined): DelimitedFileScan | null {
  try {
    const n = buf.length;
    const split = buf.indexOf(0x0a, Math.floor(n * MAIN_THREAD_SHARE)) + 1;
    if (split <= 0 || split >= n) return null;
    // The header, and the UTF-8 check of this thread's part (the worker checks its own).
    const { delimiter, header, dataStart } = readDelimitedHeader(buf.subarray(0, split), source);
    // Without quotes in the data rows (the header may have them), every line break ends a row.
    if (dataStart >= split || buf.indexOf(0x22, dataStart) !== -1) return null;
    const mainLines = countLineEnds(buf, dataStart, split);
    // Rows after the split: at most one per `ncols` bytes (ncols - 1 separators and a line end).
    const capacity = mainLines + Math.floor((n - split + 1) / header.length) + 1;
    const stores: Record<string, SharedArrayBuffer> = {};
    const codeStore = (column: string, rows: number): Int8Array => new Int8Array((stores[column] = new SharedArrayBuffer(rows)));
    const builder = new PanelBuilder(source, header, mapping, capacity, { decimalComma: delimiter === ";", codeStore });
    worker.post({ bytes: shared, byteLength: n, start: split, end: n, source, delimiter, header, mapping, stores, offset: mainLines, capacity });
    const t0 = Date.now();
    const mine = scanDelimitedRows(buf, dataStart, split, rowScan(source, delimiter, header.length, builder, mainLines, mainLines));
    // Every line of this part must be a row (a blank line here is an error or a stray CR a row more).
    if (mine.rows !== mainLines || mine.pendingBlank >= 0) return null;
    builder.settleIds();
    const reply = worker.wait(timeoutMs ?? Math.max(10_000, 20 * (Date.now() - t0)));
    if (reply === null || !reply.ok) return null;
    const rows = mainLines + reply.part.rowCount;
    if (rows > capacity) return null;
    builder.addPart(mainLines, reply.part);
    const compact = builder.finish(rows);
    parallelScans++;
    return { compact, delimiter, header, parallel: true };
  } catch {
    return null;
  }
}

interface ScanWorker {
  post(job: ScanJob): void;
  /** The worker's reply, or null when it did not answer in time. */
  wait(timeoutMs: number): ScanReply | null;
  stop(): void;
}

/** A worker thread waiting for its job, or null when none can be started. */
function startScanWorker(modulePath: string): ScanWorker | null {
  if (!existsSync(modulePath)) return null;
  const signal = new Int32Array(new SharedArrayBuffer(4));
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
