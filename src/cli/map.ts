/**
 * `npm run map -- <file> [--out mapping.json] [--force]`: drafts a mapping of a delivered panel to the contract by
 * names, labels and value labels; lists what it could not match. Exit 0 written, 1 a data error, 2 a usage error.
 */
import { existsSync, writeFileSync } from "fs";
import { basename, extname, resolve } from "path";
import { DataError } from "../survey";
import { draftMapping, type DraftMapping } from "../data/draft-mapping";
import { readDelivered } from "../data/readers/typed";
import { printable } from "../data/csv";

const USAGE = "usage: npm run map -- <panel file (.sav, .xlsx, .csv, .txt)> [--out mapping.json] [--force]";

/** The draft's summary as the command prints it. @example formatDraft(draft, "Q.sav", "Q.mapping.json") */
export function formatDraft(draft: DraftMapping, file: string, out: string): string {
  const lines: string[] = [];
  lines.push(`Draft mapping for ${basename(file)} written to ${out}.`);
  lines.push("", `Matched ${draft.matched.length} contract columns:`);
  for (const m of draft.matched.filter((x) => x.how !== "name"))
    lines.push(`  ${m.contract.padEnd(20)} <- ${printable(m.delivered)} (by ${m.how})`);
  const byName = draft.matched.filter((x) => x.how === "name").length;
  if (byName > 0) lines.push(`  ${byName} by their own name`);
  const codes = Object.entries(draft.mapping.codes);
  if (codes.length > 0) {
    lines.push("", "Codes mapped:");
    for (const [name, table] of codes)
      lines.push(
        `  ${name.padEnd(20)} ${Object.entries(table)
          .map(([k, v]) => `${printable(k)} -> ${v === null ? "null" : v}`)
          .join(", ")}`,
      );
  }
  if (draft.missingToNull.length > 0) {
    lines.push("", "Declared user-missing values mapped to null (not asked / no answer) — check each:");
    for (const m of draft.missingToNull)
      lines.push(
        `  ${m.contract} (${printable(m.delivered)}): ${printable(m.value)}${m.label ? ` "${printable(m.label)}"` : ""}`,
      );
  }
  const open = draft.unmatchedColumns.length + draft.unmatchedValues.length;
  lines.push("", open === 0 ? "Everything matched." : "Could not match (fill these in by hand):");
  if (draft.unmatchedColumns.length > 0)
    lines.push(`  contract columns not found (${draft.unmatchedColumns.length}): ${draft.unmatchedColumns.join(", ")}`);
  for (const u of draft.unmatchedValues)
    lines.push(
      `  ${u.contract} (${printable(u.delivered)}): value ${printable(u.value)}${u.label ? ` "${printable(u.label)}"` : ""} in ${u.rows} row${u.rows === 1 ? "" : "s"} is no contract code`,
    );
  if (draft.extraVariables.length > 0) {
    const shown = draft.extraVariables.slice(0, 20).map((v) => printable(v));
    lines.push(
      `  delivered variables not used (${draft.extraVariables.length}): ${shown.join(", ")}${draft.extraVariables.length > 20 ? ", ..." : ""}`,
    );
  }
  lines.push("", `Next: npm run validate -- ${file} --mapping ${out}`);
  return lines.join("\n") + "\n";
}

/** Runs the command; returns the exit code. @example main(["levering.sav", "--out", "mapping.json"]) // 0 */
export function main(argv: readonly string[]): number {
  let file: string | undefined;
  let out: string | undefined;
  let force = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--out") out = argv[++i];
    else if (a === "--force") force = true;
    else if (a === "--help" || a === "-h") {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    } else if (a.startsWith("-") || file !== undefined) {
      process.stderr.write(`unknown argument "${printable(a)}"\n${USAGE}\n`);
      return 2;
    } else file = a;
  }
  if (file === undefined || out === "" || (argv.includes("--out") && out === undefined)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  // `npm run` starts in the project root; names are the user's, relative to where they typed them
  const here = process.env.INIT_CWD !== undefined && process.env.INIT_CWD !== "" ? process.env.INIT_CWD : process.cwd();
  const typed = file;
  file = resolve(here, file);
  const target = resolve(here, out ?? `${basename(file, extname(file))}.mapping.json`);
  if (existsSync(target) && !force) {
    process.stderr.write(
      `${basename(target)} exists already: choose another with --out, or overwrite it with --force\n`,
    );
    return 2;
  }
  try {
    const draft = draftMapping(readDelivered(file));
    writeFileSync(target, JSON.stringify(draft.mapping, null, 2) + "\n");
    process.stdout.write(formatDraft(draft, printable(typed), printable(out ?? basename(target))));
    return 0;
  } catch (error) {
    if (error instanceof DataError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
