import { describe, expect, it } from "vitest";
import { deflateSync, inflateSync } from "zlib";
import { PdfLayoutError, packPdf, pdfPageCount } from "../src/notebook/pdf-pack";

/** A classic-xref PDF as Chromium writes it: objects, a cross-reference table, a trailer. */
function classicPdf(objects: string[]): Buffer {
  let text = "%PDF-1.4\n";
  const offsets = objects.map((body, i) => {
    const offset = Buffer.byteLength(text, "latin1");
    text += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return offset;
  });
  const xref = Buffer.byteLength(text, "latin1");
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) text += `${String(offset).padStart(10, "0")} 00000 n \n`;
  return Buffer.from(
    `${text}trailer\n<</Size ${objects.length + 1}\n/Root 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`,
    "latin1",
  );
}

describe("packPdf", () => {
  const content = deflateSync(Buffer.from("BT /F1 12 Tf (Hej) Tj ET"));
  const pdf = classicPdf([
    "<</Type /Catalog\n/Pages 2 0 R\n/StructTreeRoot 5 0 R>>",
    "<</Type /Pages\n/Count 1\n/Kids [3 0 R]>>",
    "<</Type /Page\n/Parent 2 0 R\n/Contents 4 0 R>>",
    `<</Filter /FlateDecode\n/Length ${content.length}>> stream\n${content.toString("latin1")}\nendstream`,
    "<</Type /StructTreeRoot\n/K [<</S /Figure /Alt (Figur: andele)>>]>>",
  ]);

  it("moves the dictionaries into an object stream and keeps each object's text", () => {
    const packed = packPdf(pdf).toString("latin1");
    expect(packed.startsWith("%PDF-1.5")).toBe(true);
    const stream = /\/Type \/ObjStm \/N (\d+) \/First (\d+) \/Filter \/FlateDecode \/Length (\d+)>>\nstream\n/.exec(
      packed,
    );
    expect(stream?.[1]).toBe("4");
    const start = (stream?.index ?? 0) + (stream?.[0].length ?? 0);
    const inner = inflateSync(Buffer.from(packed.slice(start, start + Number(stream?.[3])), "latin1")).toString(
      "latin1",
    );
    expect(inner).toContain("/S /Figure /Alt (Figur: andele)");
    expect(inner.slice(0, Number(stream?.[2]))).toMatch(/^1 0 2 \d+ 3 \d+ 5 \d+ $/);
    expect(packed).toMatch(/\/Type \/XRef \/Size 8 \/W \[1 4 2\] \/Root 1 0 R/);
    expect(packed).toMatch(/startxref\n\d+\n%%EOF\n$/);
  });

  it("keeps the page content's text", () => {
    const packed = packPdf(pdf);
    const stream = /\/Length (\d+)>> stream\n/.exec(packed.toString("latin1"));
    const start = (stream?.index ?? 0) + (stream?.[0].length ?? 0);
    expect(inflateSync(packed.subarray(start, start + Number(stream?.[1]))).toString()).toBe(
      "BT /F1 12 Tf (Hej) Tj ET",
    );
  });

  it("counts pages and refuses a file without a cross-reference table", () => {
    expect(pdfPageCount(pdf)).toBe(1);
    expect(() => packPdf(Buffer.from("%PDF-1.4\nnothing\n"))).toThrow(PdfLayoutError);
  });
});
