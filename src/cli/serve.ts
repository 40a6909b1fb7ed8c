#!/usr/bin/env node
/**
 * `npm run serve [-- --port N] [--min-n N] [--min-effective-n N] [--report DIR]`: starts *Spørg data*'s local
 * server (src/ask/server.ts) on 127.0.0.1 with the panel of `PANEL_FILE` / `PANEL_MAPPING` (default the synthetic
 * one), the page without respondent data written to a temporary folder, and the report folder's files.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";
import { projectRoot } from "../codebook/project-root";
import type { AskSource } from "../ask/compute";
import { ASK_PAGE_FILE, DEFAULT_PORT, writeAskPage } from "../ask/page";
import { askServer } from "../ask/server";
import { DEFAULT_MIN_EFFECTIVE_N, DEFAULT_MIN_N, SpecError } from "../ask/spec";
import { SPEC_MESSAGES } from "../codebook/messages";
import { loadDataset } from "../report/dataset";
import type { Margins } from "../survey";

/** A non-negative number from an option's text, or a Danish error naming the option. */
function numberOption(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text.replace(",", "."));
  if (text.trim() === "" || !Number.isFinite(value) || value < 0)
    throw new SpecError("bad-number", SPEC_MESSAGES.optionNotNumber(name, text));
  return value;
}

const HELP = `npm run serve [-- --port ${DEFAULT_PORT}] [--min-n ${DEFAULT_MIN_N}] [--min-effective-n ${DEFAULT_MIN_EFFECTIVE_N}] [--report report]
Starter Spørg data som lokal server på 127.0.0.1: panelet (PANEL_FILE, PANEL_MAPPING) bliver på maskinen, siden
henter svarene herfra under diskretionskontrol. Grænserne (--min-n, --min-effective-n) kan hæves, ikke sænkes.
`;

/**
 * Starts the server; resolves with the exit code once it stops (Ctrl-C), or at once for a mistake.
 * @example await main(["--port", "8377"])
 */
export async function main(argv: readonly string[]): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    const options = { type: "string" } as const;
    const names = { port: options, "min-n": options, "min-effective-n": options, report: options };
    values = parseArgs({ args: [...argv], options: { ...names, help: { type: "boolean" } } }).values;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    const why = code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" ? "ukendt tilvalg" : "ufuldstændigt tilvalg";
    process.stderr.write(`${why}: ${argv.join(" ")}\n${HELP}`);
    return 2;
  }
  if (values.help === true) {
    process.stdout.write(HELP);
    return 0;
  }
  const text = (name: string): string | undefined => values[name] as string | undefined;
  const pageDir = fs.mkdtempSync(path.join(os.tmpdir(), "spoerg-server-"));
  try {
    const port = numberOption("port", text("port"), DEFAULT_PORT);
    const rules = {
      minN: numberOption("min-n", text("min-n"), DEFAULT_MIN_N),
      minEffectiveN: numberOption("min-effective-n", text("min-effective-n"), DEFAULT_MIN_EFFECTIVE_N),
    };
    const reportDir = path.resolve(text("report") ?? path.join(projectRoot(), "report"));
    const dataset: AskSource & { margins: Margins } = loadDataset();
    writeAskPage(pageDir, dataset, { microdata: false });
    const app = askServer(dataset, { rules, roots: fs.existsSync(reportDir) ? [pageDir, reportDir] : [pageDir] });
    const address = await app.listen({ host: "127.0.0.1", port });
    process.stdout.write(
      `Spørg data: ${address}/${ASK_PAGE_FILE} (${dataset.isSynthetic ? "syntetisk panel" : "panelet bliver på maskinen"}; ` +
        `celler under n = ${rules.minN} eller effektivt n = ${rules.minEffectiveN} undertrykkes). Stop med Ctrl-C.\n`,
    );
    await new Promise<void>((resolve) => process.once("SIGINT", resolve).once("SIGTERM", resolve));
    await app.close();
    return 0;
  } catch (error) {
    const busy = (error as NodeJS.ErrnoException).code === "EADDRINUSE";
    const why = busy ? "Porten er optaget; vælg en anden med --port." : (error as Error).message;
    process.stderr.write(`${why ?? String(error)}\n`);
    return error instanceof SpecError ? 2 : 1;
  } finally {
    fs.rmSync(pageDir, { recursive: true, force: true });
  }
}

if (require.main === module) main(process.argv.slice(2)).then((code) => (process.exitCode = code));
