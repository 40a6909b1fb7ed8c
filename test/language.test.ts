/**
 * Danish by default, English with `--lang en` (issue 22, item 3): `ask`, `map`, `validate` and `simulate` on good and
 * bad input (an unknown option, a missing file, an unknown question, a damaged CSV row) print no English word in
 * Danish and no Danish-only word in English; so does every message of the one catalogue (the page's included).
 */
import { spawn } from "child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { describe, expect, it } from "vitest";
import { SYNTHETIC_PANEL_FILE, type Label, type Lang } from "../src/codebook";
import * as catalogue from "../src/codebook/messages";
import { main as map } from "../src/cli/map";
import { main as validate } from "../src/cli/validate";
import { askMain } from "./helpers/ask-main";
import { caught as caughtApart } from "./helpers/run-cli";

const root = join(__dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "sprog-"));
const shipped = join(root, SYNTHETIC_PANEL_FILE);

/** English words a Danish user must not meet, and Danish words an English user must not meet. */
const ENGLISH = [/\brows?\b/i, /\bcolumns?\b/i, /\bexpected\b/i, /\berrors?\b/i, /\busage\b/i, /\bmissing\b/i];
ENGLISH.push(/\bunknown\b/i, /not found/i, /\bwarning/i, /\bfiles?\b/, /\bthe\b/i, /\bnot\b/i, /\band\b/, /\bof\b/);
ENGLISH.push(/\bcells?\b/i, /\bneeds?\b/, /\bwith\b/);
const DANISH = [/række/i, /kolonne/i, /forventet/i, /\bfejl\b/i, /\bmangler\b/i];

/** The lines of `text` holding a word of `words` (not simulate's JSON line, which is for programs). */
const offending = (text: string, words: readonly RegExp[]): string[] =>
  text.split("\n").filter((line) => !line.startsWith('{"reps":') && words.some((w) => w.test(line)));

/** A panel file: the shipped panel with `edit` applied to its lines (header first). */
function panelFile(name: string, edit: (lines: string[]) => void): string {
  const lines = readFileSync(shipped, "utf8").trimEnd().split("\n");
  edit(lines);
  const file = join(dir, name);
  writeFileSync(file, lines.join("\n") + "\n");
  return file;
}
const header = readFileSync(shipped, "utf8").split("\n", 1)[0].split(",");
const at = (name: string): number => header.indexOf(name);
/** Row 12: ai_brug 7 (no code); row 13 answers a potential where it was not asked. */
const badCode = panelFile("ugyldig-kode.csv", (lines) => {
  const row = lines[12].split(",");
  row[at("ai_brug")] = "7";
  lines[12] = row.join(",");
  const notAsked = lines.findIndex((l, i) => i > 0 && l.split(",")[at("ai_brug")] === "1");
  const other = lines[notAsked].split(",");
  other[at("pot_salg")] = "3";
  lines[notAsked] = other.join(",");
});
/** Row 12 has one field too few. */
const shortRow = panelFile("kort-raekke.csv", (lines) => {
  lines[12] = lines[12].split(",").slice(0, -1).join(",");
});
const absent = join(dir, "findes-ikke.csv");

/** What a command printed: stdout and stderr together, and its exit code. */
interface Run {
  status: number;
  text: string;
}

/** Runs a command's `main` here, its stdout and stderr caught (stdout first). */
function caught(main: (argv: readonly string[]) => number, argv: readonly string[]): Run {
  const run = caughtApart(main, argv);
  return { status: run.status, text: run.stdout + run.stderr };
}

/** Runs `ask` here with its output streams caught, the panel from `panel` when given. */
async function askRun(argv: string[], panel?: string): Promise<Run> {
  const run = await askMain(argv, panel === undefined ? {} : { PANEL_FILE: panel });
  return { status: run.status, text: run.stdout + run.stderr };
}

/** Runs `npm run simulate`'s compiled command (its threads need a process). */
function simulate(argv: readonly string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, "lib", "cli", "simulate.js"), ...argv], { cwd: root });
    let text = "";
    child.stdout.on("data", (d) => (text += String(d)));
    child.stderr.on("data", (d) => (text += String(d)));
    child.on("close", (status) => resolve({ status: status ?? -1, text }));
  });
}

/** Every run of the commands in `lang`, by name; bad input must fail. */
async function runs(lang: Lang): Promise<Record<string, Run>> {
  const en = lang === "en" ? ["--lang", "en"] : [];
  const sims = Promise.all([
    simulate(["--reps", "1", "--workers", "1", "--bootstrap", "0", ...en]),
    simulate(["--bogus", ...en]),
    simulate(["--margins", absent, ...en]),
  ]);
  const out = join(dir, `udkast-${lang}.json`);
  const result: Record<string, Run> = {
    "ask good": await askRun(["tilbud", "--by", "stoerrelse", ...en]),
    "ask help": await askRun(["--help", ...en]),
    "ask unknown option": await askRun(["tilbud", "--bogus", ...en]),
    "ask unknown question": await askRun(["ukendt_spoergsmaal", ...en]),
    "ask damaged row": await askRun(["ai_brug", ...en], shortRow),
    "validate good": caught(validate, [shipped, ...en]),
    "validate bad codes": caught(validate, [badCode, ...en]),
    "validate damaged row": caught(validate, [shortRow, ...en]),
    "validate absent file": caught(validate, [absent, ...en]),
    "validate unknown option": caught(validate, [shipped, "--bogus", ...en]),
    "validate help": caught(validate, ["--help", ...en]),
    "map good": caught(map, [shipped, "--out", out, "--force", ...en]),
    "map damaged row": caught(map, [shortRow, "--out", out, "--force", ...en]),
    "map absent file": caught(map, [absent, "--out", out, ...en]),
    "map unknown option": caught(map, [shipped, "--bogus", ...en]),
  };
  const [good, bogus, margins] = await sims;
  Object.assign(result, {
    "simulate good": good,
    "simulate unknown option": bogus,
    "simulate absent margins": margins,
  });
  return result;
}

const GOOD = ["ask good", "ask help", "validate good", "validate help", "map good", "simulate good"];

describe("the commands' language", () => {
  for (const [lang, words] of [
    ["da", ENGLISH],
    ["en", DANISH],
  ] as const) {
    it(`${lang === "da" ? "Danish by default" : "English with --lang en"}: no ${lang === "da" ? "English" : "Danish"} word on good or bad input`, async () => {
      const all = await runs(lang);
      for (const [name, run] of Object.entries(all)) {
        expect(run.text.trim(), name).not.toBe("");
        expect(run.status === 0, `${name}: exit ${run.status}\n${run.text}`).toBe(GOOD.includes(name));
        expect(offending(run.text, words), name).toEqual([]);
      }
      // the bad input is told where it is: file, row and column, in the user's language
      const where = lang === "da" ? /kort-raekke\.csv, række 12: / : /kort-raekke\.csv, row 12: /;
      for (const name of ["ask damaged row", "validate damaged row", "map damaged row"])
        expect(all[name].text, name).toMatch(where);
      const cell = lang === "da" ? /række 12, kolonne "ai_brug": værdien "7"/ : /row 12, column "ai_brug": value "7"/;
      expect(all["validate bad codes"].text).toMatch(cell);
    }, 60_000);
  }
});

/** Every text of a catalogue entry, its functions called with a value that reads as a word, a number and a list. */
function texts(entry: unknown): Label[] {
  if (typeof entry === "function") {
    const arg = Object.assign(["x"], { da: "x", en: "x" });
    return texts((entry as (...a: unknown[]) => unknown)(...Array.from({ length: entry.length }, () => arg)));
  }
  if (typeof entry !== "object" || entry === null) return [];
  if ("da" in entry && "en" in entry && typeof entry.da === "string") return [entry as Label];
  return Object.values(entry).flatMap(texts);
}

describe("--lang", () => {
  it("a language other than da and en is a usage error, told in Danish", () => {
    for (const main of [map, validate]) {
      const run = caught(main, [shipped, "--lang", "fr"]);
      expect(run.status).toBe(2);
      expect(run.text).toMatch(/^Ukendt sprog "fr"; brug da eller en\.\nbrug: npm run /);
    }
  });
});

describe("the catalogue", () => {
  const messages = [
    catalogue.SPEC_MESSAGES,
    catalogue.NAMES,
    catalogue.PAGE_MESSAGES,
    catalogue.MAP_MESSAGES,
    catalogue.VALIDATE_MESSAGES,
    catalogue.SIMULATE_MESSAGES,
    catalogue.USAGE_MESSAGES,
    catalogue.ANSWER_TEXT,
    catalogue.ANSWER_NOTES,
    catalogue.STATISTIC_TEXT,
    catalogue.ROW_HEADINGS,
    catalogue.LIST_HEADINGS,
    catalogue.ASK_HELP,
    catalogue.VARIANCE_LABELS,
    catalogue.CONTROL_NOTES,
    catalogue.SERVER_MESSAGES,
  ].flatMap(texts);

  it("every message has its Danish without English words and its English without Danish words", () => {
    expect(messages.length).toBeGreaterThan(200);
    expect(messages.flatMap((m) => offending(m.da, ENGLISH))).toEqual([]);
    expect(messages.flatMap((m) => offending(m.en, DANISH))).toEqual([]);
  });

  it("the page shows its messages from the catalogue, in Danish", () => {
    const page = readFileSync(join(root, "src", "ask", "browser.ts"), "utf8");
    for (const name of Object.keys(catalogue.PAGE_MESSAGES))
      expect(page).toMatch(new RegExp(`PAGE_MESSAGES\\.${name}\\b.*\\.da\\b`));
    expect(page).not.toMatch(/\.en\b/);
  });
});
