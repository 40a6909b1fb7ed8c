/**
 * `npm run validate -- <file> [--mapping mapping.json] [--margins margins.csv] [--sheet ARK]
 * [--blank-violations [--out rettet.csv]] [--lang en]`: what an analyst checks before trusting a weighting; with
 * `--blank-violations`, a copy with the cells answered where not asked emptied (never over the input).
 * Danish unless `--lang en`. Exit 0 without errors, 1 on any error, 2 on a usage error.
 */
import { existsSync } from "fs";
import * as path from "path";
import { projectRoot } from "../codebook/project-root";
import { DEFAULT_MARGINS_FILE, resolveDataPath } from "../report/dataset";
import { SYNTHETIC_PANEL_FILE } from "../codebook";
import { validatePanel } from "../data/validate";
import { printable } from "../data/csv";
import { readLang, SPEC_MESSAGES, USAGE_MESSAGES as U, VALIDATE_MESSAGES as M } from "../codebook/messages";

const VALUED = ["--mapping", "--margins", "--sheet", "--out"];

/** Writes `lines` to stderr, one a line; resolves to the usage error's exit code, 2. */
function usageError(...lines: string[]): number {
  process.stderr.write(`${lines.join("\n")}\n`);
  return 2;
}

/** Runs the command; returns the exit code. @example main(["levering.sav", "--mapping", "mapping.json"]) // 0 or 1 */
export function main(argvWithLang: readonly string[]): number {
  const { lang, rest: argv, wrong } = readLang(argvWithLang);
  const USAGE = U.validate[lang];
  if (wrong !== null) return usageError(SPEC_MESSAGES.unknownLang(wrong)[lang], USAGE);
  let file: string | undefined;
  const given = new Map<string, string>();
  let blank = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (VALUED.includes(a)) {
      const value = argv[++i];
      if (value === undefined || value.startsWith("--"))
        return usageError(U.needsValue(a, a === "--sheet")[lang], USAGE);
      given.set(a, value);
    } else if (a === "--blank-violations") blank = true;
    else if (a === "--help" || a === "-h") {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    } else if (a.startsWith("-") || file !== undefined) return usageError(U.unknownArgument(printable(a))[lang], USAGE);
    else file = a;
  }
  if (file === undefined || (given.has("--out") && !blank))
    return usageError(...(file === undefined ? [] : [M.outNeedsBlank[lang]]), USAGE);
  // `npm run` starts in the project root; names are the user's, relative to where they typed them
  const here = process.env.INIT_CWD || process.cwd();
  const at = (name: string): string | undefined => {
    const value = given.get(name);
    return value === undefined ? undefined : path.resolve(here, value);
  };
  const panelFile = path.resolve(here, file);
  const out = at("--out");
  const base = path.basename(panelFile, path.extname(panelFile));
  const blankTo = !blank ? undefined : (out ?? path.join(path.dirname(panelFile), `${base}-rettet.csv`));
  const sheet = given.get("--sheet");
  if (sheet !== undefined && path.extname(panelFile).toLowerCase() !== ".xlsx")
    return usageError(M.sheetOnlyExcel[lang], USAGE);
  if (blankTo !== undefined && [panelFile, at("--mapping"), at("--margins")].includes(blankTo))
    return usageError(U.isInput(path.basename(blankTo))[lang]);
  if (blankTo !== undefined && existsSync(blankTo)) return usageError(U.exists(blankTo, false)[lang]);
  const report = validatePanel({
    panelFile,
    mappingFile: at("--mapping"),
    marginsFile: at("--margins") ?? resolveDataPath(DEFAULT_MARGINS_FILE),
    shippedPanelFile: path.resolve(projectRoot(), SYNTHETIC_PANEL_FILE),
    sheet,
    blankTo,
    lang,
  });
  process.stdout.write(report.lines.join("\n") + "\n");
  return report.errors === 0 ? 0 : 1;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
