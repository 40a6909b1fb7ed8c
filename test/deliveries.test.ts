/** Damaged or mistaken deliveries (issue 24, item 4): each is refused with a DataError naming the file. */
import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { Workbook, type CellValue, type Worksheet } from "exceljs";
import { describe, expect, it } from "vitest";
import { readPanel } from "../src/data/load";
import { readDelivered } from "../src/data/readers/typed";
import { DataError } from "../src/survey/errors";
import { writeSav } from "./helpers/sav-writer";
import { longWorkbook } from "./helpers/zip-writer";

const FIX = join(__dirname, "fixtures", "readers");
const MAPPING = join(FIX, "mapping.json");
const dir = mkdtempSync(join(tmpdir(), "deliveries-"));

/** Writes bytes to a file in the test folder and returns its path. */
function put(name: string, bytes: Buffer): string {
  writeFileSync(join(dir, name), bytes);
  return join(dir, name);
}

/** The error thrown by `f`, which must be a DataError. */
function dataError(f: () => unknown): DataError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return e as DataError;
  }
  throw new Error("no error");
}

describe("SPSS: a delivery is whole or refused", () => {
  const plain = readFileSync(join(FIX, "delivered-uncompressed.sav"));
  const caseSize = plain.readInt32LE(68) * 8;
  const dataStart = plain.length - 60 * caseSize; // uncompressed: 60 cases of fixed size end the file

  it("a file cut at a case boundary (30 of 60 cases) names the counts and 'truncated'", () => {
    const file = put("cut.sav", plain.subarray(0, dataStart + 30 * caseSize));
    expect(dataError(() => readDelivered(file)).message).toBe(
      "cut.sav: the header declares 60 cases but the file holds 30: it is truncated; expected as many cases as the header declares",
    );
    expect(() => readPanel(file, { mapping: MAPPING })).toThrowError(/declares 60 cases but the file holds 30/);
  });

  it("a header declaring 100,000 cases with 60 present is refused (compressed .sav and .zsav)", () => {
    for (const name of ["delivered.sav", "delivered.zsav"]) {
      const bytes = Buffer.from(readFileSync(join(FIX, name)));
      bytes.writeInt32LE(100_000, 80);
      const file = put(`many-${name}`, bytes);
      expect(dataError(() => readDelivered(file)).message).toMatch(
        new RegExp(
          `^many-${name.replace(".", "\\.")}: the header declares 100000 cases but the file holds 60: it is truncated`,
        ),
      );
    }
  });

  it("a case cut short is 'truncated at byte N', not a later row's error (uncompressed and byte-compressed)", () => {
    const mid = put("mid.sav", plain.subarray(0, dataStart + 30 * caseSize + 20));
    expect(dataError(() => readPanel(mid, { mapping: MAPPING })).message).toBe(
      `mid.sav: the data is truncated at byte ${dataStart + 30 * caseSize + 20} (case 31 is cut short); expected every case whole, as many as the header declares`,
    );
    const packed = readFileSync(join(FIX, "delivered.sav"));
    const cut = put("mid-packed.sav", packed.subarray(0, packed.length - 1003));
    expect(dataError(() => readDelivered(cut)).message).toMatch(
      new RegExp(
        `^mid-packed\\.sav: the data is truncated at byte ${packed.length - 1003} \\(case \\d+ is cut short\\)`,
      ),
    );
  });

  const cp1252 = (t: string): Buffer =>
    Buffer.from([...t].map((ch) => ({ "–": 0x96, "€": 0x80 })[ch] ?? ch.charCodeAt(0)));
  const columns = [
    { name: "ID", values: [1, 2, 3] },
    {
      name: "Q1",
      label: "Størrelse – antal ansatte",
      valueLabels: [
        [1, "Små (1–9)"],
        [2, "Større end 9 € ansatte"],
      ] as [number, string][],
      values: [1, 2, 1],
    },
    { name: "BY", string: true, values: ["Århus", "Køge", "Ærø"] },
  ];
  const expectDanish = (file: string): void => {
    const t = readDelivered(file);
    expect(t.variables[1].label).toBe("Størrelse – antal ansatte");
    expect(t.variables[1].valueLabels).toEqual([
      { value: 1, label: "Små (1–9)" },
      { value: 2, label: "Større end 9 € ansatte" },
    ]);
    expect(t.rows.map((r) => r[2])).toEqual(["Århus", "Køge", "Ærø"]);
  };

  it("honours a Windows-1252 encoding record and a Windows-1252 code page", () => {
    expectDanish(put("cp1252.sav", writeSav(columns, { encodingRecord: "windows-1252", encode: cp1252 })));
    expectDanish(put("page1252.sav", writeSav(columns, { codePage: 1252, encode: cp1252 })));
  });

  it("honours Latin-1 (ISO-8859-1 record, code page 28591) and still reads UTF-8", () => {
    const latin = columns.map((c) => ({ ...c, label: c.label?.replace("–", "-") }));
    const latin1 = (t: string): Buffer => Buffer.from(t.replace(/–/g, "-").replace(/€/g, "E"), "latin1");
    for (const [name, opts] of [
      ["iso.sav", { encodingRecord: "ISO-8859-1", encode: latin1 }],
      ["page28591.sav", { codePage: 28591, encode: latin1 }],
    ] as const) {
      const t = readDelivered(put(name, writeSav(latin, opts)));
      expect(t.variables[1].label).toBe("Størrelse - antal ansatte");
      expect(t.variables[1].valueLabels[1].label).toBe("Større end 9 E ansatte");
      expect(t.rows.map((r) => r[2])).toEqual(["Århus", "Køge", "Ærø"]);
    }
    expectDanish(put("utf8.sav", writeSav(columns, { encodingRecord: "UTF-8", codePage: 65001 })));
  });

  it("an unreadable declared character set is a DataError naming it", () => {
    const file = put("ebcdic.sav", writeSav(columns, { encodingRecord: "EBCDIC-XYZ" }));
    expect(dataError(() => readDelivered(file)).message).toMatch(
      /^ebcdic\.sav: the file declares the character set "EBCDIC-XYZ"/,
    );
  });
});

describe("Excel: the sheet meant, whole cells, values", () => {
  /** The delivered workbook's cells, with `change` applied before it is written. */
  async function workbook(name: string, change: (wb: Workbook, ws: Worksheet) => void): Promise<string> {
    const source = new Workbook();
    await source.xlsx.readFile(join(FIX, "delivered.xlsx"));
    const wb = new Workbook();
    const ws = wb.addWorksheet("panel");
    source.worksheets[0].eachRow((row, n) => {
      ws.getRow(n).values = row.values as CellValue[];
    });
    change(wb, ws);
    return put(name, Buffer.from(await wb.xlsx.writeBuffer()));
  }

  it("a hidden first sheet is skipped: the first visible one is read", async () => {
    const file = await workbook("hidden.xlsx", (wb) => {
      const old = wb.addWorksheet("gammel", { state: "hidden" });
      old.addRow(["respid", "Q1"]).commit();
      old.addRow([1, 1]).commit();
      // exceljs writes the sheets by orderNo, which its typings leave out (wb.worksheets is a sorted copy).
      (old as Worksheet & { orderNo: number }).orderNo = 0;
    });
    const written = new Workbook();
    await written.xlsx.readFile(file);
    expect(written.worksheets.map((w) => [w.name, w.state])).toEqual([
      ["gammel", "hidden"],
      ["panel", "visible"],
    ]);
    expect(readDelivered(file).detail).toBe('ark "panel" (første synlige af 2)');
    expect(readPanel(file, { mapping: MAPPING }).rowCount).toBe(60);
  });

  it("merged cells in the data rows are a DataError naming the range", async () => {
    const file = await workbook("merged.xlsx", (_, ws) => ws.mergeCells("B4:B5"));
    expect(dataError(() => readDelivered(file)).message).toBe(
      'merged.xlsx: sheet "panel" has merged cells B4:B5 in the data rows; expected one value per cell below the header (unmerge the cells and fill each one)',
    );
  });

  it("a formula without a saved value is a DataError naming the cell", async () => {
    const file = await workbook("formula.xlsx", (_, ws) => {
      ws.getCell("C7").value = { formula: "1+1" } as CellValue;
    });
    expect(dataError(() => readDelivered(file)).message).toMatch(
      /^formula\.xlsx: sheet "panel", cell C7 holds a formula without a saved value; expected values in every cell/,
    );
  });
});

describe("limits: a named error in seconds, never out of memory", () => {
  /** The .zsav fixture with its first ZLIB block declared to unpack to `size` bytes. */
  function zsavDeclaring(size: number): Buffer {
    const bytes = Buffer.from(readFileSync(join(FIX, "delivered.zsav")));
    let t = bytes.length - 48;
    while (t > 0 && 24 + 24 * bytes.readInt32LE(t + 20) !== bytes.length - t) t -= 24;
    bytes.writeUInt32LE(size, t + 24 + 16);
    return bytes;
  }

  it("a .zsav declaring more than 50x its size (or 2 GB) is refused before it is unpacked", () => {
    const file = put("bomb.zsav", zsavDeclaring(0xf0000000));
    expect(dataError(() => readDelivered(file)).message).toMatch(
      /^bomb\.zsav: the 10150-byte file would unpack to \d+ bytes; expected at most 50 times its size and at most 2 GB unpacked$/,
    );
  });

  it("a .zsav block unpacking to more than it declares is refused", () => {
    const file = put("liar.zsav", zsavDeclaring(100));
    expect(dataError(() => readDelivered(file)).message).toBe(
      "liar.zsav: ZLIB block 1 unpacks to more than the 100 bytes the file declares; expected a whole .zsav file",
    );
  });

  it("an SPSS header declaring more than 2,000,000 cases is refused at once", () => {
    const bytes = Buffer.from(readFileSync(join(FIX, "delivered.sav")));
    bytes.writeInt32LE(3_000_000, 80);
    const file = put("huge.sav", bytes);
    expect(dataError(() => readDelivered(file)).message).toBe(
      "huge.sav: the file declares 3000000 cases in its header; expected at most 2000000 rows (this reader's limit)",
    );
  });

  it("an .xlsx that unpacks to more than 50x its size is refused before exceljs opens it", async () => {
    const wb = new Workbook();
    wb.addWorksheet("panel").addRow(["id", "x".repeat(8_000_000)]);
    const file = put("bomb.xlsx", Buffer.from(await wb.xlsx.writeBuffer()));
    expect(dataError(() => readDelivered(file)).message).toMatch(
      /^bomb\.xlsx: the \d+-byte file would unpack to \d+ bytes; expected at most 50 times its size/,
    );
  });

  it("a sheet of more than 250,000 rows is refused before exceljs reads it", () => {
    // The same workbook with a few rows is read whole, so only the row count makes the difference.
    expect(readDelivered(put("short.xlsx", longWorkbook(3))).rows.map((row) => row[0])).toEqual([1, 2, 3]);
    expect(dataError(() => readDelivered(put("long.xlsx", longWorkbook(250_001)))).message).toBe(
      "long.xlsx: the file has 250001 rows below the header on xl/worksheets/sheet1.xml; expected at most 250000 rows (this reader's limit)",
    );
  });
});
