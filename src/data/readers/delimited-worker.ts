/**
 * The worker thread's half of a parallel delimited scan (see `delimited-parallel.ts`): it scans
 * the data rows of one byte range of the file, held in memory shared with the main thread, with
 * the same scanner as the sequential reader, writing answer codes straight into the shared final
 * arrays at its first row, and returns its ids and extra cells. Any error is returned, not
 * thrown: the main thread then reads the whole file sequentially, which reports it as today.
 */

import { isUtf8 } from "buffer";
import { PanelBuilder, type BuilderPart } from "../panel-builder";
import type { PanelMapping } from "../mapping";
import { rowScan, scanDelimitedRows } from "./delimited";

/** What the main thread asks a worker to scan. */
export interface ScanJob {
  /** The file's bytes (shared, not copied). */
  bytes: SharedArrayBuffer;
  byteLength: number;
  /** The part to scan: `start` at a line start, `end` at a line start or the file's end. */
  start: number;
  end: number;
  /** Where the bytes still to check for UTF-8 start (a line start; the main thread checked those before). */
  utf8From: number;
  source: string;
  delimiter: "," | ";" | "\t";
  header: string[];
  mapping: PanelMapping;
  /** Each contract code column's final bytes for all rows (shared): this part writes from row `offset`. */
  stores: Record<string, SharedArrayBuffer>;
  /** The panel row of the part's first line. */
  offset: number;
  /** The rows the stores hold. */
  capacity: number;
}

/** A worker's answer: its rows' ids and extra cells (codes are already in the shared stores), or why it failed. */
export type ScanReply = { ok: true; part: BuilderPart } | { ok: false; message: string };

/**
 * Scans a job's byte range into the shared stores; never throws.
 * @example
 * const reply = scanPart(job);
 * if (reply.ok) mainBuilder.addPart(job.offset, reply.part);
 */
export function scanPart(job: ScanJob): ScanReply {
  try {
    const buf = Buffer.from(job.bytes, 0, job.byteLength);
    if (!isUtf8(buf.subarray(job.utf8From))) return { ok: false, message: "not UTF-8" };
    const rows = job.capacity - job.offset;
    const builder = new PanelBuilder(job.source, job.header, job.mapping, rows, {
      decimalComma: job.delimiter === ";",
      codeStore: (column) => {
        const store = job.stores[column];
        if (store === undefined) throw new Error(`scanPart: no shared store for ${column}`);
        return new Int8Array(store, job.offset, rows);
      },
    });
    const scan = scanDelimitedRows(buf, job.start, job.end, rowScan(job.source, job.delimiter, job.header.length, builder, 0, rows));
    // Blank lines at the end of this part are the file's last lines: ignored, as in the sequential scan.
    return { ok: true, part: builder.part(scan.rows) };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}
