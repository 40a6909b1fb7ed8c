/**
 * SHA-256 of files' bytes, one after the other: the content part of a panel cache's key. Either here
 * and now (`hashFiles`), or in a worker thread while this thread reads the cache and rakes
 * (`startHashFiles`: a million-row panel's 135 MB take about 0.15 s, which then cost no wall time).
 */

import { createHash } from "crypto";
import { closeSync, openSync, readSync } from "fs";
import { MessageChannel, receiveMessageOnPort, Worker } from "worker_threads";

/** A hash being computed elsewhere; `result()` waits for it. */
export interface PendingHash {
  result(): string;
}

/**
 * The SHA-256 (hex) of the files' bytes in turn.
 * @example hashFiles(["/data/panel.csv"]) // "9f86d0…"
 */
export function hashFiles(files: readonly string[]): string {
  const h = createHash("sha256");
  const buf = Buffer.allocUnsafe(1 << 22);
  for (const file of files) {
    const fd = openSync(file, "r");
    try {
      for (;;) {
        const got = readSync(fd, buf, 0, buf.length, null);
        if (got === 0) break;
        h.update(buf.subarray(0, got));
      }
    } finally {
      closeSync(fd);
    }
  }
  return h.digest("hex");
}

const WORKER_SOURCE = String.raw`
const { workerData } = require("worker_threads");
const { createHash } = require("crypto");
const fs = require("fs");
const { files, signal, port } = workerData;
let reply;
try {
  const h = createHash("sha256");
  const buf = Buffer.allocUnsafe(1 << 22);
  for (const file of files) {
    const fd = fs.openSync(file, "r");
    try {
      for (;;) {
        const got = fs.readSync(fd, buf, 0, buf.length, null);
        if (got === 0) break;
        h.update(buf.subarray(0, got));
      }
    } finally {
      fs.closeSync(fd);
    }
  }
  reply = { ok: true, hash: h.digest("hex") };
} catch (e) {
  reply = { ok: false, message: String((e && e.message) || e) };
}
port.postMessage(reply);
Atomics.store(signal, 0, 1);
Atomics.notify(signal, 0);
`;

/**
 * Starts hashing the files in a worker thread; `result()` waits for it (or, should the worker fail,
 * hashes here). Gives the same hex as `hashFiles`.
 * @example
 * const pending = startHashFiles([panelPath]);
 * // … read the cache, rake …
 * pending.result(); // "9f86d0…"
 */
export function startHashFiles(files: readonly string[]): PendingHash {
  let worker: Worker;
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  try {
    worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { files: [...files], signal, port: port2 }, transferList: [port2] });
    worker.unref();
  } catch {
    return { result: () => hashFiles(files) };
  }
  let hash: string | null = null;
  return {
    result: (): string => {
      if (hash !== null) return hash;
      Atomics.wait(signal, 0, 0, 120_000);
      const message = receiveMessageOnPort(port1)?.message as { ok: boolean; hash?: string } | undefined;
      port1.close();
      void worker.terminate();
      hash = message?.ok === true && typeof message.hash === "string" ? message.hash : hashFiles(files);
      return hash;
    },
  };
}
