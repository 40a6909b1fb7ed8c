/**
 * `npm run validate -- <file> [--mapping mapping.json] [--margins margins.csv]`: what an analyst checks before
 * trusting a weighting. Exit 0 without errors, 1 on any error, 2 on a usage error.
 */
import * as path from "path";
import { projectRoot } from "../codebook/project-root";
import { DEFAULT_MARGINS_FILE, resolveDataPath } from "../report/dataset";
import { SYNTHETIC_PANEL_FILE } from "../codebook";
import { validatePanel } from "../data/validate";
import { printable } from "../data/csv";

const USAGE =
  "usage: npm run validate -- <panel file (.sav, .xlsx, .csv, .txt)> [--mapping mapping.json] [--margins margins.csv]";

/** Runs the command; returns the exit code. @example main(["levering.sav", "--mapping", "mapping.json"]) // 0 or 1 */
export function main(argv: readonly string[]): number {
  let file: string | undefined;
  let mapping: string | undefined;
  let margins: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--mapping" || a === "--margins") {
      const value = argv[++i];
      if (value === undefined || value.startsWith("--")) {
        process.stderr.write(`${a} needs a file\n${USAGE}\n`);
        return 2;
      }
      if (a === "--mapping") mapping = value;
      else margins = value;
    } else if (a === "--help" || a === "-h") {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    } else if (a.startsWith("-") || file !== undefined) {
      process.stderr.write(`unknown argument "${printable(a)}"\n${USAGE}\n`);
      return 2;
    } else file = a;
  }
  if (file === undefined) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  // `npm run` starts in the project root; names are the user's, relative to where they typed them
  const here = process.env.INIT_CWD !== undefined && process.env.INIT_CWD !== "" ? process.env.INIT_CWD : process.cwd();
  const report = validatePanel({
    panelFile: path.resolve(here, file),
    mappingFile: mapping === undefined ? undefined : path.resolve(here, mapping),
    marginsFile: margins === undefined ? resolveDataPath(DEFAULT_MARGINS_FILE) : path.resolve(here, margins),
    shippedPanelFile: path.resolve(projectRoot(), SYNTHETIC_PANEL_FILE),
  });
  process.stdout.write(report.lines.join("\n") + "\n");
  return report.errors === 0 ? 0 : 1;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
