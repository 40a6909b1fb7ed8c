/** Chromium's tagged PDF, five times the untagged size, with its dictionaries in object streams and streams deflated. */
import { deflateSync, inflateSync } from "zlib";

/** Objects per object stream (qpdf's default is 100; more compresses a little better). */
const PER_STREAM = 500;

/** A PDF that is not the classic-xref file Chromium writes: one line naming what was expected. */
export class PdfLayoutError extends Error {
  name = "PdfLayoutError";
}

/** Offsets of the objects in use, by object number, from the classic cross-reference table. */
function crossReference(pdf: Buffer): { offsets: Map<number, number>; xrefAt: number; trailer: string } {
  const tail = pdf.subarray(Math.max(0, pdf.length - 64)).toString("latin1");
  const start = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!start) throw new PdfLayoutError("PDF: no startxref at the end of the file");
  const xrefAt = Number(start[1]);
  const text = pdf.subarray(xrefAt).toString("latin1");
  if (!text.startsWith("xref")) throw new PdfLayoutError(`PDF: expected a cross-reference table at byte ${xrefAt}`);
  const offsets = new Map<number, number>();
  const section = /(\d+) (\d+)\r?\n/y;
  let at = text.indexOf("\n") + 1;
  for (section.lastIndex = at; ; section.lastIndex = at) {
    const head = section.exec(text);
    if (!head) break;
    at = section.lastIndex;
    for (let i = 0; i < Number(head[2]); i++, at += 20) {
      const entry = text.slice(at, at + 18);
      if (entry.endsWith("n")) offsets.set(Number(head[1]) + i, Number(entry.slice(0, 10)));
    }
  }
  const trailer = /trailer\s*<<([\s\S]*?)>>\s*startxref/.exec(text.slice(at));
  if (!trailer) throw new PdfLayoutError("PDF: no trailer after the cross-reference table");
  return { offsets, xrefAt, trailer: trailer[1] };
}

/** A Flate stream object deflated again at zlib's best level (Chromium uses the default); else the object as it is. */
function recompressed(chunk: Buffer, number: number): Buffer {
  const head = /^\d+ 0 obj\s*<<([\s\S]*?)>>\s*stream\r?\n/.exec(
    chunk.toString("latin1", 0, Math.min(chunk.length, 2000)),
  );
  const length = head ? /\/Length (\d+)/.exec(head[1]) : null;
  if (!head || !length || !/\/Filter\s*\/FlateDecode\b/.test(head[1]) || head[1].includes("DecodeParms")) return chunk;
  const data = deflateSync(inflateSync(chunk.subarray(head[0].length, head[0].length + Number(length[1]))), {
    level: 9,
  });
  if (data.length >= Number(length[1])) return chunk;
  const dict = head[1].replace(/\/Length \d+/, `/Length ${data.length}`);
  const end = Buffer.from("\nendstream\nendobj\n", "latin1");
  return Buffer.concat([Buffer.from(`${number} 0 obj\n<<${dict}>> stream\n`, "latin1"), data, end]);
}

/** A big-endian field of `width` bytes. */
function field(value: number, width: number): number[] {
  return Array.from({ length: width }, (_, i) => Math.floor(value / 256 ** (width - 1 - i)) % 256);
}

/** The document with its non-stream objects in compressed object streams.
 * @example packPdf(await page.pdf({ tagged: true })) */
export function packPdf(pdf: Buffer): Buffer {
  const { offsets, xrefAt, trailer } = crossReference(pdf);
  const root = /\/Root\s+(\d+ \d+ R)/.exec(trailer);
  if (!root) throw new PdfLayoutError("PDF: the trailer names no /Root");
  const info = /\/Info\s+(\d+ \d+ R)/.exec(trailer);
  const ordered = [...offsets.entries()].sort((a, b) => a[1] - b[1]);
  const chunks: Buffer[] = [Buffer.from("%PDF-1.5\n%\u00e2\u00e3\u00cf\u00d3\n", "latin1")];
  let length = chunks[0].length;
  const write = (chunk: Buffer): number => {
    chunks.push(chunk);
    length += chunk.length;
    return length - chunk.length;
  };
  const entries = new Map<number, number[]>(); // object number → its cross-reference stream row
  const packed: [number, string][] = [];
  ordered.forEach(([number, offset], i) => {
    const chunk = pdf.subarray(offset, i + 1 < ordered.length ? ordered[i + 1][1] : xrefAt);
    const text = chunk.toString("latin1");
    const body = new RegExp(String.raw`^${number} 0 obj\s*([\s\S]*?)\s*endobj\s*$`).exec(text);
    if (!body) throw new PdfLayoutError(`PDF: object ${number} at byte ${offset} is not "${number} 0 obj … endobj"`);
    if (text.includes("endstream")) entries.set(number, [1, ...field(write(recompressed(chunk, number)), 4), 0, 0]);
    else packed.push([number, body[1]]);
  });
  let next = Math.max(...offsets.keys()) + 1;
  for (let first = 0; first < packed.length; first += PER_STREAM) {
    const group = packed.slice(first, first + PER_STREAM);
    const streamNumber = next++;
    let header = "";
    let body = "";
    group.forEach(([number, text], index) => {
      header += `${number} ${Buffer.byteLength(body, "latin1")} `;
      body += `${text}\n`;
      entries.set(number, [2, ...field(streamNumber, 4), ...field(index, 2)]);
    });
    const data = deflateSync(Buffer.from(header + body, "latin1"), { level: 9 });
    const dict = `/Type /ObjStm /N ${group.length} /First ${Buffer.byteLength(header, "latin1")} /Filter /FlateDecode /Length ${data.length}`;
    const offset = write(Buffer.from(`${streamNumber} 0 obj\n<<${dict}>>\nstream\n`, "latin1"));
    write(Buffer.concat([data, Buffer.from("\nendstream\nendobj\n", "latin1")]));
    entries.set(streamNumber, [1, ...field(offset, 4), 0, 0]);
  }
  const xrefNumber = next++;
  entries.set(xrefNumber, [1, ...field(length, 4), 0, 0]);
  const rows = Array.from({ length: next }, (_, n) => entries.get(n) ?? [0, 0, 0, 0, 0, 255, 255]);
  const data = deflateSync(Buffer.from(rows.flat()), { level: 9 });
  const dict = `/Type /XRef /Size ${next} /W [1 4 2] /Root ${root[1]}${info ? ` /Info ${info[1]}` : ""} /Filter /FlateDecode /Length ${data.length}`;
  const xrefOffset = write(Buffer.from(`${xrefNumber} 0 obj\n<<${dict}>>\nstream\n`, "latin1"));
  write(Buffer.concat([data, Buffer.from(`\nendstream\nendobj\nstartxref\n${xrefOffset}\n%%EOF\n`, "latin1")]));
  return Buffer.concat(chunks);
}

/** The number of pages of a PDF Chromium wrote (its /Page objects). @example pdfPageCount(await page.pdf()) // 38 */
export function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString("latin1").match(/\/Type\s*\/Page\b/g) ?? []).length;
}
