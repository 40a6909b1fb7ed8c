/**
 * The panel cache: the validated panel written once per build in a compact binary file, so that
 * every notebook of the build reads it in milliseconds instead of parsing the panel again.
 * `loadDataset()` uses it when the environment variable `PANEL_CACHE` names a cache written for
 * the same panel file (same name, size and modification time) and the same mapping; otherwise it
 * parses the panel as usual.
 *
 * Layout: `PANELCACHE2\n`, a uint32 (little-endian) length, that many bytes of JSON (names, text
 * columns, provenance, the key), the ids joined by line breaks, then each code column's bytes,
 * then each numeric column's float64s (8-byte aligned).
 */

import { readFileSync, renameSync, statSync, writeFileSync } from "fs";
import type { CompactPanel } from "./compact";
import type { ProvenanceResult } from "./provenance";

const MAGIC = "PANELCACHE2\n";

/** What a cache entry is valid for: the panel file and mapping it was parsed from. */
export interface PanelCacheKey {
  panelPath: string;
  size: number;
  mtimeMs: number;
  /** The mapping file's path and modification time, or "" for none. */
  mapping: string;
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
export function panelCacheKey(panelPath: string, mappingPath: string): PanelCacheKey {
  const st = statSync(panelPath);
  let mapping = "";
  if (mappingPath !== "") mapping = `${mappingPath}:${statSync(mappingPath).mtimeMs}`;
  return { panelPath, size: st.size, mtimeMs: st.mtimeMs, mapping };
}

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
export function writePanelCache(dataset: { panel: { compact: CompactPanel }; provenanceDetail: ProvenanceResult; cacheKey: PanelCacheKey }, file: string): void {
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
  const ids = Buffer.from(compact.ids.join("\n"), "utf8");
  header.idsBytes = ids.length;
  const json = Buffer.from(JSON.stringify(header), "utf8");
  const prefix = Buffer.concat([Buffer.from(MAGIC, "latin1"), Buffer.alloc(4)]);
  prefix.writeUInt32LE(json.length, MAGIC.length);
  const parts: Uint8Array[] = [prefix, json, ids];
  let length = prefix.length + json.length + ids.length;
  for (const name of header.codes) {
    const col = compact.codes[name];
    parts.push(new Uint8Array(col.buffer, col.byteOffset, col.length));
    length += col.length;
  }
  const pad = (8 - (length % 8)) % 8;
  parts.push(new Uint8Array(pad));
  for (const name of header.numbers) {
    const col = compact.numbers[name];
    parts.push(new Uint8Array(col.buffer, col.byteOffset, col.byteLength));
  }
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, Buffer.concat(parts));
  renameSync(tmp, file);
}

/**
 * Reads a panel cache, or returns null when it is missing, unreadable or written for another
 * panel file or mapping (`key`).
 * @example readPanelCache(process.env.PANEL_CACHE!, panelCacheKey(panelPath, ""))
 */
export function readPanelCache(file: string, key: PanelCacheKey): { compact: CompactPanel; provenance: ProvenanceResult } | null {
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
  const ids = header.rowCount === 0 ? [] : buf.toString("utf8", offset, offset + header.idsBytes).split("\n");
  offset += header.idsBytes;
  if (ids.length !== header.rowCount) return null;
  const k = header.key;
  if (k.panelPath !== key.panelPath || k.size !== key.size || k.mtimeMs !== key.mtimeMs || k.mapping !== key.mapping) return null;
  const numbersStart = offset + header.codes.length * header.rowCount;
  if (buf.length !== numbersStart + ((8 - (numbersStart % 8)) % 8) + header.numbers.length * header.rowCount * 8) return null;
  const codes: Record<string, Int8Array> = {};
  for (const name of header.codes) {
    codes[name] = new Int8Array(buf.buffer, buf.byteOffset + offset, header.rowCount);
    offset += header.rowCount;
  }
  offset += (8 - (offset % 8)) % 8;
  const numbers: Record<string, Float64Array> = {};
  for (const name of header.numbers) {
    numbers[name] = new Float64Array(buf.buffer.slice(buf.byteOffset + offset, buf.byteOffset + offset + header.rowCount * 8));
    offset += header.rowCount * 8;
  }
  return { compact: { source: header.source, rowCount: header.rowCount, ids, codes, numbers, texts: header.texts }, provenance: header.provenance };
}
