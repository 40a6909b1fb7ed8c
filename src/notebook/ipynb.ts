/** The Jupyter notebook format (nbformat 4) as this project uses it: types, a validating reader, a stable writer. */
import * as fs from "fs";

/** Cell source or output text: a string or a list of lines (each but the last ending in "\n"). */
export type MultilineString = string | string[];

/** MIME type → content (strings, or JSON for application/json). */
export type MimeBundle = Record<string, MultilineString | object>;

/** Any cell output: text written to stdout or stderr, rich output from a display call or a cell's value, an error. */
export type Output =
  | { output_type: "stream"; name: "stdout" | "stderr"; text: MultilineString }
  | DisplayDataOutput
  | {
      output_type: "execute_result";
      execution_count: number | null;
      data: MimeBundle;
      metadata: Record<string, unknown>;
    }
  | { output_type: "error"; ename: string; evalue: string; traceback: string[] };

/** Rich output from a display call (tslab's `display.html(...)` etc.). */
export interface DisplayDataOutput {
  output_type: "display_data";
  data: MimeBundle;
  metadata: Record<string, unknown>;
}

/** A code cell. */
export interface CodeCell {
  cell_type: "code";
  id?: string;
  metadata: Record<string, unknown>;
  source: MultilineString;
  execution_count: number | null;
  outputs: Output[];
}

/** Any cell: a code cell, or a markdown or raw cell. */
export type Cell =
  | CodeCell
  | {
      cell_type: "markdown" | "raw";
      id?: string;
      metadata: Record<string, unknown>;
      source: MultilineString;
      attachments?: Record<string, MimeBundle>;
    };

/** A whole notebook. */
export interface Notebook {
  nbformat: number;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: Cell[];
}

/** Joins a multiline string into one string. @example joinSource(["a\n", "b"]) // "a\nb" */
export function joinSource(source: MultilineString): string {
  return Array.isArray(source) ? source.join("") : source;
}

/** Text as Jupyter's list of lines (each keeps its "\n"). @example splitLines("a\nb\n") // ["a\n", "b\n"] */
export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? []; // split(/(?<=\n)/) took 2 % of a build's notebook time
}

function fail(source: string, where: string, value: unknown, expected: string): never {
  const shown = JSON.stringify(value);
  const clipped = shown === undefined ? "undefined" : shown.length > 80 ? `${shown.slice(0, 77)}...` : shown;
  throw new Error(`${source}: ${where}: found ${clipped}, expected ${expected}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function checkMultiline(source: string, where: string, value: unknown): MultilineString {
  if (typeof value === "string") return value;
  if (Array.isArray(value) && value.every((line) => typeof line === "string")) return value as string[];
  return fail(source, where, value, "a string or a list of strings");
}

function checkOutput(source: string, where: string, value: unknown): Output {
  if (!isRecord(value)) return fail(source, where, value, "an output object");
  const type = value.output_type;
  if (type === "stream") {
    if (value.name !== "stdout" && value.name !== "stderr")
      fail(source, `${where}.name`, value.name, '"stdout" or "stderr"');
    checkMultiline(source, `${where}.text`, value.text);
  } else if (type === "display_data" || type === "execute_result") {
    if (!isRecord(value.data)) fail(source, `${where}.data`, value.data, "a MIME bundle object");
  } else if (type === "error") {
    if (typeof value.ename !== "string") fail(source, `${where}.ename`, value.ename, "a string");
  } else fail(source, `${where}.output_type`, type, "stream, display_data, execute_result or error");
  return value as unknown as Output;
}

/** Validates parsed JSON as an nbformat 4 notebook. @example parseNotebook(JSON.parse(text), "notebooks/01.ipynb") */
export function parseNotebook(json: unknown, source: string): Notebook {
  if (!isRecord(json)) return fail(source, "top level", json, "a notebook object");
  if (json.nbformat !== 4) fail(source, "nbformat", json.nbformat, "4");
  if (typeof json.nbformat_minor !== "number") fail(source, "nbformat_minor", json.nbformat_minor, "a number");
  if (!isRecord(json.metadata)) fail(source, "metadata", json.metadata, "an object");
  if (!Array.isArray(json.cells)) return fail(source, "cells", json.cells, "a list of cells");
  json.cells.forEach((cell: unknown, index: number) => {
    const where = `cell ${index}`;
    if (!isRecord(cell)) return fail(source, where, cell, "a cell object");
    checkMultiline(source, `${where}.source`, cell.source);
    if (cell.cell_type === "code") {
      if (!Array.isArray(cell.outputs)) fail(source, `${where}.outputs`, cell.outputs, "a list");
      (cell.outputs as unknown[]).forEach((output, k) => checkOutput(source, `${where}.outputs[${k}]`, output));
      if (cell.execution_count !== null && typeof cell.execution_count !== "number")
        fail(source, `${where}.execution_count`, cell.execution_count, "null or a number");
    } else if (cell.cell_type !== "markdown" && cell.cell_type !== "raw") {
      fail(source, `${where}.cell_type`, cell.cell_type, "code, markdown or raw");
    }
  });
  return json as unknown as Notebook;
}

/** Reads and validates a notebook file. @example const nb = readNotebook("notebooks/00-data.ipynb"); */
export function readNotebook(path: string): Notebook {
  const text = fs.readFileSync(path, "utf8");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path}: not valid JSON (${(error as Error).message}), expected an .ipynb notebook`);
  }
  return parseNotebook(json, path);
}

/** A notebook as Jupyter writes it (1-space indent, sorted keys, final newline). @example serializeNotebook(nb) */
export function serializeNotebook(notebook: Notebook): string {
  return `${JSON.stringify(sortKeys(notebook), null, 1)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isRecord(value)) return value;
  const keys = Object.keys(value).sort();
  return Object.fromEntries(keys.map((key) => [key, sortKeys(value[key])]));
}

/** The code cells with outputs or an execution count, described. @example cellsWithOutputs(nb) // [] */
export function cellsWithOutputs(notebook: Notebook): string[] {
  const dirty: string[] = [];
  notebook.cells.forEach((cell, index) => {
    if (cell.cell_type !== "code") return;
    const parts: string[] = [];
    if (cell.outputs.length > 0) parts.push(`${cell.outputs.length} output(s)`);
    if (cell.execution_count !== null) parts.push(`execution_count ${cell.execution_count}`);
    if (parts.length > 0)
      dirty.push(`cell ${index}: ${parts.join(", ")}, first line ${JSON.stringify(firstLine(cell.source))}`);
  });
  return dirty;
}

/** The notebook without outputs and execution counts. @example stripOutputs(nb) */
export function stripOutputs(notebook: Notebook): Notebook {
  const cells = notebook.cells.map((c) => (c.cell_type === "code" ? { ...c, outputs: [], execution_count: null } : c));
  return { ...notebook, cells };
}

/** A cell's first non-empty line. @example firstLine(["\n", "const x = 1;\n"]) // "const x = 1;" */
export function firstLine(source: MultilineString): string {
  const lines = joinSource(source).split("\n");
  return lines.find((l) => l.trim().length > 0)?.trim() ?? "";
}

/** src/present/plotly.ts's PLOTLY_BUNDLE_ATTRIBUTE, repeated so that the runner does not load the chart module. */
export const PLOTLY_BUNDLE_MARKER = "data-plotly-bundle";
/** src/present/plotly.ts's PLOTLY_BUNDLE_ENV, repeated likewise. @example process.env[PLOTLY_BUNDLE_SWITCH] */
export const PLOTLY_BUNDLE_SWITCH = "PLOTLY_BUNDLE";

const BUNDLE_TAG = new RegExp(`<script ${PLOTLY_BUNDLE_MARKER}>[\\s\\S]*?</script>`, "g");

/** Removes inlined plotly.js bundles from HTML. @example stripPlotlyBundle("<script data-plotly-bundle>…</script>") */
export function stripPlotlyBundle(html: string): string {
  return html.includes(PLOTLY_BUNDLE_MARKER) ? html.replace(BUNDLE_TAG, "") : html;
}
