#!/usr/bin/env node
/**
 * `npx ask <question> [--by VAR[,VAR]] [--base NAME] [--filter VAR=CODES] [--answers CODES[=LABEL]] [--stat …]
 *   [--format table|csv|csv-da|xlsx|json] [--out FILE] [--lang da|en]`: exit 0; 2 a mistake in the question; else 1.
 */
import * as fs from "fs";
import * as path from "path";
import type { Lang } from "../codebook";
import { CONTROL_NOTES, SPEC_MESSAGES, errorText, readLang } from "../codebook/messages";
import { commandResult } from "../ask/disclosure";
import { loadDataset } from "../report/dataset";
import { TEXT_FORMATS, xlsxBuffer, type ExcelModule } from "../ask/export";
import { helpText, listText } from "../ask/names";
import { parseAskArgs, type AskCommand } from "../ask/parse";
import { SpecError } from "../ask/spec";

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
  // The language of messages: --lang's, read before the rest (a mistake elsewhere is told in it).
  const messages = readLang(argv).lang;
  try {
    command = parseAskArgs(argv);
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    err.write(`${error.text(messages)}\n(npx ask --help)\n`);
    return 2;
  }
  if (command.help) {
    out.write(helpText(messages));
    return 0;
  }
  if (command.list || command.spec === null) {
    out.write(listText(command.spec?.lang ?? "da"));
    return 0;
  }
  try {
    const dataset = loadDataset();
    const lang = command.spec.lang;
    if (command.out !== null) checkOutput(command.out, [dataset.panelPath, dataset.marginsPath], lang);
    const result = commandResult(dataset, command.spec, command.disclosureControl);
    const uncontrolled = dataset.isSynthetic || command.disclosureControl ? "" : CONTROL_NOTES.off[lang];
    const notice = [result.meta.notice, uncontrolled].filter((line) => line !== "").join("\n");
    if (command.format === "xlsx") {
      const excel = require("exceljs") as ExcelModule;
      writeFileSafely(command.out as string, await xlsxBuffer(excel, result), lang);
    } else {
      const text = TEXT_FORMATS[command.format];
      if (!(await write(out, command.out, text(result), lang)) || command.format === "table") return 0;
    }
    if (command.out !== null) err.write(`${command.out}\n`);
    if (notice) err.write(`${notice}\n`);
    return 0;
  } catch (error) {
    if (error instanceof SpecError) {
      err.write(`${error.text(messages)}\n`);
      return 2;
    }
    err.write(`${errorText(error, messages)}\n`);
    return 1;
  }
}

/** Writes the answer to the file or to `out`, waiting until written; false when the reader has gone (`| head`). */
function write(out: NodeJS.WritableStream, file: string | null, text: string, lang: Lang): Promise<boolean> {
  if (file !== null) {
    writeFileSafely(file, text, lang);
    return Promise.resolve(true);
  }
  return new Promise((resolve, reject) => {
    const closed = (error: NodeJS.ErrnoException | null | undefined): boolean => error?.code === "EPIPE";
    out.on("error", (error: NodeJS.ErrnoException) => closed(error) || reject(error));
    out.write(text, (error) => (error ? (closed(error) ? resolve(false) : reject(error)) : resolve(true)));
  });
}

/** `--out` may not name a file the answer is read from (the panel, the margins). */
function checkOutput(file: string, inputs: readonly string[], lang: Lang): void {
  const real = (f: string): string => (fs.existsSync(f) ? fs.realpathSync(f) : path.resolve(f));
  if (inputs.some((input) => real(input) === real(file))) throw new Error(SPEC_MESSAGES.outIsInput(file)[lang]);
}

/** Writes to a temporary file beside `file` and renames it into place: a failed write leaves the old file as it was. */
function writeFileSafely(file: string, data: string | Uint8Array, lang: Lang): void {
  const temporary = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.tmp`);
  const special = fs.existsSync(file) && !fs.statSync(file).isFile(); // /dev/stdout, a pipe: written as it is
  try {
    if (special) fs.writeFileSync(file, data);
    else {
      fs.writeFileSync(temporary, data, { flag: "wx" });
      fs.renameSync(temporary, file);
    }
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(SPEC_MESSAGES.cannotWrite(file, why)[lang]);
  }
}

if (require.main === module) main(process.argv.slice(2)).then((code) => (process.exitCode = code));
