/** A small writer of uncompressed SPSS system files, for reader tests (numeric and short string variables). */

/** A variable to write: numeric (values numbers or null) or a string of at most 8 bytes. */
export interface SavColumn {
  name: string; // At most 8 ASCII characters.
  label?: string;
  string?: boolean;
  valueLabels?: [number, string][];
  missing?: number[]; // Declared user-missing values (at most 3).
  values: (number | string | null)[];
}

/** Options: the declared character set (encoding record and/or code page) and case count. */
export interface SavOptions {
  encodingRecord?: string; // Record 7/20, e.g. "windows-1252"; left out when undefined.
  codePage?: number; // Record 7/3's character code, e.g. 1252, 28591, 65001.
  encode?: (text: string) => Buffer; // How labels and strings are written (default UTF-8).
  cases?: number; // Declared case count (default the real one).
}

const int = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeInt32LE(n);
  return b;
};
const dbl = (x: number): Buffer => {
  const b = Buffer.alloc(8);
  b.writeDoubleLE(x);
  return b;
};
const padded = (b: Buffer, to: number, fill = 0x20): Buffer => {
  const out = Buffer.alloc(Math.ceil(b.length / to) * to || to, fill);
  b.copy(out);
  return out;
};

/**
 * The bytes of an uncompressed .sav with these columns.
 * @example writeSav([{ name: "ID", values: [1, 2] }], {}).toString("latin1", 0, 4) // "$FL2"
 */
export function writeSav(columns: SavColumn[], options: SavOptions): Buffer {
  const encode = options.encode ?? ((t: string) => Buffer.from(t, "utf8"));
  const n = columns[0]?.values.length ?? 0;
  const parts: Buffer[] = [];
  const text = (t: string, len: number): Buffer => padded(Buffer.from(t, "latin1"), len).subarray(0, len);
  parts.push(Buffer.from("$FL2", "latin1"), text("@(#) SPSS DATA FILE test writer", 60));
  parts.push(int(2), int(columns.length), int(0), int(0), int(options.cases ?? n), dbl(100));
  parts.push(text("01 Jan 25", 9), text("00:00:00", 8), text("", 64), Buffer.alloc(3));
  for (const c of columns) {
    const format = c.string ? (1 << 16) | (8 << 8) : (5 << 16) | (8 << 8);
    const missing = c.missing ?? [];
    parts.push(int(2), int(c.string ? 8 : 0), int(c.label ? 1 : 0), int(missing.length), int(format), int(format));
    parts.push(text(c.name.toUpperCase(), 8));
    if (c.label) {
      const l = encode(c.label);
      parts.push(int(l.length), padded(l, 4, 0x20));
    }
    parts.push(...missing.map(dbl));
  }
  columns.forEach((c, i) => {
    if (!c.valueLabels) return;
    parts.push(int(3), int(c.valueLabels.length));
    for (const [v, label] of c.valueLabels) {
      const l = encode(label);
      parts.push(dbl(v), padded(Buffer.concat([Buffer.from([l.length]), l]), 8));
    }
    parts.push(int(4), int(1), int(i + 1));
  });
  if (options.codePage !== undefined)
    parts.push(int(7), int(3), int(4), int(8), ...[1, 0, 0, -1, 1, 1, 2, options.codePage].map(int));
  if (options.encodingRecord !== undefined) {
    const e = Buffer.from(options.encodingRecord, "latin1");
    parts.push(int(7), int(20), int(1), int(e.length), e);
  }
  parts.push(int(999), int(0));
  for (let r = 0; r < n; r++)
    for (const c of columns) {
      const v = c.values[r];
      if (c.string) parts.push(padded(encode(String(v ?? "")), 8).subarray(0, 8));
      else parts.push(dbl(typeof v === "number" ? v : -Number.MAX_VALUE));
    }
  return Buffer.concat(parts);
}
