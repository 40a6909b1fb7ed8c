/** A delivered file's cells, variables and problems; an SPSS file's own dictionary (case count, character set, labels). */
import type { Label } from "../../codebook";

/** One cell of a delivered file. */
export type RawCell = string | number | null;

/** A variable of a delivered file, with its SPSS metadata (user-missing values, value labels) where there is any. */
export interface RawVariable {
  name: string;
  type: "numeric" | "string";
  label: string | null;
  missing: (number | string)[];
  valueLabels: { value: number | string; label: string }[];
}

/** A delivered file's problem found while reading it (no file name yet): what is wrong and what was expected. */
export class FileProblem extends Error {
  constructor(
    readonly problem: Label,
    readonly expected: Label,
  ) {
    super(problem.en);
    this.name = "FileProblem";
  }
}

/** A variable without labels or missing values. @example plainVariable("id", "string").valueLabels // [] */
export function plainVariable(name: string, type: RawVariable["type"]): RawVariable {
  return { name, type, label: null, missing: [], valueLabels: [] };
}

/** One variable of the dictionary by its short (8-byte) name: long name, label and value labels in the file's set. */
type SavDictVariable = { shortName: string } & Pick<RawVariable, "name" | "label" | "valueLabels">;

/** What an SPSS file is expected to be. */
export const SAV_EXPECTED = {
  da: "en SPSS-systemfil (.sav: byte-komprimeret eller ukomprimeret; .zsav)",
  en: "an SPSS system file (.sav: byte-compressed or uncompressed; .zsav)",
};

/** The TextDecoder label of an encoding record's name or a code page number; a FileProblem if unreadable. */
function decoderLabel(declared: string): string {
  const name = declared.trim().toLowerCase();
  const pages: Record<string, string> = { "65001": "utf-8", "28591": "latin1", "2": "latin1", "3": "latin1" };
  const label = pages[name] ?? (/^(cp)?\d+$/.test(name) ? `windows-${name.replace(/^cp/, "")}` : name);
  try {
    return new TextDecoder(label).encoding;
  } catch {
    const set = `"${declared.trim().slice(0, 40)}"`;
    throw new FileProblem(
      {
        da: `filen angiver tegnsættet ${set}, som ikke kan læses`,
        en: `the file declares the character set ${set}, which cannot be read`,
      },
      {
        da: "en SPSS-fil i UTF-8, Windows-1252 eller Latin-1 (ISO-8859-1)",
        en: "an SPSS file in UTF-8, Windows-1252 or Latin-1 (ISO-8859-1)",
      },
    );
  }
}

/** Windows-1252's characters for the bytes 0x80–0x9F (Node 20's TextDecoder reads them as Latin-1's controls). */
const CP1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

/** Decodes bytes (Windows-1252 with its 0x80–0x9F): `textDecoder("windows-1252")(Buffer.from([0x96])) // "–"`. */
export function textDecoder(encoding: string): (bytes: Uint8Array) => string {
  const decoder = new TextDecoder(encoding);
  if (encoding !== "windows-1252") return (bytes) => decoder.decode(bytes);
  return (bytes) => decoder.decode(bytes).replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
}

/** An SPSS file's dictionary ($FL2; a .zsav after `unzsav`): `readSavDictionary(buf).encoding // "windows-1252"`. */
export function readSavDictionary(buf: Buffer): {
  cases: number | null; // The header's case count; null when it declares none (-1).
  encoding: string; // A TextDecoder label: "utf-8", "windows-1252", ...
  variables: SavDictVariable[];
} {
  const short = (): never => {
    const at = buf.length;
    throw new FileProblem(
      { da: `ordbogen er afkortet ved byte ${at}`, en: `the dictionary is truncated at byte ${at}` },
      SAV_EXPECTED,
    );
  };
  if (buf.length < 176) short();
  const casesDeclared = buf.readInt32LE(80);
  let pos = 176;
  const int = (): number => {
    if (pos + 4 > buf.length) short();
    pos += 4;
    return buf.readInt32LE(pos - 4);
  };
  const bytes = (n: number): Buffer => {
    if (n < 0 || pos + n > buf.length) short();
    pos += n;
    return buf.subarray(pos - n, pos);
  };
  type Raw = { shortName: string; label: Buffer | null; index: number; numeric: boolean };
  const vars: Raw[] = [];
  const sets: { pairs: { value: Buffer; label: Buffer }[]; indexes: number[] }[] = [];
  let index = 0;
  let encodingName: string | null = null;
  let codePage: number | null = null;
  let longNames: Buffer | null = null;
  for (let done = false; !done;) {
    const type = int();
    if (type === 2) {
      index++;
      const [width, hasLabel, nMissing] = [int(), int(), int()];
      bytes(8); // print and write formats
      const shortName = bytes(8).toString("latin1").trimEnd();
      let label: Buffer | null = null;
      if (hasLabel === 1) {
        const length = int();
        label = bytes(Math.ceil(length / 4) * 4).subarray(0, length);
      }
      bytes(Math.abs(nMissing) * 8);
      if (width !== -1) vars.push({ shortName, label, index, numeric: width === 0 });
    } else if (type === 3) {
      const pairs = Array.from({ length: int() }, () => {
        const value = bytes(8);
        const length = bytes(1)[0];
        return { value, label: bytes(Math.ceil((length + 1) / 8) * 8 - 1).subarray(0, length) };
      });
      const at = pos - 4;
      if (int() !== 4)
        throw new FileProblem(
          {
            da: `en værdietiketpost ved byte ${at} har ingen variabler`,
            en: `a value label record at byte ${at} has no variables`,
          },
          SAV_EXPECTED,
        );
      sets.push({ pairs, indexes: Array.from({ length: int() }, int) });
    } else if (type === 6) {
      bytes(int() * 80);
    } else if (type === 7) {
      const subtype = int();
      const data = bytes(int() * int());
      if (subtype === 3 && data.length >= 32) codePage = data.readInt32LE(28);
      if (subtype === 13) longNames = data;
      if (subtype === 20) encodingName = data.toString("latin1");
    } else if (type === 999) {
      int();
      done = true;
    } else {
      throw new FileProblem(
        {
          da: `ukendt posttype ${type} i ordbogen ved byte ${pos - 4}`,
          en: `unknown dictionary record type ${type} at byte ${pos - 4}`,
        },
        SAV_EXPECTED,
      );
    }
  }
  const encoding =
    encodingName !== null ? decoderLabel(encodingName) : codePage !== null ? decoderLabel(`${codePage}`) : "utf-8";
  const text = textDecoder(encoding);
  const names = new Map<string, string>();
  if (longNames !== null)
    for (const entry of text(longNames).split("\t")) {
      const eq = entry.indexOf("=");
      if (eq > 0) names.set(entry.slice(0, eq), entry.slice(eq + 1));
    }
  const variables = vars.map((v): SavDictVariable => {
    const own = sets.filter((s) => s.indexes.includes(v.index));
    const valueLabels = own.flatMap((s) =>
      s.pairs.map((p) => ({
        value: v.numeric ? p.value.readDoubleLE(0) : text(p.value).trimEnd(),
        label: text(p.label),
      })),
    );
    const label = v.label === null ? null : text(v.label);
    return { shortName: v.shortName, name: names.get(v.shortName) ?? v.shortName, label, valueLabels };
  });
  return { cases: casesDeclared >= 0 ? casesDeclared : null, encoding, variables };
}
