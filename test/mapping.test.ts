import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { describe, expect, it } from "vitest";
import { runCli } from "./helpers/run-cli";
import { parseMapping } from "../src/data/mapping";
import { errorText } from "../src/codebook/messages";
import { parsePanel } from "../src/data/load";
import { draftMapping } from "../src/data/draft-mapping";
import { readDelivered } from "../src/data/readers/typed";

const FIX = join(__dirname, "fixtures", "readers");
const contractText = readFileSync(join(FIX, "contract.csv"), "utf8");
const contract = parsePanel(contractText, "contract.csv");

const run = runCli;

describe("the mapping file", () => {
  const header = contractText.split("\n")[0].split(",");
  const withColumn = (name: string, f: (v: string) => string, rename?: string): string =>
    contractText
      .split("\n")
      .map((line, i) => {
        if (line === "") return line;
        const cells = line.split(",");
        const k = header.indexOf(name);
        cells[k] = i === 0 ? (rename ?? name) : cells[k] === "" ? "" : f(cells[k]);
        return cells.join(",");
      })
      .join("\n");

  it("columns: a contract column read from another name; unlisted columns keep their own", () => {
    const text = withColumn("ai_brug", (v) => v, "Q7");
    const m = parseMapping('{"columns": {"ai_brug": "Q7"}}', "m.json");
    expect(parsePanel(text, "p.csv", { mapping: m }).columns.ai_brug).toEqual(contract.columns.ai_brug);
    expect(() => parsePanel(text, "p.csv")).toThrowError(/contract column missing: "ai_brug"/);
  });

  it("codes: delivered values mapped to contract codes; unlisted values pass through", () => {
    const text = withColumn("oekonomi", (v) => (v === "1" ? "10" : v));
    const m = parseMapping('{"codes": {"oekonomi": {"10": 1}}}', "m.json");
    expect(parsePanel(text, "p.csv", { mapping: m }).columns.oekonomi).toEqual(contract.columns.oekonomi);
    expect(() => parsePanel(text, "p.csv")).toThrowError(/column "oekonomi": value "10" is not a valid code/);
  });

  it("null: a delivered value meaning not asked / no answer becomes an empty cell", () => {
    const withDash = contractText
      .split("\n")
      .map((l, i) => (i === 0 || l === "" ? l : l.replace(/^((?:[^,]*,){9}),/, "$1-1,")))
      .join("\n");
    const m = parseMapping('{"codes": {"pot_salg": {"-1": null}}}', "m.json");
    expect(parsePanel(withDash, "p.csv", { mapping: m }).columns.pot_salg).toEqual(contract.columns.pot_salg);
    expect(() => parsePanel(withDash, "p.csv")).toThrowError(/column "pot_salg": value "-1" is not a valid code/);
  });

  it("a mapping naming an unknown column, an unknown code or one delivered column twice is an error", () => {
    /** The error of parsing `json`, as a Danish user reads it. */
    const danish = (json: string): string => {
      try {
        parseMapping(json, "m.json");
      } catch (e) {
        return errorText(e, "da");
      }
      return "";
    };
    expect(danish('{"columns": {"aibrug": "Q7"}}')).toMatch(
      /^m\.json, kolonne "columns\.aibrug": "aibrug" er ikke en kolonne i datakontrakten/,
    );
    expect(danish('{"codes": {"ai_brug": {"99": 9}}}')).toMatch(
      /den leverede værdi "99" mappes til 9, som ikke er en kode i ai_brug; forventet en af 1, 2, 3, 4, 5, eller null/,
    );
    expect(danish('{"columns": {"ai_brug": "Q7", "oekonomi": "Q7"}}')).toMatch(
      /den leverede kolonne "Q7" er mappet til både "ai_brug" og "oekonomi"/,
    );
    expect(danish('{"colums": {}}')).toMatch(/ukendt nøgle "colums"/);
    expect(danish("{")).toMatch(/^m\.json: filen er ikke gyldig JSON/);
    expect(() => parseMapping('{"colums": {}}', "m.json")).toThrowError(
      /^m\.json, column "colums": unknown key "colums"/,
    );
  });
});

describe("draftMapping and npm run map", () => {
  it("drafts the fixture's whole mapping: variables by label or name, codes by value label", () => {
    const draft = draftMapping(readDelivered(join(FIX, "delivered.sav")));
    const written = JSON.parse(readFileSync(join(FIX, "mapping.json"), "utf8")) as { columns: object };
    expect(draft.mapping.columns).toEqual(written.columns);
    expect(draft.mapping.codes).toEqual({
      alder: { "11": 1, "12": 2, "13": 3 },
      digi_produktivitet: { "99": 9 },
      pot_salg: { "-1": null },
    });
    expect(draft.missingToNull).toEqual([
      { contract: "pot_salg", delivered: "pot_salg", value: "-1", label: "Ikke stillet" },
    ]);
    expect(draft.unmatchedColumns).toEqual([]);
    expect(draft.extraVariables).toEqual(["kommentar"]);
  });

  it("map writes the draft and lists what it could not match; refuses to overwrite; bad file exits 1", () => {
    const dir = mkdtempSync(join(tmpdir(), "map-"));
    const r = run("map", [join(FIX, "delivered.sav"), "--out", "delivered.mapping.json"], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\n {2}ai_brug +Q7 +etiket +\d+ % \((høj|middel|lav)\)\n/);
    expect(r.stdout).toContain("leverede variable, der ikke bruges (1): kommentar");
    const written = JSON.parse(readFileSync(join(dir, "delivered.mapping.json"), "utf8")) as {
      columns: Record<string, string>;
    };
    expect(written.columns.ai_brug).toBe("Q7");
    expect(run("map", [join(FIX, "delivered.sav"), "--out", "delivered.mapping.json"], dir).status).toBe(2);
    writeFileSync(join(dir, "broken.sav"), "not spss");
    const bad = run("map", [join(dir, "broken.sav"), "--out", "b.json"], dir);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^broken\.sav: SPSS-læseren kunne ikke læse filen/);
    expect(existsSync(join(dir, "b.json"))).toBe(false);
    expect(run("map", [], dir).status).toBe(2);
  });
});
