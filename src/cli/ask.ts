/**
 * `npm run ask -- <question> [--by VAR|GROUPING] [--base NAME] [--format table|csv|json] [--lang da|en]
 *   [--min-n N] [--min-effective-n N]`
 *
 * Answers a follow-up question from the panel (PANEL_FILE / MARGINS_FILE, default: the synthetic
 * panel): weighted shares per option, overall or by a variable or a named grouping of its codes
 * (`stoerrelse_2grp`, `oekonomi_2grp`; see CODE_GROUPINGS in src/codebook.ts), with 95 % confidence intervals and,
 * with --by, a Rao–Scott test of independence per question (per item for multi-response questions).
 *
 * Formats: `table` (aligned, labels in the chosen language, default), `csv` (header row, dot
 * decimals, empty cell = suppressed), `json` (an array with one object per row; `estimate` is a
 * percentage; `test_f`/`test_p` carry the row's test). Unknown names exit with code 2 and list the
 * valid names. The dataset notice (synthetic data) goes to the table's footer, or to stderr.
 */
import { loadDataset } from "../report/dataset";
import type { Lang } from "../report/codebook";
import { decimal, integer, pText, range } from "../present/format";
import {
  BaseMismatchError,
  QUERY_COLUMNS,
  type QueryResult,
  type QueryRow,
  UnknownNameError,
  checkQueryNames,
  queryRows,
} from "../report/query";

/** The parsed command line. */
export interface AskArguments {
  question: string;
  by?: string;
  base?: string;
  format: "table" | "csv" | "json";
  lang: Lang;
  minN?: number;
  minEffectiveN?: number;
}

/** A command-line mistake (exit code 2, with the usage text). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** The one-line usage text printed with every command-line mistake. */
export const USAGE =
  "Usage: npm run ask -- <question> [--by VAR|GROUPING] [--base NAME] [--format table|csv|json] [--lang da|en] [--min-n N] [--min-effective-n N]";

/**
 * Parses the arguments after `ask.js`.
 *
 * @example
 * parseAskArguments(["tilbud", "--by", "stoerrelse", "--format", "json"])
 * // { question: "tilbud", by: "stoerrelse", format: "json", lang: "da" }
 */
export function parseAskArguments(argv: readonly string[]): AskArguments {
  const positional: string[] = [];
  const out: AskArguments = { question: "", format: "table", lang: "da" };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      if (eq >= 0) return arg.slice(eq + 1);
      const next = argv[i + 1];
      if (next === undefined || next.startsWith("--")) throw new UsageError(`Option ${flag} needs a value.`);
      i++;
      return next;
    };
    switch (flag) {
      case "--by":
        out.by = value();
        break;
      case "--base":
        out.base = value();
        break;
      case "--format": {
        const f = value();
        if (f !== "table" && f !== "csv" && f !== "json") throw new UsageError(`Unknown format "${f}". Valid formats: table, csv, json`);
        out.format = f;
        break;
      }
      case "--lang": {
        const l = value();
        if (l !== "da" && l !== "en") throw new UsageError(`Unknown language "${l}". Valid languages: da, en`);
        out.lang = l;
        break;
      }
      case "--min-n":
        out.minN = nonNegativeNumber(flag, value());
        break;
      case "--min-effective-n":
        out.minEffectiveN = nonNegativeNumber(flag, value());
        break;
      case "--help":
        throw new UsageError("");
      default:
        throw new UsageError(`Unknown option "${flag}". Valid options: --by, --base, --format, --lang, --min-n, --min-effective-n`);
    }
  }
  if (positional.length !== 1) {
    throw new UsageError(positional.length === 0 ? "Missing <question>." : `Expected one question, got ${positional.length}: ${positional.join(" ")}`);
  }
  out.question = positional[0];
  return out;
}

function nonNegativeNumber(flag: string, text: string): number {
  const x = Number(text);
  if (text.trim() === "" || !Number.isFinite(x) || x < 0) throw new UsageError(`Option ${flag}: "${text}" is not a non-negative number.`);
  return x;
}

const HEADINGS: Record<Lang, Record<string, string>> = {
  da: {
    group: "Gruppe",
    option: "Svarmulighed",
    estimate: "Andel (%)",
    ci: "95%-KI",
    se: "SE",
    n: "n",
    weighted_base: "Vægtet base",
    question: "Spørgsmål",
    base: "Base",
    by: "Opdelt efter",
    test: "Rao–Scott-test af uafhængighed",
    suppressed: "– = undertrykt: færre end {minN} svar eller effektivt antal svar under {minEff}",
  },
  en: {
    group: "Group",
    option: "Option",
    estimate: "Share (%)",
    ci: "95% CI",
    se: "SE",
    n: "n",
    weighted_base: "Weighted base",
    question: "Question",
    base: "Base",
    by: "By",
    test: "Rao–Scott test of independence",
    suppressed: "– = suppressed: fewer than {minN} responses or effective number of responses below {minEff}",
  },
};


/**
 * An aligned text table: a header block, the rows (text left-aligned, numbers right-aligned; every
 * line of the table equally wide), the Rao–Scott tests and the suppression note.
 */
export function formatTable(result: QueryResult, lang: Lang): string {
  const h = HEADINGS[lang];
  const byGroup = result.by !== null;
  const confidence = Math.round(result.level * 100);
  const ciHeading = lang === "da" ? `${confidence}%-KI` : `${confidence}% CI`;
  const header = [...(byGroup ? [h.group] : []), h.option, h.estimate, ciHeading, h.se, h.n, h.weighted_base];
  const rightAligned = [...(byGroup ? [false] : []), false, true, true, true, true, true];
  const body = result.rows.map((r) => [
    ...(byGroup ? [r.group] : []),
    r.option,
    r.estimate === null ? "–" : decimal(r.estimate, 1, lang),
    r.ci_low === null || r.ci_high === null ? "–" : range(r.ci_low, r.ci_high, 1, lang),
    r.se === null ? "–" : decimal(r.se, 1, lang),
    integer(r.n, lang),
    integer(r.weighted_base, lang),
  ]);
  const widths = header.map((cell, c) => Math.max(cell.length, ...body.map((row) => row[c].length)));
  const line = (cells: string[]): string =>
    cells.map((cell, c) => (rightAligned[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join("  ");
  const out: string[] = [];
  out.push(`${h.question}: ${result.question} – ${result.questionLabel}`);
  out.push(`${h.base}: ${result.base ?? ""}${result.base ? " – " : ""}${result.baseLabel} (n = ${integer(result.baseN, lang)})`);
  if (result.by !== null) out.push(`${h.by}: ${result.by} – ${result.byLabel ?? ""}`);
  out.push("");
  out.push(line(header));
  out.push(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of body) out.push(line(row));
  if (result.tests.length > 0) {
    out.push("");
    out.push(`${h.test} (${result.question} × ${result.by}):`);
    for (const t of result.tests) {
      const what = t.item === null ? t.column : `${t.item} ${t.label}`;
      out.push(
        `  ${what}: F = ${decimal(t.f, 2, lang)}, df = (${decimal(t.df1, 2, lang)}; ${decimal(t.df2, 1, lang)}), ${pText(t.p, 4, lang)}`,
      );
    }
  }
  if (result.rows.some((r) => r.suppressed)) {
    out.push("");
    out.push(h.suppressed.replace("{minN}", String(result.minN)).replace("{minEff}", String(result.minEffectiveN)));
  }
  return out.join("\n") + "\n";
}

function csvField(value: QueryRow[keyof QueryRow]): string {
  if (value === null) return "";
  const s = String(value);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV with a header row: the query columns, dot decimals, empty cells where suppressed or without a test. */
export function formatCsv(result: QueryResult): string {
  const lines = [QUERY_COLUMNS.join(",")];
  for (const row of result.rows) lines.push(QUERY_COLUMNS.map((c) => csvField(row[c])).join(","));
  return lines.join("\n") + "\n";
}

/** A JSON array with one object per row (the query columns; `estimate` in percent; null where suppressed). */
export function formatJson(result: QueryResult): string {
  const rows = result.rows.map((row) => Object.fromEntries(QUERY_COLUMNS.map((c) => [c, row[c]])));
  return JSON.stringify(rows, null, 2) + "\n";
}

/** Runs the command; returns the exit code. */
export function main(argv: readonly string[]): number {
  let args: AskArguments;
  try {
    args = parseAskArguments(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      if (error.message) process.stderr.write(`${error.message}\n`);
      process.stderr.write(`${USAGE}\n`);
      return 2;
    }
    throw error;
  }
  try {
    checkQueryNames(args.question, { by: args.by, base: args.base });
    const dataset = loadDataset();
    const result = queryRows(dataset, args.question, {
      by: args.by,
      base: args.base,
      lang: args.lang,
      ...(args.minN !== undefined ? { minN: args.minN } : {}),
      ...(args.minEffectiveN !== undefined ? { minEffectiveN: args.minEffectiveN } : {}),
    });
    const notice = dataset.notice(args.lang);
    if (args.format === "table") {
      process.stdout.write(formatTable(result, args.lang) + (notice ? `\n${notice}\n` : ""));
    } else {
      process.stdout.write(args.format === "csv" ? formatCsv(result) : formatJson(result));
      if (notice) process.stderr.write(`${notice}\n`);
    }
    return 0;
  } catch (error) {
    if (error instanceof UnknownNameError || error instanceof BaseMismatchError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
