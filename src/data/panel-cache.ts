/**
 * The panel cache: the validated panel written once per build in a compact binary file, so that
 * every notebook of the build reads it in milliseconds instead of parsing the panel again.
 * `loadDataset()` uses it when the environment variable `PANEL_CACHE` names a cache written for
 * the same panel file (same name, size, inode, modification and change times; with `hash`, the
 * same bytes too) and the same mapping, by the same reading code; otherwise it parses the panel as
 * usual. `ask` keeps such caches across runs (src/ask/dataset-cache.ts).
 *
 * Layout: `PANELCACHE3\n`, a uint32 (little-endian) length, that many bytes of JSON (names, text
 * columns, provenance, the key), the ids joined by line breaks, then each code column's bytes,
 * then each numeric column's float64s (every column 8-byte aligned, zeros between).
 */

import { createHash } from "crypto";
import { closeSync, existsSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from "fs";
import { open, rename, type FileHandle } from "fs/promises";
import * as path from "path";
import { idTextOf, withIdText, type CompactPanel } from "./compact";
import { hashFiles } from "./file-hash";
import { countLineEnds } from "./readers/delimited";
import type { ProvenanceResult } from "./provenance";

const MAGIC = "PANELCACHE3\n";

/** What a cache entry is valid for: the panel file and mapping it was parsed from, and the code that read them. */
export interface PanelCacheKey {
  panelPath: string;
  size: number;
  mtimeMs: number;
  /** The mapping file's path, size and modification time, or "" for none. */
  mapping: string;
  /** Inode, modification and change times in nanoseconds: any rewrite, copy over or rename onto the file changes them. */
  identity: string;
  /** SHA-256 of the panel's and the mapping's bytes, or "" when the key was made without `hash`. */
  contentHash: string;
  /** The reading code (sizes and times of this folder's modules) and the shipped synthetic panel the provenance is decided against. */
  code: string;
}

interface CacheHeader {
  key: PanelCacheKey;
  source: string;
  rowCount: number;
  /** Byte length of the ids block (the ids joined by line breaks), which follows the JSON. */
  idsBytes: number;
  codes: string[];
  numbers: string[];
  texts: Record<string, string[]>;
  provenance: ProvenanceResult;
}

/**
 * The key of a panel file (and mapping file) as they are now on disk.
 * @example panelCacheKey("/data/panel.csv", "")
 */
export function panelCacheKey(panelPath: string, mappingPath: string, options: { hash?: boolean; syntheticPanel?: string } = {}): PanelCacheKey {
  const st = statSync(panelPath, { bigint: true });
  let mapping = "";
  if (mappingPath !== "") {
    const m = statSync(mappingPath, { bigint: true });
    mapping = `${mappingPath}:${m.size}:${m.ino}:${m.mtimeNs}:${m.ctimeNs}`;
  }
  const identity = `${st.dev}:${st.ino}:${st.mtimeNs}:${st.ctimeNs}`;
  const contentHash = options.hash === true ? hashFiles(mappingPath === "" ? [panelPath] : [panelPath, mappingPath]) : "";
  const synthetic = options.syntheticPanel !== undefined && existsSync(options.syntheticPanel) ? fileStamp(options.syntheticPanel) : "";
  return { panelPath, size: Number(st.size), mtimeMs: Number(st.mtimeMs), mapping, identity, contentHash, code: `${codeStamp()}|${synthetic}` };
}

/**
 * True when two keys are for the same files, bytes and code.
 * @example sameCacheKey(panelCacheKey(p, ""), panelCacheKey(p, "")) // true while p is unchanged
 */
export function sameCacheKey(a: PanelCacheKey, b: PanelCacheKey): boolean {
  return a.panelPath === b.panelPath && a.size === b.size && a.mtimeMs === b.mtimeMs && a.mapping === b.mapping && a.identity === b.identity && a.contentHash === b.contentHash && a.code === b.code;
}

function aligned(offset: number): number {
  return offset + ((8 - (offset % 8)) % 8);
}

function fileStamp(file: string): string {
  const st = statSync(file, { bigint: true });
  return `${st.size}:${st.mtimeNs}`;
}

let codeStamps: string | null = null;

/** Sizes and modification times of the modules that read and check a panel (this folder and its subfolders): a rebuilt reader never reads an old cache. */
function codeStamp(): string {
  if (codeStamps !== null) return codeStamps;
  const parts: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((x, y) => (x.name < y.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(js|ts)$/.test(entry.name)) parts.push(`${path.relative(__dirname, full)}:${fileStamp(full)}`);
    }
  };
  walk(__dirname);
  codeStamps = createHash("sha256").update(parts.join("\n")).digest("hex").slice(0, 16);
  return codeStamps;
}

/** What a panel cache is written from: a loaded dataset's compact panel, provenance and cache key. */
export type CacheSource = { panel: { compact: CompactPanel }; provenanceDetail: ProvenanceResult; cacheKey: PanelCacheKey };

/**
 * Writes the validated panel of a loaded dataset to `file`, for the notebooks of one build to read
 * (set `PANEL_CACHE=<file>` in their environment). Written to a temporary name and renamed, so a
 * reader never sees half a file.
 *
 * @example
 * const ds = loadDataset();
 * writePanelCache(ds, path.join(tmpDir, "panel.cache"));
 * // then run the notebooks with env PANEL_CACHE=<that file>
 */
export function writePanelCache(dataset: CacheSource, file: string): void {
  const parts = cacheParts(dataset);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    const fd = openSync(tmp, "w");
    try {
      for (const part of parts) for (let done = 0; done < part.length; ) done += writeSync(fd, part, done, part.length - done);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

/**
 * As `writePanelCache`, but the bytes are written by the system's I/O threads while this thread goes
 * on (every part is handed over at once, each at its place in the file); resolves once the file is
 * complete and renamed into place, rejects (leaving no file) when it cannot be written.
 * @example
 * const written = writePanelCacheInBackground(ds, cacheFile);
 * // … compute and print the answer …
 * await written;
 */
export async function writePanelCacheInBackground(dataset: CacheSource, file: string): Promise<void> {
  const parts = cacheParts(dataset);
  const tmp = `${file}.${process.pid}.tmp`;
  const handle = await open(tmp, "w");
  try {
    let position = 0;
    const writes = parts.map((part) => {
      const at = position;
      position += part.length;
      return writeFully(handle, part, at);
    });
    await Promise.all(writes);
    await handle.close();
    await rename(tmp, file);
  } catch (error) {
    await handle.close().catch(() => undefined);
    rmSync(tmp, { force: true });
    throw error;
  }
}

async function writeFully(handle: FileHandle, part: Uint8Array, at: number): Promise<void> {
  for (let done = 0; done < part.length; ) {
    const { bytesWritten } = await handle.write(part, done, part.length - done, at + done);
    if (bytesWritten === 0) throw new Error("no bytes written");
    done += bytesWritten;
  }
}

/** The cache file's bytes, in order: magic and header length, the JSON header, the ids, then the aligned columns. */
function cacheParts(dataset: CacheSource): Uint8Array[] {
  const compact = dataset.panel.compact;
  const header: CacheHeader = {
    key: dataset.cacheKey,
    source: compact.source,
    rowCount: compact.rowCount,
    idsBytes: 0,
    codes: Object.keys(compact.codes),
    numbers: Object.keys(compact.numbers),
    texts: compact.texts,
    provenance: dataset.provenanceDetail,
  };
  const ids = Buffer.from(idTextOf(compact), "utf8");
  header.idsBytes = ids.length;
  const json = Buffer.from(JSON.stringify(header), "utf8");
  const prefix = Buffer.concat([Buffer.from(MAGIC, "latin1"), Buffer.alloc(4)]);
  prefix.writeUInt32LE(json.length, MAGIC.length);
  const parts: Uint8Array[] = [prefix, json, ids];
  let length = prefix.length + json.length + ids.length;
  for (const name of header.codes) {
    const col = compact.codes[name];
    parts.push(new Uint8Array(aligned(length) - length));
    length = aligned(length) + col.length;
    parts.push(new Uint8Array(col.buffer, col.byteOffset, col.length));
  }
  parts.push(new Uint8Array(aligned(length) - length));
  for (const name of header.numbers) {
    const col = compact.numbers[name];
    parts.push(new Uint8Array(col.buffer, col.byteOffset, col.byteLength));
  }
  return parts;
}

/**
 * Reads a panel cache, or returns null when it is missing, unreadable or written for another
 * panel file or mapping (`key`); with `anyContentHash`, whatever bytes' hash it was written for
 * (returned as `contentHash`, for the caller to compare).
 * @example readPanelCache(process.env.PANEL_CACHE!, panelCacheKey(panelPath, ""))
 */
export function readPanelCache(file: string, key: PanelCacheKey, options: { anyContentHash?: boolean } = {}): { compact: CompactPanel; provenance: ProvenanceResult; contentHash: string } | null {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch {
    return null;
  }
  if (buf.length < MAGIC.length + 4 || buf.toString("latin1", 0, MAGIC.length) !== MAGIC) return null;
  const jsonLength = buf.readUInt32LE(MAGIC.length);
  let offset = MAGIC.length + 4;
  let header: CacheHeader;
  try {
    header = JSON.parse(buf.toString("utf8", offset, offset + jsonLength)) as CacheHeader;
  } catch {
    return null;
  }
  offset += jsonLength;
  // With anyContentHash the caller checks the bytes' hash itself (`contentHash`), once it has it.
  if (!sameCacheKey(header.key, options.anyContentHash === true ? { ...key, contentHash: header.key.contentHash } : key)) return null;
  const idsStart = offset;
  offset += header.idsBytes;
  if (header.rowCount > 0 && countLineEnds(buf, idsStart, offset) + 1 !== header.rowCount) return null;
  let end = offset;
  for (let c = 0; c < header.codes.length; c++) end = aligned(end) + header.rowCount;
  if (buf.length !== aligned(end) + header.numbers.length * header.rowCount * 8) return null;
  const codes: Record<string, Int8Array> = {};
  for (const name of header.codes) {
    offset = aligned(offset);
    // Columns start on 8-byte boundaries, so that checks can read them four rows at a time.
    const start = buf.byteOffset + offset;
    codes[name] = start % 8 === 0 ? new Int8Array(buf.buffer, start, header.rowCount) : new Int8Array(buf.buffer.slice(start, start + header.rowCount));
    offset += header.rowCount;
  }
  offset = aligned(offset);
  const numbers: Record<string, Float64Array> = {};
  for (const name of header.numbers) {
    numbers[name] = new Float64Array(buf.buffer.slice(buf.byteOffset + offset, buf.byteOffset + offset + header.rowCount * 8));
    offset += header.rowCount * 8;
  }
  // The ids (a million strings) are split only when something reads them; asking a question does not.
  const compact = withIdText({ source: header.source, rowCount: header.rowCount, codes, numbers, texts: header.texts }, buf.toString("utf8", idsStart, idsStart + header.idsBytes));
  return { compact, provenance: header.provenance, contentHash: header.key.contentHash };
}
