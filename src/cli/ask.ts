#!/usr/bin/env node
/**
 * `npx ask <question> [--by VAR[,VAR]] [--base NAME] [--filter VAR=CODES] [--answers CODES[=LABEL]] [--stat …]
 *   [--format table|csv|csv-da|xlsx|json] [--out FILE] [--lang da|en]`: exit 0; 2 a mistake in the question; else 1.
 */
import * as fs from "fs";
import { askResult } from "../ask/compute";
import { loadDataset } from "../report/dataset";
import { csvDanishText, csvText, jsonText, xlsxBuffer, type ExcelModule } from "../ask/export";
import { HELP, listText } from "../ask/help";
import { parseAskArgs, type AskCommand } from "../ask/parse";
import { SpecError } from "../ask/spec";
import { textTable } from "../ask/text";

/**
 * Runs the command with its arguments; resolves with the exit code.
 * @example await main(["tilbud", "--by", "stoerrelse"]) // 0, the table on stdout
 */
export async function main(
  argv: readonly string[],
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  let command: AskCommand;
  try {
    command = parseAskArgs(argv);
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    err.write(`${error.message}\n(npx ask --help)\n`);
    return 2;
  }
  if (command.help) {
    out.write(HELP);
    return 0;
  }
  if (command.list || command.spec === null) {
    out.write(listText(command.spec?.lang ?? "da"));
    return 0;
  }
  try {
    const result = askResult(loadDataset(), command.spec);
    const notice = result.meta.notice;
    if (command.format === "xlsx") {
      const excel = require("exceljs") as ExcelModule;
      fs.writeFileSync(command.out as string, await xlsxBuffer(excel, result));
    } else {
      const text = { table: textTable, csv: csvText, "csv-da": csvDanishText, json: jsonText }[command.format];
      if (!(await write(out, command.out, text(result))) || command.format === "table") return 0;
    }
    if (command.out !== null) err.write(`${command.out}\n`);
    if (notice) err.write(`${notice}\n`);
    return 0;
  } catch (error) {
    if (error instanceof SpecError) {
      err.write(`${error.message}\n`);
      return 2;
    }
    err.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

/** Writes the answer to the file or to `out`, waiting until written; false when the reader has gone (`| head`). */
function write(out: NodeJS.WritableStream, file: string | null, text: string): Promise<boolean> {
  if (file !== null) {
    fs.writeFileSync(file, text);
    return Promise.resolve(true);
  }
  return new Promise((resolve, reject) => {
    const closed = (error: NodeJS.ErrnoException | null | undefined): boolean => error?.code === "EPIPE";
    out.on("error", (error: NodeJS.ErrnoException) => closed(error) || reject(error));
    out.write(text, (error) => (error ? (closed(error) ? resolve(false) : reject(error)) : resolve(true)));
  });
}

if (require.main === module) main(process.argv.slice(2)).then((code) => (process.exitCode = code));
