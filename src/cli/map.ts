/**
 * `npm run map -- <file> [--sheet NAME] [--out mapping.json] [--force]`: drafts a mapping of a delivered panel to
 * the contract (names, question texts, value labels, numbering patterns), with a confidence per line, and lists
 * what it left out and every value label that differs from the contract's. Written beside the data file unless
 * `--out` says otherwise. Exit 0 written, 1 a data error, 2 a usage error.
 */
import { existsSync, writeFileSync } from "fs";
import { basename, dirname, extname, resolve } from "path";
import { DataError } from "../survey";
import { draftMapping, type DraftMapping } from "../data/draft-mapping";
import { readDelivered } from "../data/readers/typed";
import { printable } from "../data/csv";

const USAGE = "brug: npm run map -- <panelfil (.sav, .xlsx, .csv, .txt)> [--sheet ARK] [--out mapning.json] [--force]";
const HOW = { name: "navn", label: "etiket", pattern: "mønster" } as const;

/** A confidence as the user reads it. @example sure(0.82) // "82 % (høj)" */
function sure(x: number): string {
  const pct = Math.round(100 * x);
  return `${pct} % (${pct >= 75 ? "høj" : pct >= 50 ? "middel" : "lav"})`;
}

/** Lines grouped by their text, each with the columns it holds for. */
function grouped(entries: readonly { column: string; text: string }[]): string[] {
  const byText = new Map<string, string[]>();
  for (const e of entries) byText.set(e.text, [...(byText.get(e.text) ?? []), e.column]);
  return [...byText].map(([text, columns]) => {
    const shown = columns.length > 4 ? `${columns.slice(0, 4).join(", ")}, ...` : columns.join(", ");
    return `  ${text}  [${columns.length === 1 ? shown : `${columns.length} kolonner: ${shown}`}]`;
  });
}

/** The mapping file as written: the mapping, the sheet read, and the draft's notes (confidence, what is left out). */
export function draftFile(draft: DraftMapping, sheet: string | null): string {
  const confidence = Object.fromEntries(draft.matched.map((m) => [m.contract, Math.round(100 * m.confidence) / 100]));
  const leftOut = [
    ...draft.unmatchedColumns.map((c) => `kolonne ${c}: ikke fundet`),
    ...draft.unmatchedValues.map((u) => `${u.contract} (${u.delivered}): værdien ${u.value} er ingen kode`),
  ];
  const json = { ...(sheet === null ? {} : { sheet }), ...draft.mapping, confidence, leftOut };
  return JSON.stringify(json, null, 2) + "\n";
}

/** The draft's summary as the command prints it. @example formatDraft(draft, "Q.sav", "Q.mapping.json") */
export function formatDraft(draft: DraftMapping, file: string, out: string): string {
  const lines: string[] = [`Udkast til mapning for ${basename(file)} skrevet til ${out}.`];
  const found = draft.matched.length;
  lines.push("", `Fundet ${found} af ${found + draft.unmatchedColumns.length} kontraktkolonner:`);
  lines.push(`  ${"kontraktkolonne".padEnd(30)} ${"leveret".padEnd(12)} ${"fundet ved".padEnd(11)} sikkerhed`);
  for (const m of draft.matched)
    lines.push(
      `  ${m.contract.padEnd(30)} ${printable(m.delivered).padEnd(12)} ${HOW[m.how].padEnd(11)} ${sure(m.confidence)}`,
    );
  const codes = Object.entries(draft.mapping.codes).map(([column, table]) => ({
    column,
    text: Object.entries(table)
      .map(([k, v]) => `${printable(k)} -> ${v === null ? "tom" : v}`)
      .join(", "),
  }));
  if (codes.length > 0) lines.push("", "Koder oversat (leveret -> kontrakt):", ...grouped(codes));
  if (draft.missingToNull.length > 0) {
    lines.push("", "Erklærede manglende værdier (user-missing) sat til tom, ikke stillet / intet svar — tjek hver:");
    const missing = draft.missingToNull.map((m) => ({
      column: m.contract,
      text: `${printable(m.value)}${m.label ? ` "${printable(m.label)}"` : ""}`,
    }));
    lines.push(...grouped(missing));
  }
  const differ = draft.labelDifferences;
  if (differ.length > 0) {
    lines.push("", "Etiketter, der afviger fra kontraktens (leveret -> kontraktkode) — tjek at de betyder det samme:");
    const text = (d: (typeof differ)[number]): string =>
      `${printable(d.value)} "${printable(d.label, 100)}" -> ${d.code} "${d.contractLabel}"`;
    lines.push(
      ...grouped(differ.filter((d) => d.readsAs === null).map((d) => ({ column: d.contract, text: text(d) }))),
    );
    const contradictions = differ.filter((d) => d.readsAs !== null);
    if (contradictions.length > 0) {
      const columns = [...new Set(contradictions.map((d) => d.contract))];
      lines.push(
        "",
        "MODSTRID: etiketten svarer til en anden kontraktkode (vendt eller omdøbt skala). Ret koderne under",
        `"codes", eller bekræft at de er rigtige med "confirmed": ${JSON.stringify(columns)} i mapningen:`,
        ...contradictions.map(
          (d) => `  ${d.contract} (${printable(d.delivered)}): ${text(d)}, men ligner kode ${d.readsAs}`,
        ),
      );
    }
  }
  const open = draft.unmatchedColumns.length + draft.unmatchedValues.length;
  if (open === 0 && differ.length === 0) lines.push("", "Alt fundet, og alle etiketter svarer til kontraktens.");
  if (open > 0) lines.push("", "Ikke fundet (udfyld dem i hånden):");
  if (draft.unmatchedColumns.length > 0)
    lines.push(`  kontraktkolonner (${draft.unmatchedColumns.length}): ${draft.unmatchedColumns.join(", ")}`);
  for (const u of draft.unmatchedValues)
    lines.push(
      `  ${u.contract} (${printable(u.delivered)}): værdien ${printable(u.value)}${u.label ? ` "${printable(u.label)}"` : ""} i ${u.rows} ${u.rows === 1 ? "række" : "rækker"} er ingen kontraktkode`,
    );
  if (draft.extraVariables.length > 0) {
    const shown = draft.extraVariables.slice(0, 20).map((v) => printable(v));
    const more = draft.extraVariables.length > 20 ? ", ..." : "";
    lines.push(`  leverede variable, der ikke bruges (${draft.extraVariables.length}): ${shown.join(", ")}${more}`);
  }
  lines.push("", `Næste skridt: npm run validate -- ${file} --mapping ${out}`);
  return lines.join("\n") + "\n";
}

/** Runs the command; returns the exit code. @example main(["levering.sav", "--out", "mapping.json"]) // 0 */
export function main(argv: readonly string[]): number {
  let file: string | undefined;
  const options = new Map<string, string | undefined>();
  let force = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--out" || a === "--sheet") options.set(a, argv[++i]);
    else if (a === "--force") force = true;
    else if (a === "--help" || a === "-h") {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    } else if (a.startsWith("-") || file !== undefined) {
      process.stderr.write(`ukendt argument "${printable(a)}"\n${USAGE}\n`);
      return 2;
    } else file = a;
  }
  if (file === undefined || [...options.values()].some((v) => v === undefined || v === "" || v.startsWith("--"))) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  // `npm run` starts in the project root; names are the user's, relative to where they typed them
  const here = process.env.INIT_CWD !== undefined && process.env.INIT_CWD !== "" ? process.env.INIT_CWD : process.cwd();
  const typed = file;
  file = resolve(here, file);
  const out = options.get("--out");
  const sheet = options.get("--sheet") ?? null;
  const target =
    out !== undefined ? resolve(here, out) : resolve(dirname(file), `${basename(file, extname(file))}.mapping.json`);
  if (target === file) {
    process.stderr.write(`${basename(target)} er selve datafilen: vælg et andet navn med --out\n`);
    return 2;
  }
  if (existsSync(target) && !force) {
    process.stderr.write(`${target} findes allerede: vælg et andet navn med --out, eller overskriv med --force\n`);
    return 2;
  }
  try {
    const draft = draftMapping(readDelivered(file, sheet));
    writeFileSync(target, draftFile(draft, sheet));
    process.stdout.write(formatDraft(draft, printable(typed), printable(out ?? target)));
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
