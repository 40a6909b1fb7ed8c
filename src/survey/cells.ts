/**
 * A column's cells as the estimators read them. Data made by `lazyColumns` may keep answer codes
 * as one byte per row (an Int8Array, one byte value marking an empty cell); an estimator then reads
 * those bytes in place instead of making the column's array of a million numbers. Any other column
 * is its array of numbers, null where empty.
 */

/** Answer codes kept as one byte per row; `empty` is the byte that marks an empty cell. */
export interface ByteColumn {
  codes: Int8Array;
  empty: number;
}

/** A column's cells: its values, and the value that marks an empty cell (null for an array of numbers). */
export interface ColumnCells {
  values: ArrayLike<number | null>;
  empty: number | null;
}

/** Where a data object keeps its byte columns: per name, the bytes and the getter they stand for. */
export const BYTE_COLUMNS = Symbol("byte columns");

/** Per column name: its bytes and the getter of the data's property they stand for. */
export type ByteColumns = Map<string, { column: ByteColumn; getter: () => unknown }>;

/**
 * The byte columns of a data object, made on first use (hidden from enumeration and spreading).
 * @example byteColumns(data).set("ai_brug", { column, getter })
 */
export function byteColumns(data: object): ByteColumns {
  const holder = data as { [BYTE_COLUMNS]?: ByteColumns };
  let known = holder[BYTE_COLUMNS];
  if (known === undefined) {
    known = new Map();
    Object.defineProperty(data, BYTE_COLUMNS, { value: known, enumerable: false, configurable: true, writable: true });
  }
  return known;
}

/**
 * The bytes standing for column `name` of the data, when the column is still the one they were
 * given for (not replaced by `update` or an assignment); else null.
 * @example byteColumn(design.data, "ai_brug")?.codes[0] // 3
 */
export function byteColumn(data: object, name: string): ByteColumn | null {
  const entry = (data as { [BYTE_COLUMNS]?: ByteColumns })[BYTE_COLUMNS]?.get(name);
  if (entry === undefined) return null;
  return Object.getOwnPropertyDescriptor(data, name)?.get === entry.getter ? entry.column : null;
}
