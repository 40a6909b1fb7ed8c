/** Factors, as R's: a text column becomes codes 1…k in the design's data, its labels (sorted) in `design.levels`. */

import { DataError } from "./errors";

type ColumnValues = ArrayLike<number | null>;

interface FactorDesign {
  readonly source: string;
  readonly data: Readonly<Record<string, ColumnValues>>;
  readonly levels?: Levels;
}

/** A text column (a factor): a label per row, or null where empty. */
export type TextColumn = readonly (string | null)[];

/** A column as given to `svydesign` or `update`: numbers, or text (a factor). */
export type InputColumn = ArrayLike<number | null> | TextColumn;

/** Level codes (numbers) for a numeric column, or labels for a factor. */
export type Codes = readonly number[] | readonly string[];

/** The labels of each factor column, in level order. */
export type Levels = Readonly<Record<string, readonly string[]>>;

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Input columns as the design's data: text columns become level codes, their labels returned in `levels`.
 * @example designData({ stype: ["H", "E", null] }, "api.csv").levels.stype // ["E", "H"]
 */
export function designData(
  columns: Readonly<Record<string, InputColumn>>,
  source: string,
  given: Levels = {},
): { data: Record<string, ColumnValues>; levels: Record<string, readonly string[]> } {
  const data: Record<string, ColumnValues> = {};
  const levels: Record<string, readonly string[]> = {};
  for (const name of Object.keys(given))
    if (columns[name] === undefined) throw noColumn(source, "levels", name, columns);
  for (const [name, values] of Object.entries(columns)) {
    let [numbers, texts, other] = [false, false, false];
    for (let i = 0; i < values.length; i++) {
      const kind = typeof values[i];
      if (kind === "number") numbers = true;
      else if (kind === "string") texts = true;
      else if (values[i] !== null) other = true;
    }
    if ((numbers && texts) || other)
      throw new DataError({
        file: source,
        column: name,
        problem: other ? "column has a value that is not a number or text" : "column mixes numbers and text",
        expected: "numbers, or text (a factor), and null where empty",
      });
    if (!texts && given[name] === undefined) {
      const kept = Array.isArray(values) || ArrayBuffer.isView(values);
      data[name] = kept ? (values as ColumnValues) : Array.from(values as ArrayLike<number | null>);
      continue;
    }
    const text = Array.from(values as ArrayLike<string | number | null>, (v) => (v === null ? null : String(v)));
    const labels = given[name] ?? [...new Set(text.filter((v): v is string => v !== null))].sort(byCodePoint);
    const index = new Map(labels.map((l, k) => [l, k + 1]));
    data[name] = text.map((v, i) => {
      if (v === null) return null;
      const code = index.get(v);
      if (code === undefined)
        throw new DataError({
          file: source,
          row: i + 1,
          column: name,
          value: v,
          problem: `"${v}" is not one of the levels given`,
          expected: `one of ${labels.join(", ")}`,
        });
      return code;
    });
    levels[name] = labels;
  }
  return { data, levels };
}

/** A factor column's labels, or null for a numeric column: `levelsOf(des, "stype") // ["E", "H", "M"]`. */
export function levelsOf(design: FactorDesign, name: string): readonly string[] | null {
  return design.levels?.[name] ?? null;
}

/** The label of a value: a factor's level label, else the number as text: `labelOf(des, "stype", 2) // "H"`. */
export function labelOf(design: FactorDesign, name: string, code: number): string {
  return levelsOf(design, name)?.[code - 1] ?? String(code);
}

/**
 * Codes for a column from labels (a factor) or numbers (a numeric column); else a DataError.
 * @example levelCodes(des, "stype", ["E", "M"]) // [1, 3]
 */
export function levelCodes(design: FactorDesign, name: string, wanted: Codes): number[] {
  const labels = levelsOf(design, name);
  const bad = (value: unknown, problem: string, expected: string): DataError =>
    new DataError({ file: design.source, column: name, value: String(value), problem, expected });
  return (wanted as readonly (number | string)[]).map((w) => {
    if (labels === null) {
      if (typeof w === "number") return w;
      throw bad(w, `"${name}" is numeric, "${w}" is a label`, "numbers (codes)");
    }
    if (typeof w === "number")
      throw bad(w, `"${name}" is a factor: give its labels`, `labels among ${labels.join(", ")}`);
    const k = labels.indexOf(w);
    if (k < 0) throw bad(w, `"${w}" is not a level of ${name}`, `one of ${labels.join(", ")}`);
    return k + 1;
  });
}

/**
 * A column as R's `factor()` makes it: a numeric column's sorted values as codes 1…k, labelled with the values.
 * @example asFactor(null, [20, 10, 20]) // { codes: [2, 1, 2], labels: ["10", "20"] }
 */
export function asFactor(
  labels: readonly string[] | null,
  values: ColumnValues,
): { codes: ColumnValues; labels: readonly string[] } {
  if (labels !== null) return { codes: values, labels };
  const distinct = [...new Set(Array.from(values).filter((v): v is number => v !== null))].sort((a, b) => a - b);
  const index = new Map(distinct.map((v, k) => [v, k + 1]));
  return {
    codes: Array.from(values, (v) => (v === null ? null : (index.get(v) ?? null))),
    labels: distinct.map(String),
  };
}

/**
 * Several columns' combinations as one factor column, as R's `interaction(a, b)`: the first fastest, labelled "E.No".
 * @example interactionColumn([{ codes: [1, 2], labels: ["E", "H"] }, { codes: [1, 1], labels: ["No", "Yes"] }])
 */
export function interactionColumn(columns: readonly { codes: ColumnValues; labels: readonly string[] }[]): {
  codes: (number | null)[];
  labels: string[];
} {
  let labels = [""];
  columns.forEach((c, j) => (labels = c.labels.flatMap((l) => labels.map((p) => (j === 0 ? l : `${p}.${l}`)))));
  const n = columns[0]?.codes.length ?? 0;
  const codes = new Array<number | null>(n);
  for (let i = 0; i < n; i++) {
    let code: number | null = 0;
    for (let j = columns.length - 1; j >= 0 && code !== null; j--) {
      const v = columns[j].codes[i];
      code = v === null ? null : code * columns[j].labels.length + (v - 1);
    }
    codes[i] = code === null ? null : code + 1;
  }
  return { codes, labels };
}

/**
 * The design with a new factor column of several columns' combinations, as R's `update(d, x = interaction(a, b))`.
 * @example svymean(interaction(des, ["stype", "comp.imp"]), "stype.comp.imp", { levels: true })
 */
export function interaction<D extends FactorDesign>(
  design: D,
  columns: readonly string[],
  name = columns.join("."),
): D {
  const parts = columns.map((c) => {
    const values = design.data[c];
    if (values === undefined) throw noColumn(design.source, "interaction", c, design.data);
    return asFactor(levelsOf(design, c), values);
  });
  const { codes, labels } = interactionColumn(parts);
  const data = { ...design.data, [name]: codes };
  return { ...design, data, levels: { ...design.levels, [name]: labels } };
}

function noColumn(source: string, verb: string, name: string, columns: object): DataError {
  const [problem, expected] = [`${verb}: there is no column "${name}"`, `one of ${Object.keys(columns).join(", ")}`];
  return new DataError({ file: source, column: name, problem, expected });
}
