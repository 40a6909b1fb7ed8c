/** How large a delivered file may be once unpacked, and how many rows it may hold: a named error in seconds. */

import { inflateRawSync } from "zlib";
import { FileProblem } from "./sav-dictionary";
import type { Label } from "../../codebook";

/** A compressed file (.zsav, .xlsx) may unpack to at most this many times its own size ... */
export const MAX_EXPANSION = 50;
/** ... and at most this many bytes. */
export const MAX_UNPACKED_BYTES = 2 * 1024 ** 3;
/** Rows an SPSS file may hold (a census of Danish SMEs is about 178,000). */
export const MAX_ROWS = 2_000_000;
/** Rows of any one Excel sheet: exceljs holds the whole workbook in memory, cell by cell. */
export const MAX_EXCEL_ROWS = 250_000;

/** A FileProblem when `unpacked` bytes from a `packed`-byte file break the limits: `checkExpansion(3e6, 2 ** 32)`. */
export function checkExpansion(packed: number, unpacked: number): void {
  const limit = Math.min(MAX_EXPANSION * packed, MAX_UNPACKED_BYTES);
  if (unpacked > limit)
    throw new FileProblem(
      {
        da: `filen på ${packed} byte ville pakkes ud til ${unpacked} byte`,
        en: `the ${packed}-byte file would unpack to ${unpacked} bytes`,
      },
      {
        da: `højst ${MAX_EXPANSION} gange sin størrelse og højst 2 GB udpakket`,
        en: `at most ${MAX_EXPANSION} times its size and at most 2 GB unpacked`,
      },
    );
}

/** A FileProblem when rows pass the limit (`what`: which, `#` their number): `checkRows(n, MAX_ROWS, MORE_CASES)`. */
export function checkRows(rows: number, limit: number, what: Label): void {
  if (rows > limit)
    throw new FileProblem(
      { da: `filen ${what.da.replace("#", String(rows))}`, en: `the file ${what.en.replace("#", String(rows))}` },
      { da: `højst ${limit} rækker (denne læsers grænse)`, en: `at most ${limit} rows (this reader's limit)` },
    );
}

/** Checks an .xlsx's declared sizes, then each sheet's rows as unpacked within them: `checkXlsx(readFileSync(f))`. */
export function checkXlsx(zip: Buffer): void {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > zip.length) return; // not a zip: exceljs says so
  const entries = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  let total = 0;
  const sheets: { name: string; local: number; packed: number; size: number }[] = [];
  for (let k = 0; k < entries && p + 46 <= zip.length && zip.readUInt32LE(p) === 0x02014b50; k++) {
    const method = zip.readUInt16LE(p + 10);
    const packed = zip.readUInt32LE(p + 20);
    const size = zip.readUInt32LE(p + 24);
    const nameLength = zip.readUInt16LE(p + 28);
    const name = zip.toString("utf8", p + 46, p + 46 + nameLength);
    total += size === 0xffffffff ? Infinity : size;
    if (method === 8 && /^xl\/worksheets\/[^/]+\.xml$/.test(name))
      sheets.push({ name, local: zip.readUInt32LE(p + 42), packed, size });
    p += 46 + nameLength + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  checkExpansion(zip.length, total);
  for (const s of sheets) {
    const start = s.local + 30 + zip.readUInt16LE(s.local + 26) + zip.readUInt16LE(s.local + 28);
    let xml: Buffer;
    try {
      xml = inflateRawSync(zip.subarray(start, start + s.packed), { maxOutputLength: Math.max(s.size, 1) });
    } catch {
      throw new FileProblem(
        {
          da: `${s.name} pakkes ud til mere end de ${s.size} byte, zip-kataloget angiver`,
          en: `${s.name} unpacks to more than the ${s.size} bytes its zip directory declares`,
        },
        { da: "en hel .xlsx-fil", en: "a whole .xlsx file" },
      );
    }
    let rows = 0;
    for (let i = xml.indexOf("<row"); i >= 0; i = xml.indexOf("<row", i + 4))
      if (xml[i + 4] === 0x20 || xml[i + 4] === 0x3e) rows++;
    checkRows(rows - 1, MAX_EXCEL_ROWS, {
      da: `har # rækker under overskriften på ${s.name}`,
      en: `has # rows below the header on ${s.name}`,
    });
  }
}
