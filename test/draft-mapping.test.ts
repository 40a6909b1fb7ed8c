import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { Workbook } from "exceljs";
import { describe, expect, it } from "vitest";
import { runCli } from "./helpers/run-cli";
import { draftMapping } from "../src/data/draft-mapping";
import { readDelivered } from "../src/data/readers/typed";
import { readPanel } from "../src/data/load";
import { parseMapping } from "../src/data/mapping";
import { labelWords, similarity } from "../src/data/label-match";
import { SYNTHETIC_PANEL_FILE } from "../src/codebook";
import { writeSav } from "./helpers/sav-writer";
import { scoreDraft, supplierPanel } from "./helpers/supplier-panel";

const root = join(__dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "draft-"));
const supplier = supplierPanel(300);
const SUPPLIER = join(dir, "levering.sav");
writeFileSync(SUPPLIER, writeSav(supplier.columns, {}));

const run = (cli: "map" | "validate", args: string[], cwd = dir): ReturnType<typeof runCli> => runCli(cli, args, cwd);

describe("labels compared as a person reads them", () => {
  it("case, punctuation, question numbers and rewordings do not count; shared stems do", () => {
    const same = (a: string, b: string): number => similarity(labelWords(a), labelWords(b));
    expect(labelWords("Q2. Hverken positivt eller negativt", "Q2")).toEqual(["hverken", "eller"]);
    expect(same("Hverken positivt eller negativt", "Hverken eller")).toBe(1);
    expect(same("Ikke valgt", "Nej")).toBe(1);
    expect(same("Juridisk rådgivning", "Rådgivning om juridiske forhold")).toBeGreaterThan(0.6);
    expect(same("Meget dårlig", "Meget god")).toBeLessThan(0.6);
  });
});

describe("a supplier's SPSS file with its own names, texts and codes", () => {
  it("drafts at least 95 of the 102 columns and 95 % of the codes right", () => {
    const draft = draftMapping(readDelivered(SUPPLIER));
    const score = scoreDraft(draft.mapping, supplier.key);
    expect(score.columnsOf).toBe(102);
    expect(score.columns).toBeGreaterThanOrEqual(95);
    expect(score.codes / score.codesOf).toBeGreaterThanOrEqual(0.95);
    expect(draft.matched.every((m) => m.confidence > 0 && m.confidence <= 1)).toBe(true);
  });

  it("places a family's columns by their numbers when their labels say too little", () => {
    const columns = supplier.columns.map((c) =>
      c.name.startsWith("Q5_6_") ? { ...c, label: c.label?.replace(/^.*: /, "") } : c,
    );
    const file = join(dir, "korte-etiketter.sav");
    writeFileSync(file, writeSav(columns, {}));
    const draft = draftMapping(readDelivered(file));
    expect(scoreDraft(draft.mapping, supplier.key).columns).toBeGreaterThanOrEqual(95);
    expect(draft.matched.find((m) => m.contract === "bar_hr_andet")).toMatchObject({ delivered: "Q5_6_10" });
  });

  it("map writes the draft beside the data file, lists differing labels, and the draft validates", () => {
    const elsewhere = mkdtempSync(join(tmpdir(), "cwd-"));
    const r = run("map", [SUPPLIER], elsewhere);
    expect(r.status).toBe(0);
    const file = join(dir, "levering.mapping.json");
    expect(existsSync(file)).toBe(true);
    expect(existsSync(join(elsewhere, "levering.mapping.json"))).toBe(false);
    expect(r.stdout).toContain('1 "Telefoninterview" -> 2 "Telefon"  [interview]');
    expect(r.stdout).not.toContain("Alt fundet");
    const contract = run("map", [join(__dirname, "fixtures", "readers", "contract.csv"), "--out", "c.json"]);
    expect(contract.stdout).toContain("Alt fundet, og alle etiketter svarer til kontraktens.");
    const written = JSON.parse(readFileSync(file, "utf8")) as { confidence: Record<string, number> };
    expect(Object.keys(written.confidence)).toHaveLength(102);
    const v = run("validate", [SUPPLIER, "--mapping", file]);
    expect(v.stdout).toContain("OK: ingen fejl.");
    expect(v.status).toBe(0);
  });
});

describe("value labels that contradict the contract's codes", () => {
  const key = supplier.key;
  const mapping = (extra: object): string => {
    const codes = { ...key.codes, oekonomi: {} };
    const file = join(dir, `m-${Object.keys(extra).length}.json`);
    writeFileSync(file, JSON.stringify({ columns: key.columns, codes, ...extra }));
    return file;
  };

  it("a reversed scale kept as it is is refused in Danish, naming column and codes, until confirmed", () => {
    expect(() => readPanel(SUPPLIER, { mapping: mapping({}) })).toThrowError(
      /column "Q1": the labels contradict the contract's codes of oekonomi: 1 "Meget dårlig" becomes code 1 "Meget god", but the label matches code 5/,
    );
    const v = run("validate", [SUPPLIER, "--mapping", mapping({})]);
    expect(v.status).toBe(1);
    expect(v.stdout).toMatch(
      /kolonne "Q1": etiketterne modsiger kontraktens koder for oekonomi: 1 "Meget dårlig" bliver kode 1 "Meget god", men etiketten svarer til kode 5/,
    );
    expect(v.stdout).toContain('"confirmed": ["oekonomi"]');
    expect(readPanel(SUPPLIER, { mapping: mapping({ confirmed: ["oekonomi"] }) }).rowCount).toBe(300);
    expect(() => parseMapping('{"confirmed": ["oekonomy"]}', "m.json")).toThrowError(/"oekonomy" is not a column/);
  });
});

describe("validate: skip-logic violations as a table, and blanked on request", () => {
  const lines = readFileSync(join(root, SYNTHETIC_PANEL_FILE), "utf8").split("\n");
  const header = lines[0].split(",");
  const [a, p] = [header.indexOf("ai_brug"), header.indexOf("pot_salg")];
  let planted = 0;
  const bad = lines.map((line, i) => {
    const cells = line.split(",");
    if (i === 0 || line === "" || cells[a] !== "1" || planted === 7) return line;
    planted++;
    cells[p] = "3"; // answered where not asked (and asks nothing further)
    return cells.join(",");
  });
  const file = join(dir, "spring.csv");
  writeFileSync(file, bad.join("\n"));

  it("lists each violation in a table, blanks them into a copy beside the input, never over it", () => {
    const r = run("validate", [file, "--blank-violations"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/\n {2}pot_salg +besvaret, hvor ikke spurgt +7 {2}\d+/);
    expect(r.stdout).toContain("Rettet kopi: 7 celler besvaret, hvor spørgsmålet ikke blev stillet, er tømt");
    expect(readFileSync(file, "utf8")).toBe(bad.join("\n"));
    const copy = run("validate", [join(dir, "spring-rettet.csv")]);
    expect(copy.stdout).toContain("OK: ingen fejl.");
    expect(run("validate", [file, "--blank-violations"]).status).toBe(2); // the copy exists: not overwritten
    expect(run("validate", [file, "--blank-violations", "--out", file]).status).toBe(2);
  });
});

describe("--sheet: which Excel sheet", () => {
  it("the first visible sheet by default, the one named with --sheet, an unknown name lists the sheets", async () => {
    const wb = new Workbook();
    wb.addWorksheet("Forside").addRow(["Levering fra leverandøren"]);
    const data = wb.addWorksheet("Data");
    const contract = readFileSync(join(__dirname, "fixtures", "readers", "contract.csv"), "utf8")
      .trim()
      .split("\n");
    contract.forEach((l, i) => data.addRow(l.split(",").map((c) => (i === 0 || c === "" ? c || null : Number(c)))));
    const file = join(dir, "ark.xlsx");
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(readDelivered(file).variables.map((v) => v.name)).toEqual(["Levering fra leverandøren"]);
    expect(readDelivered(file, "Data").variables).toHaveLength(102);
    expect(readPanel(file, { mapping: parseMapping('{"sheet": "Data"}', "m.json") }).rowCount).toBe(60);
    expect(readPanel(file, { sheet: "Data" }).rowCount).toBe(60);
    expect(run("validate", [file, "--sheet", "Data"]).stdout).toContain("Læst: 60 rækker, 102 kolonner");
    const unknown = run("map", [file, "--sheet", "Panel", "--out", "x.json"]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('projektmappen har intet ark "Panel"; forventet et af arkene "Forside", "Data"');
    const drafted = run("map", [file, "--sheet", "Data", "--out", "ark.json"]);
    expect(drafted.stdout).toContain("Fundet 102 af 102");
    expect(JSON.parse(readFileSync(join(dir, "ark.json"), "utf8"))).toMatchObject({ sheet: "Data" });
  });
});
