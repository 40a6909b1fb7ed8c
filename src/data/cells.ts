/**
 * Small, strict readers of single cells, shared by the panel and margins loaders: answer codes are
 * integer literals only, values shown in errors never carry raw control characters, and a Danish
 * thousands separator is read as such only where the file's conventions say so.
 */

/**
 * The text of a value made safe to show in an error message: control characters are written as
 * `\u{..}` escapes and very long values are cut.
 *
 * @example
 * printable("3\u0007"); // "3\\u{7}"
 */
export function printable(value: string, max = 60): string {
  // eslint-disable-next-line no-control-regex
  const safe = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (ch) => `\\u{${ch.charCodeAt(0).toString(16)}}`);
  return safe.length > max ? `${safe.slice(0, max)}… (${safe.length} characters)` : safe;
}

/**
 * An answer code written as an integer literal (digits, optionally a leading minus; surrounding
 * spaces allowed), or null for anything else — `3.0`, `1e0`, `+1`, `1.`, `0.5e1` are not codes.
 *
 * @example
 * integerLiteral(" 3 "); // 3
 * integerLiteral("3.0"); // null
 */
export function integerLiteral(text: string): number | null {
  const t = text.trim();
  if (!/^-?\d{1,9}$/.test(t)) return null;
  return Number(t);
}

/**
 * An id written as digits (surrounding spaces allowed), kept as the text read so that no
 * precision is lost; null for anything else.
 *
 * @example
 * idLiteral("12345678901234567890"); // "12345678901234567890"
 * idLiteral("1001.5");               // null
 */
export function idLiteral(text: string): string | null {
  const t = text.trim();
  return /^\d+$/.test(t) ? t : null;
}

/** How a delimited file writes numbers, from its field separator. */
export type NumberConvention = "danish" | "english" | "plain";

/**
 * The number convention of a delimited file: `;` files are Danish (decimal comma, `.` groups
 * thousands), `,` files English (decimal point, `,` groups thousands inside a quoted field), tab
 * files plain (decimal point or comma, no thousands separator).
 *
 * @example
 * conventionOf(";"); // "danish"
 */
export function conventionOf(delimiter: "," | ";" | "\t"): NumberConvention {
  return delimiter === ";" ? "danish" : delimiter === "," ? "english" : "plain";
}

/** A count as read: its value, or why it is not a whole number. */
export type CountReading = { ok: true; value: number } | { ok: false; value: number | null; reason: "not-a-number" | "decimal-part" | "ambiguous-separator" };

/**
 * Reads a population count under a file's number convention: whole numbers only, with the
 * convention's thousands separator (`13.757` in a Danish file, `"13,757"` in an English one).
 *
 * @example
 * readCount("13.757", "danish");   // { ok: true, value: 13757 }
 * readCount("154,138", "danish");  // { ok: false, value: 154.138, reason: "decimal-part" }
 * readCount("13.757", "english");  // { ok: false, value: 13.757, reason: "decimal-part" }
 */
export function readCount(text: string, convention: NumberConvention): CountReading {
  const t = text.trim();
  if (/^\d+$/.test(t)) return { ok: true, value: Number(t) };
  const group = convention === "danish" ? "." : convention === "english" ? "," : null;
  const decimal = convention === "danish" ? "," : convention === "english" ? "." : null;
  if (group !== null && new RegExp(`^\\d{1,3}(\\${group}\\d{3})+$`).test(t)) return { ok: true, value: Number(t.split(group).join("")) };
  if (convention === "plain" && /^\d{1,3}([.,]\d{3})+$/.test(t)) return { ok: false, value: null, reason: "ambiguous-separator" };
  let normal = t;
  if (decimal === ",") normal = t.replace(/\./g, "").replace(",", ".");
  else if (decimal === ".") normal = t.replace(/,(?=\d{3}(\D|$))/g, "");
  else normal = t.replace(",", ".");
  if (!/^(\d+\.?\d*|\.\d+)$/.test(normal)) return { ok: false, value: null, reason: "not-a-number" };
  const value = Number(normal);
  if (Number.isInteger(value)) return { ok: true, value };
  return { ok: false, value, reason: "decimal-part" };
}

/** A cell as text: numbers as the mapping file writes them, empty as "". @example cellText(99) // "99" */
export function cellText(cell: string | number | null): string {
  return cell === null ? "" : typeof cell === "number" ? numberKey(cell) : cell;
}

/**
 * The key of a numeric value as the mapping file writes it: integers without decimals (`99`),
 * others as JavaScript prints them.
 *
 * @example numberKey(99); // "99"
 */
export function numberKey(x: number): string {
  return Object.is(x, -0) ? "0" : String(x);
}
