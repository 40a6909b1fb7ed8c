/** The SPSS and Excel readers (into the same `PanelBuilder`), and the choice of reader by extension. */

import { accessSync, constants } from "fs";
import { basename, extname, resolve } from "path";
import { MessageChannel, Worker, receiveMessageOnPort } from "worker_threads";
import { DataError } from "../../survey";
import { label } from "../../codebook";
import { checkHeader, parseDelimited, printable, readText, unreadable } from "../csv";
import { NO_ROWS, PanelBuilder, type LoadedPanel, type PanelBuilderOptions } from "../panel";
import type { PanelMapping } from "../mapping";
import { checkCodeLabels } from "../code-labels";
import { SAV_EXPECTED, plainVariable, type RawCell, type RawVariable } from "./sav-dictionary";
import type { RawTable, TableJob, TableReply } from "./table-worker";

type PanelFormat = "delimited" | "sav" | "xlsx";

/** The reader for a file by extension, else a DataError. @example panelFormat("levering.SAV") // "sav" */
export function panelFormat(path: string): PanelFormat {
  const ext = extname(path).toLowerCase();
  if (ext === ".csv" || ext === ".txt" || ext === ".tsv") return "delimited";
  if (ext === ".sav" || ext === ".zsav") return "sav";
  if (ext === ".xlsx") return "xlsx";
  const shown = printable(ext || "(ingen endelse)");
  throw new DataError({
    file: basename(path),
    problem: [".xls", ".xlsm", ".ods"].includes(ext)
      ? label(
          `en ${ext}-projektmappe kan ikke læses: gem den som .xlsx eller som "CSV UTF-8"`,
          `a ${ext} workbook cannot be read: save it as .xlsx or as "CSV UTF-8"`,
        )
      : label(`"${shown}" er ikke en panelfiltype`, `"${ext ? shown : "(no extension)"}" is not a panel file type`),
    expected: label(
      'en .csv-, .txt- eller .tsv-fil (adskilt af "," ";" eller tabulator), .sav, .zsav eller .xlsx',
      'a .csv, .txt or .tsv ("," ";" or tab separated), .sav, .zsav or .xlsx file',
    ),
  });
}

/** The compiled worker module (also when this module runs from `src/` under the tests). */
const WORKER_MODULE = resolve(__dirname, "..", "..", "..", "lib", "data", "readers", "table-worker.js");

/**
 * Reads an SPSS or Excel file in a worker thread and waits (`loadDataset()` is synchronous); `savRows`: SPSS rows from
 * the bytes ("fast") or by sav-reader ("reader"). @example readInWorker("sav", "levering.sav").rows
 */
export function readInWorker(
  kind: "sav" | "xlsx",
  file: string,
  timeoutMs = 300_000,
  options: { savRows?: "fast" | "reader"; sheet?: string | null } = {},
): RawTable {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const tableJob: TableJob = {
    kind,
    file,
    savRows: options.savRows ?? "fast",
    sheet: options.sheet ?? null,
    port: port2,
    signal,
  };
  const worker = new Worker(WORKER_MODULE, { workerData: { tableJob }, transferList: [port2] });
  worker.unref();
  try {
    const state = Atomics.wait(signal, 0, 0, timeoutMs);
    const reply = receiveMessageOnPort(port1)?.message as TableReply | undefined;
    if (state === "timed-out" || reply === undefined)
      throw new Error(`reading the file took longer than ${Math.round(timeoutMs / 1000)} s`);
    if (reply.ok) return reply.table;
    if (reply.expected === undefined) throw new Error(reply.message);
    throw new DataError({ file: basename(file), problem: reply.problem ?? reply.message, expected: reply.expected });
  } finally {
    port1.close();
    void worker.terminate();
  }
}

/** An SPSS or Excel file's variables and rows (system-missing numbers null); failures a DataError. */
function readRawTable(path: string, format: "sav" | "xlsx", sheet: string | null = null): RawTable {
  const source = basename(path);
  let table: RawTable;
  try {
    accessSync(path, constants.R_OK);
    table = readInWorker(format, path, undefined, { sheet });
  } catch (e) {
    if (e instanceof DataError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== undefined) throw unreadable(path, code);
    const message = (e as Error).message;
    const why = printable(message, 120);
    const reader = format === "sav" ? "SPSS" : "Excel";
    throw new DataError({
      file: source,
      problem: /ZLIB/i.test(message)
        ? label(
            `den ZLIB-komprimerede SPSS-fil kunne ikke pakkes ud (${why})`,
            `the ZLIB-compressed SPSS file could not be unpacked (${why})`,
          )
        : label(
            `${reader}-læseren kunne ikke læse filen (${why})`,
            `the ${reader} reader could not read the file (${why})`,
          ),
      expected:
        format === "sav"
          ? SAV_EXPECTED
          : label(
              "en .xlsx-projektmappe med panelet på det første synlige ark og navnene i første række",
              "an .xlsx workbook with the panel on its first visible sheet, names in the first row",
            ),
    });
  }
  // Excel keeps formatted but empty columns at the right: drop those without a name or a value
  const { variables, rows } = table;
  while (
    variables.at(-1)?.name === "" &&
    rows.every((r) => r[variables.length - 1] === null || r[variables.length - 1] === "")
  ) {
    variables.pop();
    for (const r of rows) r.length = variables.length;
  }
  for (const row of rows)
    row.forEach((x, k) => {
      if (typeof x === "number" && (!Number.isFinite(x) || x <= -1.7976931348623157e308)) row[k] = null;
    });
  return table;
}

/** An SPSS or Excel panel through a mapping, every cell and label checked: `readTypedPanel(f, "sav", m).panel`. */
export function readTypedPanel(
  path: string,
  format: "sav" | "xlsx",
  mapping: PanelMapping,
  options: Pick<PanelBuilderOptions, "onError"> & { sheet?: string | null } = {},
): { panel: LoadedPanel; table: RawTable } {
  const source = basename(path);
  const table = readRawTable(path, format, options.sheet ?? mapping.sheet);
  const header = table.variables.map((v) => v.name);
  checkHeader(header, source);
  checkCodeLabels(table.variables, mapping, source);
  if (table.rows.length === 0) throw new DataError({ file: source, ...NO_ROWS });
  const builder = new PanelBuilder(source, header, mapping, { ...options, capacity: table.rows.length });
  const blank = (cell: RawCell): RawCell => (typeof cell === "string" && cell.trim() === "" ? null : cell);
  table.rows.forEach((row, r) =>
    builder.row(
      header.map((_, c) => blank(row[c] ?? null)),
      r + 1,
    ),
  );
  return { panel: builder.finish(), table };
}

/** A delivered file as a table, for `map` and `validate`: its variables (with SPSS labels) and rows of cells. */
export interface DeliveredTable {
  format: PanelFormat;
  detail: string; // `","`, `";"` or tab for delimited files; the compression (SPSS) or sheet (Excel) otherwise.
  variables: RawVariable[];
  rows: RawCell[][];
}

/** Any delivered file as a table of cells, unmapped (Excel: `sheet`, else the first visible): `readDelivered(f)`. */
export function readDelivered(path: string, sheet: string | null = null): DeliveredTable {
  const format = panelFormat(path);
  if (format !== "delimited") {
    const t = readRawTable(path, format, sheet);
    return { format, detail: t.detail, variables: t.variables, rows: t.rows };
  }
  const t = parseDelimited(readText(path), basename(path));
  return {
    format,
    detail: t.delimiter === "\t" ? "tab" : `"${t.delimiter}"`,
    variables: t.header.map((name) => plainVariable(name, "string")),
    rows: t.rows.map((r) => r.map((c) => (c.trim() === "" ? null : c))),
  };
}
