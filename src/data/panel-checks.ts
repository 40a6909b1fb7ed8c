/** The panel's checks (ids, skip logic, multi-response): each lists its violations; `checkPanel` throws the first. */

import {
  COLUMNS,
  MULTI_RESPONSE_GROUPS,
  expectedValues,
  holdsMask,
  type Condition,
  type Label,
  type Lang,
} from "../codebook";
import { t } from "../codebook/messages";
import { DataError } from "../survey";
import { printable } from "./csv";
import type { LoadedPanel } from "./panel";

/** One kind of violation in one column: how many rows, the first ones (1-based), the loader's error for the first. */
export interface Violation {
  column: string;
  kind: Label; // What is wrong, for the table `validate` prints.
  count: number;
  rows: number[];
  error: DataError;
}

const KIND = {
  emptyAsked: t("tom, hvor spurgt", "empty where asked"),
  answeredNotAsked: t("besvaret, hvor ikke spurgt", "answered where not asked"),
  count: t("antal valgt", "number chosen"),
  exclusive: t("eksklusivt svar med andre", "exclusive item with others"),
  id: t("id brugt to gange", "id used twice"),
};

/** A condition in words, for error messages: `{ variable: "ai_brug", in: [2, 3] }` → "ai_brug er 2, 3". */
function describeCondition(condition: Condition): Label {
  const both = (f: (lang: Lang) => string): Label => t(f("da"), f("en"));
  if ("always" in condition) return t("altid", "always");
  if ("not" in condition) return both((l) => `${l === "da" ? "ikke" : "not"} (${describeCondition(condition.not)[l]})`);
  if ("variable" in condition) {
    const v = condition.variable;
    if (condition.in.length === 1) return both(() => `${v} = ${condition.in[0]}`);
    return both((l) => `${v} ${l === "da" ? "er" : "in"} ${condition.in.join(", ")}`);
  }
  const any = "anyOf" in condition;
  const parts = any ? condition.anyOf : condition.allOf;
  const joiner = (l: Lang): string => (any ? (l === "da" ? " eller " : " or ") : l === "da" ? " og " : " and ");
  const joined = (l: Lang, xs: readonly Condition[]): string => xs.map((c) => describeCondition(c)[l]).join(joiner(l));
  if (parts.length <= 4) return both((l) => joined(l, parts));
  return t(
    `${any ? "en af" : "alle"} ${parts.length} betingelser (${joined("da", parts.slice(0, 2))}${joiner("da")}...)`,
    `${any ? "any" : "all"} of ${parts.length} conditions (${joined("en", parts.slice(0, 2))}${joiner("en")}...)`,
  );
}

/** Every skip-logic violation: per column, cells empty where asked, answered where not: `skipLogicViolations(p)`. */
export function skipLogicViolations(panel: LoadedPanel, firstRows = 5): Violation[] {
  const out: Violation[] = [];
  const masks = new Map<string, Uint8Array>(); // columns asked of the same condition share its mask
  const column = (name: string): (number | null)[] => panel.columns[name] ?? [];
  for (const spec of COLUMNS) {
    const values = panel.columns[spec.name];
    if (values === undefined || spec.kind === "id") continue;
    const key = JSON.stringify(spec.askedOf);
    const asked = masks.get(key) ?? holdsMask(spec.askedOf, column, panel.rowCount);
    masks.set(key, asked);
    const empty: number[] = [];
    const answered: number[] = [];
    let emptyCount = 0;
    let answeredCount = 0;
    for (let i = 0; i < panel.rowCount; i++) {
      const v = values[i];
      if ((v === null) !== (asked[i] === 1)) continue; // filled exactly where asked
      if (v === null) {
        if (emptyCount++ < firstRows) empty.push(i + 1);
      } else if (!Number.isNaN(v) && answeredCount++ < firstRows) answered.push(i + 1);
    }
    const where = describeCondition(spec.askedOf);
    if (emptyCount > 0) {
      const problem =
        "always" in spec.askedOf
          ? t(
              "cellen er tom, men alle svarpersoner bliver spurgt",
              "the cell is empty but every respondent is asked this",
            )
          : t(
              `cellen er tom, men spørgsmålet blev stillet (${where.da})`,
              `the cell is empty but the question was asked (${where.en})`,
            );
      const error = cellError(panel.source, empty[0], spec.name, "", problem, expectedValues(spec));
      out.push({ column: spec.name, kind: KIND.emptyAsked, count: emptyCount, rows: empty, error });
    }
    if (answeredCount > 0) {
      const cell = String(values[answered[0] - 1]);
      const problem = t(
        `værdien "${cell}" er besvaret, hvor spørgsmålet ikke blev stillet (stilles kun, hvor ${where.da})`,
        `value "${cell}" is answered where the question was not asked (asked only where ${where.en})`,
      );
      const expected = t("en tom celle (ikke spurgt)", "an empty cell (not asked)");
      const error = cellError(panel.source, answered[0], spec.name, cell, problem, expected);
      out.push({ column: spec.name, kind: KIND.answeredNotAsked, count: answeredCount, rows: answered, error });
    }
  }
  return out;
}

/** Empties each answer where not asked (codebook order: it un-asks what follows); how many: `blankSkipViolations(p)` */
export function blankSkipViolations(panel: LoadedPanel): number {
  let blanked = 0;
  const column = (name: string): (number | null)[] => panel.columns[name] ?? [];
  for (const spec of COLUMNS) {
    const values = panel.columns[spec.name];
    if (values === undefined || spec.kind === "id" || "always" in spec.askedOf) continue;
    const asked = holdsMask(spec.askedOf, column, panel.rowCount);
    for (let i = 0; i < panel.rowCount; i++)
      if (asked[i] === 0 && values[i] !== null && !Number.isNaN(values[i])) {
        values[i] = null;
        blanked++;
      }
  }
  return blanked;
}

function cellError(file: string, row: number, column: string, value: string, problem: Label, expected: Label) {
  return new DataError({ file, row, column, value, problem, expected });
}

/** Rows choosing too few or too many items, or the exclusive item with others. @example multiResponseViolations(p) */
export function multiResponseViolations(panel: LoadedPanel, firstRows = 5): Violation[] {
  const out: Violation[] = [];
  for (const group of MULTI_RESPONSE_GROUPS) {
    const cols = group.columns.map((c) => panel.columns[c]);
    if (cols.some((c) => c === undefined)) continue;
    const { exclusiveColumn } = group;
    const exclusive = exclusiveColumn !== undefined ? panel.columns[exclusiveColumn] : undefined;
    const { min, max } = group.choices;
    const count = { column: group.name, kind: KIND.count, rows: [] as number[], error: null as DataError | null };
    const both = {
      column: exclusiveColumn ?? group.name,
      kind: KIND.exclusive,
      rows: [] as number[],
      error: null as DataError | null,
    };
    const chosenIn = (r: number): string[] => group.columns.filter((_, k) => cols[k][r] === 1);
    const counts = new Uint8Array(panel.rowCount); // items chosen per row, a column at a time
    for (const c of cols) countOnes(c, counts);
    const first = cols[0];
    for (let r = 0; r < panel.rowCount; r++) {
      if (first[r] === null) continue; // not asked
      const chosen = counts[r];
      if (chosen < min || chosen > max) {
        if (count.rows.push(r + 1) > 1) continue;
        const items = chosen ? ` (${chosenIn(r).join(", ")})` : "";
        const problem = t(
          `${chosen} ${chosen === 1 ? "punkt" : "punkter"} valgt i flervalgsspørgsmålet "${group.name}"${items}`,
          `${chosen} item${chosen === 1 ? "" : "s"} chosen in multi-response question "${group.name}"${items}`,
        );
        const expected =
          min === max
            ? t(`præcis ${min}`, `exactly ${min}`)
            : t(`mellem ${min} og ${max} valgte punkter`, `between ${min} and ${max} items chosen`);
        count.error = cellError(panel.source, r + 1, group.name, String(chosen), problem, expected);
      } else if (exclusiveColumn !== undefined && exclusive?.[r] === 1 && chosen > 1) {
        if (both.rows.push(r + 1) > 1) continue;
        const others = chosenIn(r).filter((c) => c !== exclusiveColumn);
        const problem = t(
          `det eksklusive svar "${exclusiveColumn}" er valgt sammen med ${others.join(", ")}`,
          `the exclusive item "${exclusiveColumn}" is chosen together with ${others.join(", ")}`,
        );
        const expected = t(`"${exclusiveColumn}" alene, eller 0`, `"${exclusiveColumn}" alone, or 0`);
        both.error = cellError(panel.source, r + 1, exclusiveColumn, "1", problem, expected);
      }
    }
    for (const { column, kind, rows, error } of [count, both])
      if (error !== null) out.push({ column, kind, count: rows.length, rows: rows.slice(0, firstRows), error });
  }
  return out;
}

/** Adds 1 to counts[r] where column[r] is 1; a pass of its own: inlined, it took 114 ms, not 50, at 200,000 rows. */
function countOnes(column: readonly (number | null)[], counts: Uint8Array): void {
  for (let r = 0; r < counts.length; r++) if (column[r] === 1) counts[r]++;
}

/** Ids used more than once (compared as the text read). @example duplicateIds(panel)[0]?.error.message */
export function duplicateIds(panel: LoadedPanel, firstRows = 5): Violation[] {
  const seen = new Map<string, number>();
  const rows: number[] = [];
  let error: DataError | null = null;
  panel.ids.forEach((id, r) => {
    if (id === "") return; // an invalid id, reported where it was read
    const first = seen.get(id);
    if (first === undefined) {
      seen.set(id, r + 1);
      return;
    }
    rows.push(r + 1);
    const shown = printable(id);
    const problem = t(
      `id ${shown} er brugt to gange (første gang i række ${first})`,
      `id ${shown} is used twice (first in row ${first})`,
    );
    error ??= cellError(
      panel.source,
      r + 1,
      "id",
      shown,
      problem,
      t("et entydigt heltal pr. række", "a unique integer per row"),
    );
  });
  return error ? [{ column: "id", kind: KIND.id, count: rows.length, rows: rows.slice(0, firstRows), error }] : [];
}

/** Throws the first problem: too few rows, duplicate ids, skip logic, multi-response. @example checkPanel(panel) */
export function checkPanel(panel: LoadedPanel): void {
  const n = panel.rowCount;
  if (n < 2)
    throw new DataError({
      file: panel.source,
      row: null,
      problem: t(
        `filen har kun ${n} ${n === 1 ? "datarække" : "datarækker"}`,
        `the file has only ${n} data row${n === 1 ? "" : "s"}`,
      ),
      expected: t("mindst 2 svarpersoner (en varians kræver to)", "at least 2 respondents (a variance needs two)"),
    });
  const earliest = (list: Violation[]): Violation => list.reduce((a, b) => (b.rows[0] < a.rows[0] ? b : a));
  for (const list of [duplicateIds(panel, 1), skipLogicViolations(panel, 1), multiResponseViolations(panel, 1)])
    if (list.length > 0) throw earliest(list).error;
}
