/**
 * `npm run map -- <file> [--sheet NAME] [--out mapping.json] [--force] [--lang en]`: drafts a mapping of a delivered panel to
 * the contract (names, question texts, value labels, numbering patterns), with a confidence per line, and lists
 * what it left out and every value label that differs from the contract's. Written beside the data file unless
 * `--out` says otherwise. Danish unless `--lang en`. Exit 0 written, 1 a data error, 2 a usage error.
 */
import { existsSync, writeFileSync } from "fs";
import { basename, dirname, extname, resolve } from "path";
import { DataError } from "../survey";
import type { Lang } from "../codebook";
import { errorText, readLang, MAP_MESSAGES as M, SPEC_MESSAGES, USAGE_MESSAGES as U } from "../codebook/messages";
import { draftMapping, type DraftMapping } from "../data/draft-mapping";
import { readDelivered } from "../data/readers/typed";
import { printable } from "../data/csv";

/** A confidence as the user reads it, e.g. "82 % (høj)". */
function sure(x: number, lang: Lang): string {
  const pct = Math.round(100 * x);
  return `${pct} % (${M.level(pct)[lang]})`;
}

/** Lines grouped by their text, each with the columns it holds for. */
function grouped(entries: readonly { column: string; text: string }[], lang: Lang): string[] {
  const byText = new Map<string, string[]>();
  for (const e of entries) byText.set(e.text, [...(byText.get(e.text) ?? []), e.column]);
  return [...byText].map(([text, columns]) => {
    const shown = columns.length > 4 ? `${columns.slice(0, 4).join(", ")}, ...` : columns.join(", ");
    return `  ${text}  [${columns.length === 1 ? shown : `${M.columns(columns.length)[lang]}: ${shown}`}]`;
  });
}

/** The mapping file as written: the mapping, the sheet read, and the draft's notes (confidence, what is left out). */
function draftFile(draft: DraftMapping, sheet: string | null, lang: Lang): string {
  const confidence = Object.fromEntries(draft.matched.map((m) => [m.contract, Math.round(100 * m.confidence) / 100]));
  const leftOut = [
    ...draft.unmatchedColumns.map((c) => M.columnNotFound(c)[lang]),
    ...draft.unmatchedValues.map((u) => `${u.contract} (${u.delivered}): ${M.valueNoCode(u.value)[lang]}`),
  ];
  const json = { ...(sheet === null ? {} : { sheet }), ...draft.mapping, confidence, leftOut };
  return JSON.stringify(json, null, 2) + "\n";
}

/** The draft's summary as the command prints it. */
function formatDraft(draft: DraftMapping, file: string, out: string, lang: Lang): string {
  const lines: string[] = [M.written(basename(file), out)[lang]];
  const found = draft.matched.length;
  lines.push("", M.found(found, found + draft.unmatchedColumns.length)[lang]);
  const [contract, delivered, how, confidence] = M.tableHead.map((h) => h[lang]);
  lines.push(`  ${contract.padEnd(30)} ${delivered.padEnd(12)} ${how.padEnd(11)} ${confidence}`);
  for (const m of draft.matched)
    lines.push(
      `  ${m.contract.padEnd(30)} ${printable(m.delivered).padEnd(12)} ${M.how[m.how][lang].padEnd(11)} ${sure(m.confidence, lang)}`,
    );
  const codes = Object.entries(draft.mapping.codes).map(([column, table]) => ({
    column,
    text: Object.entries(table)
      .map(([k, v]) => `${printable(k)} -> ${v === null ? M.empty[lang] : v}`)
      .join(", "),
  }));
  if (codes.length > 0) lines.push("", M.codes[lang], ...grouped(codes, lang));
  const valueText = (v: { value: string; label?: string | null }): string =>
    `${printable(v.value)}${v.label ? ` "${printable(v.label)}"` : ""}`;
  if (draft.missingToNull.length > 0) {
    const missing = draft.missingToNull.map((m) => ({ column: m.contract, text: valueText(m) }));
    lines.push("", M.missing[lang], ...grouped(missing, lang));
  }
  const differ = draft.labelDifferences;
  if (differ.length > 0) {
    const text = (d: (typeof differ)[number]): string =>
      `${printable(d.value)} "${printable(d.label, 100)}" -> ${d.code} "${d.contractLabel}"`;
    const plain = differ.filter((d) => d.readsAs === null).map((d) => ({ column: d.contract, text: text(d) }));
    lines.push("", M.labelsDiffer[lang], ...grouped(plain, lang));
    const contradictions = differ.filter((d) => d.readsAs !== null);
    if (contradictions.length > 0) {
      const columns = [...new Set(contradictions.map((d) => d.contract))];
      lines.push(
        "",
        M.contradiction(JSON.stringify(columns))[lang],
        ...contradictions.map(
          (d) => `  ${d.contract} (${printable(d.delivered)}): ${text(d)}${M.looksLike(d.readsAs ?? 0)[lang]}`,
        ),
      );
    }
  }
  const open = draft.unmatchedColumns.length + draft.unmatchedValues.length;
  if (open === 0 && differ.length === 0) lines.push("", M.allFound[lang]);
  if (open > 0) lines.push("", M.notFound[lang]);
  if (draft.unmatchedColumns.length > 0) lines.push(M.contractColumns(draft.unmatchedColumns)[lang]);
  for (const u of draft.unmatchedValues)
    lines.push(`  ${u.contract} (${printable(u.delivered)}): ${M.valueNotCode(valueText(u), u.rows)[lang]}`);
  if (draft.extraVariables.length > 0) {
    const shown = draft.extraVariables.slice(0, 20).map((v) => printable(v));
    const more = draft.extraVariables.length > 20 ? ", ..." : "";
    lines.push(M.unused(draft.extraVariables.length, `${shown.join(", ")}${more}`)[lang]);
  }
  lines.push("", M.next(file, out)[lang]);
  return lines.join("\n") + "\n";
}

/** Writes `lines` to stderr, one a line; resolves to the usage error's exit code, 2. */
function usageError(...lines: string[]): number {
  process.stderr.write(`${lines.join("\n")}\n`);
  return 2;
}

/** Runs the command; returns the exit code. @example main(["levering.sav", "--out", "mapping.json"]) // 0 */
export function main(argvWithLang: readonly string[]): number {
  const { lang, rest: argv, wrong } = readLang(argvWithLang);
  const usage = U.map[lang];
  if (wrong !== null) return usageError(SPEC_MESSAGES.unknownLang(wrong)[lang], usage);
  let file: string | undefined;
  const options = new Map<string, string | undefined>();
  let force = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--out" || a === "--sheet") options.set(a, argv[++i]);
    else if (a === "--force") force = true;
    else if (a === "--help" || a === "-h") {
      process.stdout.write(`${usage}\n`);
      return 0;
    } else if (a.startsWith("-") || file !== undefined) return usageError(U.unknownArgument(printable(a))[lang], usage);
    else file = a;
  }
  if (file === undefined || [...options.values()].some((v) => v === undefined || v === "" || v.startsWith("--")))
    return usageError(usage);
  // `npm run` starts in the project root; names are the user's, relative to where they typed them
  const here = process.env.INIT_CWD || process.cwd();
  const typed = file;
  file = resolve(here, file);
  const out = options.get("--out");
  const sheet = options.get("--sheet") ?? null;
  const target =
    out !== undefined ? resolve(here, out) : resolve(dirname(file), `${basename(file, extname(file))}.mapping.json`);
  if (target === file) return usageError(M.isDataFile(basename(target))[lang]);
  if (existsSync(target) && !force) return usageError(U.exists(target, true)[lang]);
  try {
    const draft = draftMapping(readDelivered(file, sheet));
    writeFileSync(target, draftFile(draft, sheet, lang));
    process.stdout.write(formatDraft(draft, printable(typed), printable(out ?? target), lang));
    return 0;
  } catch (error) {
    if (error instanceof DataError) {
      process.stderr.write(`${errorText(error, lang)}\n`);
      return 1;
    }
    throw error;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
