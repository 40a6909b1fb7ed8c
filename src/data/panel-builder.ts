/**
 * Builds a compact panel cell by cell from any reader (delimited text, SPSS, Excel), through a
 * mapping to the contract: each delivered column goes to its contract column, each delivered
 * value through the mapping's codes, and every cell is checked as it arrives — codes are integer
 * literals among the column's codes, ids are digits kept as text.
 */

import { COLUMNS, type ColumnSpec } from "../codebook";
import { DataError } from "../survey";
import { EMPTY_CODE, INVALID_CODE, withIdText, type CompactPanel } from "./compact";
import { cellText, idLiteral, integerLiteral, numberKey, printable } from "./cells";
import { parseNumber } from "./csv";
import { deliveredName, type PanelMapping } from "./mapping";
import { IdText } from "./id-text";

/** One cell as a reader delivers it: text, a number, or null for an empty/system-missing cell. */
export type Cell = string | number | null;

interface CodeTarget {
  kind: "code";
  spec: ColumnSpec;
  store: Int8Array;
  /** valid[code + 128] = 1 for the column's codes. */
  valid: Uint8Array;
  map: Map<string, number | null> | null;
}
interface ExtraTarget {
  kind: "extra";
  name: string;
  cells: Cell[];
}
type Target = { kind: "id" } | CodeTarget | ExtraTarget;

/** Options of a `PanelBuilder`. */
export interface PanelBuilderOptions {
  /** Read `1,5` as 1.5 in extra numeric columns (`;` files). */
  decimalComma?: boolean;
  /**
   * Collect cell errors instead of throwing the first (for `validate`): a bad code is then stored
   * as `INVALID_CODE`, a bad id as "" and a bad numeric extra column as text.
   */
  onError?: (error: DataError) => void;
  /**
   * Where a contract code column's bytes go (default: a new `Int8Array(capacity)`), e.g. memory
   * shared with another thread that scans other rows into the same arrays.
   */
  codeStore?: (column: string, capacity: number) => Int8Array;
}

/** The rows a builder read that are not in its code stores: ids and extra columns' cells (see `PanelBuilder.part`). */
export interface BuilderPart {
  rowCount: number;
  /** The ids as text bytes (see `IdText`: bytes cross threads far faster than an array of strings). */
  ids: { bytes: Uint8Array; count: number };
  /** Each extra column's cells, in the header's order. */
  extras: Cell[][];
}

/**
 * Cell-by-cell builder of a compact panel; see the module comment.
 * @example
 * const b = new PanelBuilder("p.csv", header, NO_MAPPING, rows);
 * b.cell(0, 0, "1001"); // ... every cell of every row
 * const compact = b.finish(rows);
 */
export class PanelBuilder {
  readonly source: string;
  readonly mapping: PanelMapping;
  private readonly targets: Target[];
  /** Ids of rows 0 .. idText.count-1, read in row order (all of them, for the readers here). */
  private readonly idText: IdText;
  /** Ids of any later rows, set out of row order. */
  private readonly ids: string[] = [];
  private readonly decimalComma: boolean;
  /** Whether the code stores came from `options.codeStore` (they cannot then grow). */
  private readonly givenStores: boolean;
  private readonly onError: ((error: DataError) => void) | null;

  /**
   * @param header the delivered column names, in file order
   * @param capacity an upper bound on the number of rows
   * @example const b = new PanelBuilder("panel.csv", header, NO_MAPPING, 10);
   */
  constructor(source: string, header: readonly string[], mapping: PanelMapping, capacity: number, options: PanelBuilderOptions = {}) {
    this.source = source;
    this.onError = options.onError ?? null;
    this.mapping = mapping;
    this.decimalComma = options.decimalComma ?? false;
    this.givenStores = options.codeStore !== undefined;
    this.idText = new IdText(capacity);
    const contractOf = new Map<string, ColumnSpec>();
    for (const spec of COLUMNS) contractOf.set(deliveredName(mapping, spec.name), spec);
    const missing = COLUMNS.filter((c) => !header.includes(deliveredName(mapping, c.name)));
    if (missing.length > 0) throw missingColumnsError(source, missing, mapping, header);
    this.targets = header.map((name): Target => {
      const spec = contractOf.get(name);
      if (spec === undefined) {
        if (COLUMNS.some((c) => c.name === name)) {
          throw new DataError({ file: source, column: name, problem: `the file has a column "${name}" but the mapping reads ${name} from "${deliveredName(mapping, name)}"`, expected: "each contract column once: rename or drop one of them" });
        }
        return { kind: "extra", name, cells: [] };
      }
      if (spec.kind === "id") return { kind: "id" };
      const valid = new Uint8Array(256);
      for (const c of spec.codes) valid[c.code + 128] = 1;
      const table = mapping.codes[spec.name];
      const store = options.codeStore?.(spec.name, capacity) ?? new Int8Array(capacity);
      return { kind: "code", spec, store, valid, map: table ? new Map(Object.entries(table)) : null };
    });
  }

  /**
   * For each delivered column, the store and valid-code table of a contract code column read
   * without a codes mapping (the delimited reader writes plain codes there directly), else null.
   * @example builder.plainCodeColumns()[8]?.store
   */
  plainCodeColumns(): ({ store: Int8Array; valid: Uint8Array } | null)[] {
    return this.targets.map((t) => (t.kind === "code" && t.map === null ? { store: t.store, valid: t.valid } : null));
  }

  /**
   * The rows the code stores hold.
   * @example new PanelBuilder("p.csv", header, NO_MAPPING, 10).rowsHeld(); // 10
   */
  rowsHeld(): number {
    for (const t of this.targets) if (t.kind === "code") return t.store.length;
    return Number.POSITIVE_INFINITY;
  }

  /**
   * Makes room in the code stores for `capacity` rows (more than the constructor's), keeping their
   * rows; not for stores given by `options.codeStore`.
   * @example builder.grow(2 * capacity);
   */
  grow(capacity: number): void {
    if (this.givenStores) throw new Error("PanelBuilder.grow: the code stores were given");
    for (const t of this.targets) {
      if (t.kind !== "code" || t.store.length >= capacity) continue;
      const bigger = new Int8Array(capacity);
      bigger.set(t.store);
      t.store = bigger;
    }
  }

  /**
   * One cell from raw UTF-8 bytes (the delimited reader's fast path: plain integers need no string).
   * @example builder.bytes(3, 0, buffer, 17, 18);
   */
  bytes(col: number, row: number, buf: Uint8Array, start: number, end: number): void {
    const target = this.targets[col];
    const rawStart = start;
    const rawEnd = end;
    if (target.kind === "id" && Buffer.isBuffer(buf)) {
      let k = start;
      while (k < end && buf[k] >= 0x30 && buf[k] <= 0x39) k++;
      if (k === end && end > start) {
        // digits only: no string per id (made all at once at the end)
        if (row === this.idText.count) this.idText.push(buf, start, end);
        else this.ids[row] = buf.toString("latin1", start, end);
        return;
      }
    }
    if (target.kind === "code" && target.map === null) {
      while (start < end && buf[start] === 0x20) start++;
      while (end > start && buf[end - 1] === 0x20) end--;
      if (start === end) {
        target.store[row] = EMPTY_CODE;
        return;
      }
      let neg = false;
      let i = start;
      if (buf[i] === 0x2d) {
        neg = true;
        i++;
      }
      if (end - i >= 1 && end - i <= 3) {
        let x = 0;
        for (; i < end; i++) {
          const d = buf[i] - 0x30;
          if (d < 0 || d > 9) break;
          x = x * 10 + d;
        }
        if (i === end) {
          const code = neg ? -x : x;
          if (code >= -128 && code < 128 && target.valid[code + 128] === 1) {
            target.store[row] = code;
            return;
          }
        }
      }
    }
    this.cell(col, row, Buffer.from(buf.buffer, buf.byteOffset + rawStart, rawEnd - rawStart).toString("utf8"));
  }

  /**
   * One cell as text, a number or null (empty).
   * @example builder.cell(0, 0, "1001"); builder.cell(8, 0, 3);
   */
  cell(col: number, row: number, value: Cell): void {
    const target = this.targets[col];
    if (target.kind === "extra") {
      target.cells[row] = value;
      return;
    }
    const text = cellText(value);
    if (target.kind === "id") {
      const id = typeof value === "number" ? (Number.isSafeInteger(value) && value >= 0 ? numberKey(value) : null) : idLiteral(text);
      if (id === null) {
        this.setId(row, "");
        this.fail(new DataError({
          file: this.source,
          row: row + 1,
          column: "id",
          value: printable(text),
          problem: text.trim() === "" ? "the id is empty" : `value "${printable(text)}" is not an integer id`,
          expected: "a unique integer (digits only)",
        }));
        return;
      }
      this.setId(row, id);
      return;
    }
    const key = text.trim();
    if (target.map !== null && target.map.has(key)) {
      const mapped = target.map.get(key) as number | null;
      target.store[row] = mapped === null ? EMPTY_CODE : mapped;
      return;
    }
    if (key === "") {
      target.store[row] = EMPTY_CODE;
      return;
    }
    const code = typeof value === "number" ? (Number.isInteger(value) ? value : null) : integerLiteral(text);
    if (code === null || code < -128 || code > 127 || target.valid[code + 128] !== 1) {
      const name = target.spec.name;
      const delivered = deliveredName(this.mapping, name);
      const mapped = target.map !== null;
      target.store[row] = INVALID_CODE;
      this.fail(new DataError({
        file: this.source,
        row: row + 1,
        column: delivered,
        value: printable(text),
        problem: `value "${printable(text)}" is not a valid code${delivered === name ? "" : ` of ${name}`}${mapped ? ` and the mapping ${this.mapping.source} has no entry for it under codes.${name}` : ""}`,
        expected: `one of ${target.spec.codes.map((c) => c.code).join(", ")} written as a whole number${"always" in target.spec.askedOf ? "" : " (or empty where not asked)"}${mapped ? ", or an entry in the mapping" : ""}`,
      }));
      return;
    }
    target.store[row] = code;
  }

  /**
   * The ids and extra cells of the first `rowCount` rows, to hand to the builder of the rows
   * before them (`addPart`); ids must be valid (as they are when errors are thrown, not collected).
   * @example const part = workerBuilder.part(rows);
   */
  part(rowCount: number): BuilderPart {
    const extras: Cell[][] = [];
    for (const t of this.targets) if (t.kind === "extra") extras.push(t.cells.slice(0, rowCount));
    if (this.idText.count !== rowCount) throw new Error("PanelBuilder.part: ids not read in row order");
    return { rowCount, ids: this.idText.export(), extras };
  }

  /**
   * Decodes the ids read so far now rather than in `finish` (say, while another thread scans the
   * rows after them).
   * @example builder.settleIds();
   */
  settleIds(): void {
    this.idText.settle();
  }

  /**
   * Takes the ids and extra cells another builder read (`part`) as this builder's rows from
   * `offset` on; its code columns must already be in this builder's stores (shared `codeStore`).
   * @example mainBuilder.addPart(mainRows, workerPart); mainBuilder.finish(mainRows + workerPart.rowCount);
   */
  addPart(offset: number, part: BuilderPart): void {
    if (this.idText.count !== offset || part.ids.count !== part.rowCount) throw new Error("PanelBuilder.addPart: ids not read in row order");
    this.idText.append(part.ids);
    let k = 0;
    for (const t of this.targets) {
      if (t.kind !== "extra") continue;
      const cells = part.extras[k++];
      for (let r = 0; r < cells.length; r++) t.cells[offset + r] = cells[r];
    }
  }

  /**
   * The compact panel of the first `rowCount` rows, with extra columns typed: numeric when most
   * of their non-empty cells are numbers (then every one must be), else text.
   * @example const compact = builder.finish(rows);
   */
  finish(rowCount: number): CompactPanel {
    const codes: Record<string, Int8Array> = {};
    const numbers: Record<string, Float64Array> = {};
    const texts: Record<string, string[]> = {};
    const byName = new Map<string, Int8Array>();
    for (const t of this.targets) if (t.kind === "code") byName.set(t.spec.name, t.store.subarray(0, rowCount));
    for (const spec of COLUMNS) {
      const store = byName.get(spec.name);
      if (store !== undefined) codes[spec.name] = store;
    }
    for (const t of this.targets) {
      if (t.kind !== "extra") continue;
      const typed = this.typeExtra(t, rowCount);
      if (typed instanceof Float64Array) numbers[t.name] = typed;
      else texts[t.name] = typed;
    }
    // Ids all read as digits are kept as one text (`withIdText`): a million strings only if asked for.
    if (this.idText.count === rowCount) return withIdText({ source: this.source, rowCount, codes, numbers, texts }, this.idText.text());
    const ids = this.idStrings(rowCount);
    return { source: this.source, rowCount, ids, codes, numbers, texts };
  }

  private setId(row: number, id: string): void {
    if (row === this.idText.count) this.idText.pushText(id);
    else this.ids[row] = id;
  }

  /** The ids of the first `rowCount` rows. */
  private idStrings(rowCount: number): string[] {
    const head = this.idText.strings();
    if (head.length === rowCount) return head;
    const ids = Array.from({ length: rowCount }, (_, r) => this.ids[r]);
    for (let r = 0; r < head.length && r < rowCount; r++) ids[r] = head[r];
    return ids;
  }

  /** Throws the error, or hands it to the collector. */
  private fail(error: DataError): void {
    if (this.onError === null) throw error;
    this.onError(error);
  }

  private typeExtra(t: ExtraTarget, rowCount: number): Float64Array | string[] {
    const values = new Float64Array(rowCount);
    let numeric = 0;
    let nonEmpty = 0;
    let firstBad = -1;
    for (let r = 0; r < rowCount; r++) {
      const c = t.cells[r] ?? null;
      if (c === null || (typeof c === "string" && c.trim() === "")) {
        values[r] = NaN;
        continue;
      }
      nonEmpty++;
      const x = typeof c === "number" ? c : parseNumber(c, { decimalComma: this.decimalComma });
      if (x === null || !Number.isFinite(x)) {
        if (firstBad < 0) firstBad = r;
        values[r] = NaN;
      } else {
        numeric++;
        values[r] = x;
      }
    }
    if (firstBad < 0 && nonEmpty > 0) return values;
    if (numeric * 2 > nonEmpty) {
      const raw = cellText(t.cells[firstBad] ?? null);
      this.fail(new DataError({
        file: this.source,
        row: firstBad + 1,
        column: t.name,
        value: printable(raw),
        problem: `value "${printable(raw)}" is not a number, in a column of numbers (${numeric} of ${nonEmpty} filled cells are numbers)`,
        expected: `a number${this.decimalComma ? " (decimal comma allowed)" : ""}, or an empty cell for no value`,
      }));
    }
    return Array.from({ length: rowCount }, (_, r) => cellText(t.cells[r] ?? null));
  }
}

function missingColumnsError(source: string, missing: readonly ColumnSpec[], mapping: PanelMapping, header: readonly string[]): DataError {
  const names = missing.map((c) => {
    const d = deliveredName(mapping, c.name);
    return d === c.name ? `"${c.name}"` : `"${c.name}" (mapped from "${printable(d)}")`;
  });
  const shown = names.length > 8 ? [...names.slice(0, 8), `and ${names.length - 8} more`] : names;
  const hint =
    header.length === 1 && /[\t;,|]/.test(header[0])
      ? ` — the header is one field "${printable(header[0], 40)}"; the file looks separated by ${/\t/.test(header[0]) ? "tabs" : "another character"}`
      : mapping.source === "(no mapping)"
        ? " — a file with the supplier's own names or codes needs a mapping (draft one with: npm run map -- <file>)"
        : "";
  return new DataError({
    file: source,
    column: missing.length <= 8 ? missing.map((c) => c.name).join(", ") : `${missing.slice(0, 8).map((c) => c.name).join(", ")}, ...`,
    problem: `${missing.length === 1 ? "contract column" : `${missing.length} contract columns`} missing: ${shown.join(", ")}${hint}`,
    expected: `every column of the data contract (${COLUMNS.length} columns: ${COLUMNS.slice(0, 6).map((c) => c.name).join(", ")}, ...)`,
  });
}
