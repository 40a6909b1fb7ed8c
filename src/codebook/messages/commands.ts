/** The catalogue's texts of `npm run map`, `validate` and `simulate`, in Danish (the default) and English. */
import type { Label } from "../labels";
import { list, t } from "./text";

const rows = (n: number, da = n === 1 ? "række" : "rækker", en = n === 1 ? "row" : "rows"): Label => t(da, en);

/** The usage lines and usage mistakes the commands share. @example USAGE_MESSAGES.unknownArgument("--x").en */
export const USAGE_MESSAGES = {
  map: t(
    "brug: npm run map -- <panelfil (.sav, .xlsx, .csv, .txt)> [--sheet ARK] [--out mapning.json] [--force] [--lang en]",
    "usage: npm run map -- <panel file (.sav, .xlsx, .csv, .txt)> [--sheet SHEET] [--out mapping.json] [--force] [--lang en]",
  ),
  validate: t(
    "brug: npm run validate -- <panelfil (.sav, .xlsx, .csv, .txt)> [--mapping mapning.json] [--margins margins.csv] [--sheet ARK] [--blank-violations [--out rettet.csv]] [--lang en]",
    "usage: npm run validate -- <panel file (.sav, .xlsx, .csv, .txt)> [--mapping mapping.json] [--margins margins.csv] [--sheet SHEET] [--blank-violations [--out corrected.csv]] [--lang en]",
  ),
  simulate: t(
    "brug: npm run simulate -- --reps N [--seed S] [--workers K] [--bootstrap B] [--margins FIL] [--lang en]",
    "usage: npm run simulate -- --reps N [--seed S] [--workers K] [--bootstrap B] [--margins FILE] [--lang en]",
  ),
  unknownArgument: (arg: string) => t(`ukendt argument "${arg}"`, `unknown argument "${arg}"`),
  needsValue: (option: string, sheet: boolean) =>
    t(`${option} mangler ${sheet ? "et arknavn" : "en fil"}`, `${option} needs ${sheet ? "a sheet name" : "a file"}`),
  isInput: (name: string) => ({
    da: `${name} er en af inddatafilerne: vælg et andet navn med --out`,
    en: `${name} is one of the input files: choose another name with --out`,
  }),
  exists: (name: string, force: boolean) => ({
    da: `${name} findes allerede: vælg et andet navn med --out${force ? ", eller overskriv med --force" : ""}`,
    en: `${name} already exists: choose another name with --out${force ? ", or overwrite with --force" : ""}`,
  }),
} as const;

/** The texts of `npm run map`'s draft. @example MAP_MESSAGES.written("Q.sav", "Q.json").en // "Draft mapping for …" */
export const MAP_MESSAGES = {
  how: { name: t("navn", "name"), label: t("etiket", "label"), pattern: t("mønster", "pattern") },
  level: (pct: number) => (pct >= 75 ? t("høj", "high") : pct >= 50 ? t("middel", "medium") : t("lav", "low")),
  columns: (n: number) => t(`${n} kolonner`, `${n} columns`),
  empty: t("tom", "empty"),
  columnNotFound: (c: string) => t(`kolonne ${c}: ikke fundet`, `column ${c}: not found`),
  valueNoCode: (value: string) => t(`værdien ${value} er ingen kode`, `the value ${value} is no code`),
  isDataFile: (name: string) => ({
    da: `${name} er selve datafilen: vælg et andet navn med --out`,
    en: `${name} is the data file itself: choose another name with --out`,
  }),
  written: (file: string, out: string) =>
    t(`Udkast til mapning for ${file} skrevet til ${out}.`, `Draft mapping for ${file} written to ${out}.`),
  found: (found: number, all: number) =>
    t(`Fundet ${found} af ${all} kontraktkolonner:`, `Found ${found} of ${all} contract columns:`),
  tableHead: [
    t("kontraktkolonne", "contract column"),
    t("leveret", "delivered"),
    t("fundet ved", "found by"),
    t("sikkerhed", "confidence"),
  ],
  codes: t("Koder oversat (leveret -> kontrakt):", "Codes translated (delivered -> contract):"),
  missing: t(
    "Erklærede manglende værdier (SPSS: brugerdefineret manglende) sat til tom, ikke stillet / intet svar — tjek hver:",
    "Declared missing values (user-missing) set to empty, not asked / no answer — check each:",
  ),
  labelsDiffer: t(
    "Etiketter, der afviger fra kontraktens (leveret -> kontraktkode) — tjek at de betyder det samme:",
    "Labels that differ from the contract's (delivered -> contract code) — check they mean the same:",
  ),
  contradiction: (columns: string) => ({
    da: `MODSTRID: etiketten svarer til en anden kontraktkode (vendt eller omdøbt skala). Ret koderne under\n"codes", eller bekræft at de er rigtige med "confirmed": ${columns} i mapningen:`,
    en: `CONTRADICTION: the label matches another contract code (reversed or renamed scale). Correct the codes under\n"codes", or confirm they are right with "confirmed": ${columns} in the mapping:`,
  }),
  looksLike: (code: number) => t(`, men ligner kode ${code}`, `, but looks like code ${code}`),
  allFound: t(
    "Alt fundet, og alle etiketter svarer til kontraktens.",
    "All found, and every label matches the contract's.",
  ),
  notFound: t("Ikke fundet (udfyld dem i hånden):", "Not found (fill them in by hand):"),
  contractColumns: (names: readonly string[]) =>
    t(`  kontraktkolonner (${names.length}): ${list(names)}`, `  contract columns (${names.length}): ${list(names)}`),
  valueNotCode: (value: string, n: number) => ({
    da: `værdien ${value} i ${n} ${rows(n).da} er ingen kontraktkode`,
    en: `the value ${value} in ${n} ${rows(n).en} is no contract code`,
  }),
  unused: (n: number, shown: string) =>
    t(`  leverede variable, der ikke bruges (${n}): ${shown}`, `  delivered variables not used (${n}): ${shown}`),
  next: (file: string, out: string) => ({
    da: `Næste skridt: npm run validate -- ${file} --mapping ${out}`,
    en: `Next step: npm run validate -- ${file} --mapping ${out}`,
  }),
} as const;

/** The texts of `npm run validate`'s report. @example VALIDATE_MESSAGES.errors(0).en // "OK: no errors." */
export const VALIDATE_MESSAGES = {
  outNeedsBlank: t("--out hører til --blank-violations", "--out belongs to --blank-violations"),
  sheetOnlyExcel: t("--sheet gælder kun Excel-filer (.xlsx)", "--sheet applies to Excel files (.xlsx) only"),
  error: t("FEJL", "ERROR"),
  panelFile: t("Panelfil", "Panel file"),
  compression: {
    none: t("ukomprimeret", "uncompressed"),
    zlib: t("ZLIB-komprimeret (zsav)", "ZLIB-compressed (zsav)"),
  },
  byteCompressed: t("byte-komprimeret", "byte-compressed"),
  provenance: {
    synthetic: t("det syntetiske panel", "the synthetic panel"),
    "modified-synthetic": t("en ændret kopi af det syntetiske panel", "a modified copy of the synthetic panel"),
    real: t("rigtige besvarelser", "real responses"),
  },
  text: (delimiter: string) =>
    delimiter === "\t"
      ? t("tekst, adskilt af tabulator", "text, tab separated")
      : t(`tekst, adskilt af "${delimiter}"`, `text, separated by "${delimiter}"`),
  format: t("Format", "Format"),
  read: (rowCount: string, columns: number) =>
    t(`Læst: ${rowCount} rækker, ${columns} kolonner`, `Read: ${rowCount} rows, ${columns} columns`),
  mapping: t("Mapning", "Mapping"),
  noMapping: t("ingen (kontraktens navne og koder)", "none (the contract's names and codes)"),
  renamed: (n: number, renames: string) =>
    t(`  kolonner læst under et andet navn (${n}): ${renames}`, `  columns read under another name (${n}): ${renames}`),
  ownName: (n: number) =>
    t(`  kontraktkolonner læst under eget navn: ${n}`, `  contract columns read under their own name: ${n}`),
  extras: (kept: string | null) => ({
    da: `  leverede kolonner uden for kontrakten (beholdt som ekstra kolonner): ${kept ?? "ingen"}`,
    en: `  delivered columns outside the contract (kept as extra columns): ${kept ?? "none"}`,
  }),
  empty: t("tom", "empty"),
  codesFor: (name: string) => t(`  koder for ${name}`, `  codes for ${name}`),
  cells: t("Celler:", "Cells:"),
  tooFewRows: (source: string, n: number) => ({
    da: `${source}: filen har kun ${n} ${n === 1 ? "datarække" : "datarækker"}; der skal være mindst 2 respondenter`,
    en: `${source}: the file has only ${n} data ${n === 1 ? "row" : "rows"}; at least 2 respondents are needed`,
  }),
  cellsValid: t("  hver celle er en gyldig kode i sin kolonne", "  every cell is a valid code of its column"),
  invalidCells: (column: string, count: string, n: number, first: string) => ({
    da: `  ${column}: ${count} ${n === 1 ? "ugyldig celle" : "ugyldige celler"} (første rækker: ${first})`,
    en: `  ${column}: ${count} ${n === 1 ? "invalid cell" : "invalid cells"} (first rows: ${first})`,
  }),
  counts: t(
    "Antal pr. kode (kode=rækker; '-' = tom, ikke stillet):",
    "Count per code (code=rows; '-' = empty, not asked):",
  ),
  invalid: t("ugyldige", "invalid"),
  rules: t("Id'er, springregler og flervalgsregler:", "Ids, skip logic and multi-response rules:"),
  noViolations: t("  ingen overtrædelser", "  no violations"),
  violationHead: [
    t("kolonne", "column"),
    t("problem", "problem"),
    t("rækker", "rows"),
    t("første rækker", "first rows"),
  ],
  violation: (column: string, count: string, n: number, first: string, what: string) => ({
    da: `${column}: ${count} ${rows(n).da} (første: ${first}) — ${what}`,
    en: `${column}: ${count} ${rows(n).en} (first: ${first}) — ${what}`,
  }),
  notBlanked: t(
    "Rettet kopi: ikke skrevet, da filen har ugyldige celler (se ovenfor); ret dem først.",
    "Corrected copy: not written, as the file has invalid cells (see above); correct them first.",
  ),
  blanked: (count: string, n: number, file: string) => ({
    da: `Rettet kopi: ${count} ${n === 1 ? "celle" : "celler"} besvaret, hvor spørgsmålet ikke blev stillet, er tømt;\n  skrevet til ${file} med kontraktens navne og koder (kun kontraktens kolonner).\n  Tomme celler, hvor spørgsmålet blev stillet, kan ikke rettes sådan. Kør validate på kopien.`,
    en: `Corrected copy: ${count} ${n === 1 ? "cell" : "cells"} answered where the question was not asked emptied;\n  written to ${file} with the contract's names and codes (the contract's columns only).\n  Empty cells where the question was asked cannot be corrected so. Run validate on the copy.`,
  }),
  origin: (what: Label, matching: string, all: string, synthetic: string) => ({
    da: `Oprindelse (efter indhold): ${what.da} (${matching} af ${all} rækker magen til det medfølgende syntetiske panels ${synthetic})`,
    en: `Origin (by content): ${what.en} (${matching} of ${all} rows identical to the shipped synthetic panel's ${synthetic})`,
  }),
  margins: t("Marginaler", "Margins"),
  sample: (source: string, total: string) => ({
    da: `Stikprøve mod population (${source}, i alt ${total}):`,
    en: `Sample against population (${source}, total ${total}):`,
  }),
  composition: [t("stikprøve", "sample"), t("population", "population"), t("forhold", "ratio")],
  rakingNotTried: (empty: readonly string[]) =>
    empty.length > 0
      ? t(
          `Rakning: ikke forsøgt (tomme eller ugyldige celler i ${list(empty)})`,
          `Raking: not tried (empty or invalid cells in ${list(empty)})`,
        )
      : t("Rakning: ikke forsøgt (for få rækker)", "Raking: not tried (too few rows)"),
  converged: (iterations: string, error: string) => ({
    da: `Rakning: konvergeret efter ${iterations} iterationer (største relative fejl på en margin ${error})`,
    en: `Raking: converged after ${iterations} iterations (largest relative error on a margin ${error})`,
  }),
  weights: (n: string, sum: string, min: string, median: string, max: string, ratio: string) => ({
    da: `Vægte: n ${n}, sum ${sum}, min ${min}, median ${median}, maks ${max} (maks/min ${ratio})`,
    en: `Weights: n ${n}, sum ${sum}, min ${min}, median ${median}, max ${max} (max/min ${ratio})`,
  }),
  deff: (deff: string, effective: string, n: string) => ({
    da: `Vægtenes designeffekt (Kish): ${deff}; effektivt n ${effective} af ${n}`,
    en: `The weights' design effect (Kish): ${deff}; effective n ${effective} of ${n}`,
  }),
  rakingFailed: t("Rakning: mislykkedes", "Raking: failed"),
  errors: (n: number, count: string) =>
    n === 0 ? t("OK: ingen fejl.", "OK: no errors.") : t(`${count} fejl.`, `${count} errors.`),
} as const;

/** The texts of `npm run simulate`. @example SIMULATE_MESSAGES.tableHead.map((h) => h.en)[0] // "figure" */
export const SIMULATE_MESSAGES = {
  wholeNumber: (flag: string, min: number, got: string) => ({
    da: `${flag} skal være et helt tal på mindst ${min}, ikke "${got}"`,
    en: `${flag} needs a whole number of at least ${min}, got "${got}"`,
  }),
  marginsNeedsFile: t("--margins mangler en fil", "--margins needs a file"),
  bootstrapOne: t(
    "--bootstrap skal være 0 (metode (e) udelades) eller mindst 2 replikater",
    "--bootstrap needs 0 (leave method (e) out) or at least 2 replicates",
  ),
  progress: (done: number, total: number, seconds: string) =>
    t(`${done}/${total} replikationer, ${seconds} s`, `${done}/${total} replications, ${seconds} s`),
  missing: (done: number, total: number) =>
    t(`kun ${done} af ${total} replikationer kom tilbage`, `only ${done} of ${total} replications came back`),
  title: (reps: number, seed: number, workers: number, bootstrap: number, seconds: string) => ({
    da: `Dækning af 95 %-intervaller over ${reps} simulerede paneler (frø ${seed}, ${workers} tråde, ${bootstrap} bootstrap-replikater, ${seconds} s)`,
    en: `Coverage of 95 % intervals over ${reps} simulated panels (seed ${seed}, ${workers} workers, ${bootstrap} bootstrap replicates, ${seconds} s)`,
  }),
  tableHead: [
    t("tal", "figure"),
    t("metode", "method"),
    t("sand %", "truth %"),
    t("skævhed pt", "bias pts"),
    t("RMSE pt", "RMSE pts"),
    t("dækning %", "coverage %"),
    t("MC-SE", "MC SE"),
    t("SE/SD", "SE/SD"),
  ],
} as const;
