import { spawnSync } from "child_process";
import { readFileSync, writeFileSync } from "fs";
import { join, resolve } from "path";
import { describe, expect, it } from "vitest";
import { SYNTHETIC_PANEL_FILE } from "../src/codebook";
import type { CompactPanel } from "../src/data/compact";
import { NO_MAPPING, type PanelMapping } from "../src/data/mapping";
import { scanDelimitedPanel } from "../src/data/readers/delimited";
import { MAIN_THREAD_SHARE, PARALLEL_SCAN_MIN_BYTES, scanDelimitedFile } from "../src/data/readers/delimited-parallel";
import { tempDir } from "./helpers/temp-dirs";

// The parallel scan runs the compiled worker (lib/): `npm test` builds it first.
const dir = tempDir("parallel-parse-");
const shipped = readFileSync(SYNTHETIC_PANEL_FILE, "utf8")
  .split(/\r?\n/)
  .filter((l) => l !== "");
const header = shipped[0];
const bodies = shipped.slice(1).map((l) => l.slice(l.indexOf(",") + 1));

interface Variant {
  ids?: (row: number) => string;
  extras?: { name: string; value: (row: number) => string }[];
  delimiter?: "," | ";";
  eol?: string;
  finalEol?: boolean;
  trailing?: string;
  /** Row bodies replaced, by 0-based row (after the id). */
  replace?: Record<number, string>;
  /** Lines put in before the given 0-based rows. */
  insert?: Record<number, string>;
}

let fileNumber = 0;
function writePanel(v: Variant = {}): string {
  const d = v.delimiter ?? ",";
  const extras = v.extras ?? [];
  const lines = [[...header.split(","), ...extras.map((e) => e.name)].join(d)];
  bodies.forEach((body, r) => {
    if (v.insert?.[r] !== undefined) lines.push(v.insert[r]);
    lines.push(
      [v.ids?.(r) ?? String(r + 1), ...(v.replace?.[r] ?? body).split(","), ...extras.map((e) => e.value(r))].join(d),
    );
  });
  const text = lines.join(v.eol ?? "\n") + (v.finalEol === false ? "" : (v.eol ?? "\n")) + (v.trailing ?? "");
  const file = join(dir, `panel-${++fileNumber}.csv`);
  writeFileSync(file, text);
  return file;
}

function sequential(file: string, mapping: PanelMapping = NO_MAPPING): ReturnType<typeof scanDelimitedPanel> {
  return scanDelimitedPanel(readFileSync(file), "panel.csv", mapping);
}

function parallel(
  file: string,
  mapping: PanelMapping = NO_MAPPING,
  blockBytes?: number,
): ReturnType<typeof scanDelimitedFile> {
  return scanDelimitedFile(file, "panel.csv", mapping, { minBytes: 0, blockBytes });
}

/** Two compact panels are the same: keys in order, answer bytes, numbers' bytes, ids and texts (cheaper than a deep toEqual of typed arrays). */
function expectSamePanel(got: CompactPanel, want: CompactPanel): void {
  expect([got.source, got.rowCount]).toEqual([want.source, want.rowCount]);
  for (const key of ["codes", "numbers", "texts"] as const)
    expect(Object.keys(got[key])).toEqual(Object.keys(want[key]));
  const bytes = (a: Int8Array | Float64Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  for (const [column, codes] of Object.entries(want.codes))
    expect(bytes(got.codes[column]).equals(bytes(codes)), column).toBe(true);
  for (const [column, values] of Object.entries(want.numbers))
    expect(bytes(got.numbers[column]).equals(bytes(values)), column).toBe(true);
  expect(got.texts).toEqual(want.texts);
  expect(got.ids).toEqual(want.ids);
}

function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an error");
}

describe("parallel scan of a delimited panel", () => {
  it("is only for large files by default", () => {
    expect(PARALLEL_SCAN_MIN_BYTES).toBeGreaterThan(readFileSync(SYNTHETIC_PANEL_FILE).length);
    const file = writePanel();
    expect(scanDelimitedFile(file, "panel.csv", NO_MAPPING).parallel).toBe(false);
  });

  const variants: [string, Variant][] = [
    ["the shipped panel's rows", {}],
    [
      "ids with leading zeros and very long ids",
      { ids: (r) => (r % 3 === 0 ? `000${r}` : r % 3 === 1 ? `${r}12345678901234567890123456789` : String(r)) },
    ],
    [
      "extra numeric and text columns",
      {
        extras: [
          { name: "vaegt", value: (r) => (r % 7 === 0 ? "" : `${(r % 13) * 0.25 + 0.5}`) },
          { name: "kommentar", value: (r) => (r % 5 === 0 ? "" : `svar nr. ${r} – æøå`) },
          { name: "mest_tal", value: (r) => (r % 2 === 0 ? String(r) : `x${r}`) },
        ],
      },
    ],
    [
      "a ; file with decimal commas",
      { delimiter: ";", extras: [{ name: "vaegt", value: (r) => `${r % 9},${r % 10}` }] },
    ],
    ["CRLF line ends", { eol: "\r\n" }],
    ["no final line end", { finalEol: false }],
    ["CRLF and no final line end", { eol: "\r\n", finalEol: false }],
    ["trailing blank lines", { trailing: "\n  \n\n" }],
    ["trailing blank CRLF lines", { eol: "\r\n", trailing: "\r\n\r\n" }],
  ];
  for (const [name, variant] of variants) {
    it(`gives the sequential scan's panel: ${name}`, () => {
      const file = writePanel(variant);
      const p = parallel(file);
      expect(p.parallel).toBe(true);
      const s = sequential(file);
      expect(p.compact.rowCount).toBe(bodies.length);
      expectSamePanel(p.compact, s.compact);
      expect([p.delimiter, p.header]).toEqual([s.delimiter, s.header]);
    });
  }

  it("keeps each variant's own content (the comparisons above are not of empty panels)", () => {
    const p = parallel(
      writePanel({ ids: (r) => `00${r}`, extras: [{ name: "vaegt", value: (r) => `${r},5` }], delimiter: ";" }),
    );
    expect(p.compact.ids[bodies.length - 1]).toBe(`00${bodies.length - 1}`);
    expect(p.compact.numbers.vaegt[bodies.length - 1]).toBe(bodies.length - 1 + 0.5);
    const last = shipped[shipped.length - 1].split(",");
    expect(p.compact.codes.branche[bodies.length - 1]).toBe(Number(last[1]));
  });

  it("reads lone CR line ends among LF ones (all rows, in either part) as the sequential scan does", () => {
    const lf = readFileSync(writePanel());
    const want = sequential(writePanel()).compact;
    for (const [from, to] of [
      [0.1, 0.3],
      [0.7, 0.9],
      [0, 1],
    ]) {
      const bytes = Buffer.from(lf);
      for (let i = Math.floor(lf.length * from), k = 0; i < Math.floor(lf.length * to); i++)
        if (bytes[i] === 0x0a && ++k % 2 === 0) bytes[i] = 0x0d;
      const file = join(dir, `lone-cr-${from}.csv`);
      writeFileSync(file, bytes);
      const s = sequential(file).compact;
      expectSamePanel(s, want);
      expectSamePanel(parallel(file).compact, s);
    }
  });

  it("reads through a mapping of codes as the sequential scan does", () => {
    const mapping: PanelMapping = { source: "m.json", columns: {}, codes: { branche: { "1": 2, "2": 1 } } };
    const file = writePanel();
    const p = parallel(file, mapping);
    expect(p.parallel).toBe(true);
    expectSamePanel(p.compact, sequential(file, mapping).compact);
  });

  const early = 100;
  const late = bodies.length - 100;
  const badBody = (r: number): string => bodies[r].replace(/^\d+/, "77");
  const raggedBody = (r: number): string => `${bodies[r]},5`;
  const errorCases: [string, Variant][] = [
    ["a bad code in the main thread's part", { replace: { [early]: badBody(early) } }],
    ["a bad code in the worker's part", { replace: { [late]: badBody(late) } }],
    ["bad codes in both parts", { replace: { [early]: badBody(early), [late]: badBody(late) } }],
    ["a ragged row in the worker's part", { replace: { [late]: raggedBody(late) } }],
    ["a ragged row in the main thread's part", { replace: { [early]: raggedBody(early) } }],
    ["a blank line in the worker's part", { insert: { [late]: "" } }],
    ["a blank line in the main thread's part", { insert: { [early]: "  " } }],
    ["a bad id in the worker's part", { ids: (r) => (r === late ? "12a" : String(r)) }],
    [
      "an extra numeric column with a word in the worker's part",
      { extras: [{ name: "vaegt", value: (r) => (r === late ? "mange" : String(r)) }] },
    ],
  ];
  for (const [name, variant] of errorCases) {
    it(`gives the sequential scan's error: ${name}`, () => {
      const file = writePanel(variant);
      const expected = thrown(() => sequential(file));
      expect(expected.name).toBe("DataError");
      const got = thrown(() => parallel(file));
      expect(got.message).toBe(expected.message);
      expect(got).toEqual(expected);
    });
  }

  it("gives the sequential error for a blank line anywhere near where the file is split", () => {
    // The data row (0-based) in which the split point falls; a blank line there moves it by a byte.
    const bytes = readFileSync(writePanel());
    const before = bytes.subarray(0, Math.floor(bytes.length * MAIN_THREAD_SHARE));
    const middle = before.toString("latin1").split("\n").length - 2;
    for (let r = middle - 3; r <= middle + 3; r++) {
      const file = writePanel({ insert: { [r]: "" } });
      const expected = thrown(() => sequential(file));
      expect(expected.message).toContain(`row ${r + 1}`);
      expect(thrown(() => parallel(file)).message).toBe(expected.message);
    }
  });

  it("gives the sequential error for bytes that are not UTF-8, in either part", () => {
    const text = readFileSync(writePanel());
    for (const at of [0.2, 0.9]) {
      const cut = text.indexOf(0x0a, Math.floor(text.length * at)) + 1;
      const file = join(dir, `not-utf8-${at}.csv`);
      writeFileSync(file, Buffer.concat([text.subarray(0, cut + 2), Buffer.from([0xff]), text.subarray(cut + 2)]));
      const expected = thrown(() => sequential(file));
      expect(expected.message).toContain("not valid UTF-8");
      expect(thrown(() => parallel(file))).toEqual(expected);
    }
  });

  it("scans a file with a quoted header (R's write.csv) in two threads", () => {
    const text = readFileSync(writePanel());
    const headerEnd = text.indexOf(0x0a);
    const quoted = text
      .subarray(0, headerEnd)
      .toString("utf8")
      .split(",")
      .map((name) => `"${name}"`)
      .join(",");
    const file = join(dir, "quoted-header.csv");
    writeFileSync(file, Buffer.concat([Buffer.from(quoted), text.subarray(headerEnd)]));
    const p = parallel(file);
    expect(p.parallel).toBe(true);
    expectSamePanel(p.compact, sequential(file).compact);
  });

  it("scans a file with a quote in a data row sequentially", () => {
    const file = writePanel({ extras: [{ name: "kommentar", value: (r) => (r === 3 ? '"ja, tak"' : "nej") }] });
    const p = parallel(file);
    expect(p.parallel).toBe(false);
    expectSamePanel(p.compact, sequential(file).compact);
    expect(p.compact.texts.kommentar[3]).toBe("ja, tak");
  });

  describe("scanning alone, in blocks, while the worker starts", () => {
    const block = 8192;
    for (const [name, variant] of variants) {
      it(`gives the sequential scan's panel: ${name}`, () => {
        const file = writePanel(variant);
        const p = parallel(file, NO_MAPPING, block);
        expect(p.parallel).toBe(true);
        expectSamePanel(p.compact, sequential(file).compact);
      });
    }
    for (const [name, variant] of errorCases) {
      it(`gives the sequential scan's error: ${name}`, () => {
        const file = writePanel(variant);
        expect(thrown(() => parallel(file, NO_MAPPING, block))).toEqual(thrown(() => sequential(file)));
      });
    }
    it("gives the sequential error for a blank line on either side of a block's end", () => {
      // Rows of the shipped panel are about 130 bytes: the first block ends near row 60.
      for (let r = 50; r <= 75; r++) {
        const file = writePanel({ insert: { [r]: "" } });
        const expected = thrown(() => sequential(file));
        expect(expected.message).toContain(`row ${r + 1}`);
        expect(thrown(() => parallel(file, NO_MAPPING, block)).message).toBe(expected.message);
      }
    });
  });

  it("scans sequentially when the worker cannot load its module or dies", () => {
    const file = writePanel();
    const broken = join(dir, "broken-worker.js");
    writeFileSync(broken, 'throw new Error("broken");\n');
    const dying = join(dir, "dying-worker.js");
    writeFileSync(dying, "exports.scanPart = () => process.exit(3);\n");
    for (const workerModule of [broken, dying, join(dir, "missing-worker.js")]) {
      const p = scanDelimitedFile(file, "panel.csv", NO_MAPPING, { minBytes: 0, workerModule, workerTimeoutMs: 2000 });
      expect(p.parallel).toBe(false);
      expectSamePanel(p.compact, sequential(file).compact);
    }
  });

  it("lets the process exit when it is done", () => {
    const file = writePanel();
    const lib = resolve("lib/data/readers/delimited-parallel.js");
    const script = `const r = require(${JSON.stringify(lib)}).scanDelimitedFile(${JSON.stringify(file)}, "p.csv", { source: "x", columns: {}, codes: {} }, { minBytes: 0 }); console.log(r.parallel, r.compact.rowCount);`;
    const child = spawnSync(process.execPath, ["-e", script], { encoding: "utf8", timeout: 60_000 });
    expect(child.status).toBe(0);
    expect(child.stdout.trim()).toBe(`true ${bodies.length}`);
  });
});
