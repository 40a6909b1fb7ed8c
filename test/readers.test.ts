import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { describe, expect, it } from "vitest";
import { readPanel } from "../src/data/load";
import { readDelivered } from "../src/data/readers/typed";
import { readInWorker } from "../src/data/readers/typed";
import { DataError } from "../src/survey/errors";

const FIX = join(__dirname, "fixtures", "readers");
const MAPPING = join(FIX, "mapping.json");
const contract = readPanel(join(FIX, "contract.csv"));

/** Every column of two panels equal, value by value. */
function expectSamePanel(a: ReturnType<typeof readPanel>, b: ReturnType<typeof readPanel>): void {
  expect(Object.keys(a.columns)).toEqual(Object.keys(b.columns));
  for (const name of Object.keys(a.columns))
    expect({ name, values: a.columns[name] }).toEqual({ name, values: b.columns[name] });
  expect(a.ids).toEqual(b.ids);
  expect(a.rowCount).toBe(b.rowCount);
}

describe("SPSS reader (sav-reader)", () => {
  it("reads a byte-compressed .sav through the mapping into the same panel as the contract CSV", () => {
    expectSamePanel(readPanel(join(FIX, "delivered.sav"), { mapping: MAPPING }), contract);
  });

  it("reads an uncompressed .sav (system-missing as empty) into the same panel", () => {
    expectSamePanel(readPanel(join(FIX, "delivered-uncompressed.sav"), { mapping: MAPPING }), contract);
  });

  it("keeps variable labels, value labels and user-missing values", () => {
    const t = readDelivered(join(FIX, "delivered.sav"));
    expect(t.rows).toHaveLength(60);
    const q6 = t.variables.find((v) => v.name === "Q6");
    expect(q6?.label).toBe("Digitalisering og IT-udviklings bidrag til produktiviteten det seneste halve år");
    expect(q6?.missing).toEqual([99]);
    expect(q6?.valueLabels).toContainEqual({ value: 99, label: "Ved ikke" });
    expect(t.variables.find((v) => v.name === "Q2")?.valueLabels.map((l) => l.value)).toEqual([11, 12, 13]);
    // the delivered values themselves are as written: 99 and -1 stay until the mapping maps them
    const col = t.variables.findIndex((v) => v.name === "Q6");
    expect(t.rows.some((r) => r[col] === 99)).toBe(true);
  });

  it("a delivered code outside the mapping is a DataError naming file, row and delivered column", () => {
    expect(() => readPanel(join(FIX, "delivered-bad.sav"), { mapping: MAPPING })).toThrowError(
      'delivered-bad.sav, row 3, column "Q7": value "98" is not a valid code of ai_brug; expected one of 1, 2, 3, 4, 5 written as a whole number',
    );
  });

  it("without the mapping, the supplier's names are missing contract columns, with a hint to map", () => {
    expect(() => readPanel(join(FIX, "delivered.sav"))).toThrowError(
      /7 contract columns missing: "id", "branche".*npm run map -- <file>/,
    );
  });

  it("a value not in the mapping's codes is an error naming the mapping", () => {
    const partial = JSON.parse(readFileSync(MAPPING, "utf8")) as {
      codes: Record<string, Record<string, number | null>>;
    };
    delete partial.codes.digi_produktivitet["99"];
    partial.codes.digi_produktivitet["98"] = 9;
    const dir = mkdtempSync(join(tmpdir(), "readers-"));
    writeFileSync(join(dir, "m.json"), JSON.stringify(partial));
    expect(() => readPanel(join(FIX, "delivered.sav"), { mapping: join(dir, "m.json") })).toThrowError(
      /^delivered\.sav, row \d+, column "Q6": value "99" is not a valid code of digi_produktivitet and the mapping m\.json has no entry for it under codes\.digi_produktivitet/,
    );
  });

  it("reads a ZLIB-compressed .zsav (sav-reader cannot: its blocks are inflated first) into the same panel, under either extension", () => {
    expectSamePanel(readPanel(join(FIX, "delivered.zsav"), { mapping: MAPPING }), contract);
    const dir = mkdtempSync(join(tmpdir(), "readers-"));
    copyFileSync(join(FIX, "delivered.zsav"), join(dir, "renamed.sav"));
    expectSamePanel(readPanel(join(dir, "renamed.sav"), { mapping: MAPPING }), contract);
    expect(readDelivered(join(FIX, "delivered.zsav")).detail).toBe("zlib");
    // a damaged one is a named error
    const buf = readFileSync(join(FIX, "delivered.zsav"));
    writeFileSync(join(dir, "cut.zsav"), buf.subarray(0, buf.length - 30));
    expect(() => readPanel(join(dir, "cut.zsav"), { mapping: MAPPING })).toThrowError(
      /^cut\.zsav: the ZLIB-compressed SPSS file could not be unpacked/,
    );
  });

  it("a file that is not SPSS is a DataError, not a stack trace", () => {
    const dir = mkdtempSync(join(tmpdir(), "readers-"));
    writeFileSync(join(dir, "x.sav"), "id,ai_brug\n1,2\n");
    const e = (() => {
      try {
        readPanel(join(dir, "x.sav"));
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(DataError);
    expect((e as DataError).message).toMatch(/^x\.sav: the SPSS reader could not read the file/);
  });
});

describe("SPSS data rows decoded from the buffer", () => {
  it("give sav-reader's own rows for every numeric cell, in every compression", () => {
    for (const f of ["delivered.sav", "delivered-uncompressed.sav", "delivered.zsav", "report-delivered.sav"]) {
      const fast = readInWorker("sav", join(FIX, f));
      const reader = readInWorker("sav", join(FIX, f), 60_000, { savRows: "reader" });
      expect(fast.rows.length).toBe(reader.rows.length);
      const numeric = fast.variables.map((v, j) => (v.type === "numeric" ? j : -1)).filter((j) => j >= 0);
      expect(numeric.length).toBe(102);
      expect(fast.rows.map((r) => numeric.map((j) => r[j]))).toEqual(reader.rows.map((r) => numeric.map((j) => r[j])));
    }
  });

  it("decode UTF-8 text whole (sav-reader decodes each 8-byte piece alone and breaks 'æ' across pieces)", () => {
    const sav = readPanel(join(FIX, "delivered.sav"), { mapping: MAPPING });
    const xlsx = readPanel(join(FIX, "delivered.xlsx"), { mapping: MAPPING });
    expect(sav.textColumns.kommentar.slice(0, 3)).toEqual(["Svar nr. 1 – æøå", "Svar nr. 2 – æøå", ""]);
    expect(sav.textColumns.kommentar).toEqual(xlsx.textColumns.kommentar);
    const reader = readInWorker("sav", join(FIX, "delivered.sav"), 60_000, { savRows: "reader" });
    expect(String(reader.rows[0][reader.variables.findIndex((v) => v.name === "kommentar")])).toContain("\uFFFD");
  });
});

describe("Excel reader (exceljs)", () => {
  it("reads the first sheet through the mapping into the same panel as the contract CSV", () => {
    expectSamePanel(readPanel(join(FIX, "delivered.xlsx"), { mapping: MAPPING }), contract);
    expect(readDelivered(join(FIX, "delivered.xlsx")).detail).toBe('ark "Panel"');
  });

  it("old .xls and unknown extensions say what to save as", () => {
    expect(() => readPanel("panel.xls")).toThrowError(
      /^panel\.xls: a \.xls workbook cannot be read: save it as \.xlsx or as "CSV UTF-8"/,
    );
    expect(() => readPanel("panel.json")).toThrowError(/^panel\.json: "\.json" is not a panel file type/);
  });
});

describe("delimited reader", () => {
  const text = readFileSync(join(FIX, "contract.csv"), "utf8");
  const dir = mkdtempSync(join(tmpdir(), "readers-"));
  const write = (name: string, body: string): string => {
    writeFileSync(join(dir, name), body);
    return join(dir, name);
  };

  it("reads ';' with BOM and CRLF, tab-separated .txt and .tsv into the same panel", () => {
    expectSamePanel(readPanel(write("excel.csv", "\uFEFF" + text.replace(/,/g, ";").replace(/\n/g, "\r\n"))), contract);
    expectSamePanel(readPanel(write("tab.txt", text.replace(/,/g, "\t"))), contract);
    expectSamePanel(readPanel(write("tab.tsv", text.replace(/,/g, "\t").replace(/\n/g, "\r\n"))), contract);
  });

  it("a row with one field too many or too few is named with its field count, whatever its values", () => {
    const lines = text.split("\n");
    const fields = lines[0].split(",").length;
    const body = (first: string): string => [lines[0], first, ...lines.slice(2)].join("\n");
    expect(() => readPanel(write("long.csv", body(`${lines[1]},`)))).toThrowError(
      `long.csv, row 1: the row has ${fields + 1} fields but the header has ${fields}`,
    );
    expect(() => readPanel(write("short.csv", body(lines[1].slice(0, lines[1].lastIndexOf(",")))))).toThrowError(
      `short.csv, row 1: the row has ${fields - 1} fields but the header has ${fields}`,
    );
  });

  it("maps a delimited file's names and codes too", () => {
    const renamed = text.replace(/^id,/, "RESPID,").replace(/^(RESPID,[^\n]*?),ai_brug,/, "$1,Q7,");
    const m = write("m.json", JSON.stringify({ columns: { id: "RESPID", ai_brug: "Q7" } }));
    expectSamePanel(readPanel(write("renamed.csv", renamed), { mapping: m }), contract);
  });
});
