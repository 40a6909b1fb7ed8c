import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { describe, expect, it } from "vitest";
import { SYNTHETIC_PANEL_FILE } from "../src/codebook";
import { validatePanel } from "../src/data/validate";
import { loadDataset } from "../src/report/dataset";
import { parsePanel } from "../src/data/load";
import { runCli } from "./helpers/run-cli";

const root = join(__dirname, "..");
const FIX = join(__dirname, "fixtures", "readers");
const shipped = join(root, SYNTHETIC_PANEL_FILE);
const margins = join(root, "data", "population", "margins.csv");
const dir = mkdtempSync(join(tmpdir(), "validate-"));

const validate = (...args: string[]) => runCli("validate", args, dir);

describe("validatePanel", () => {
  it("a good panel: rows, columns, code counts, composition, raking and the weights as the engine computes them", () => {
    const { lines, errors } = validatePanel({ panelFile: shipped, marginsFile: margins, shippedPanelFile: shipped });
    const ds = loadDataset({ panelFile: shipped });
    const text = lines.join("\n");
    expect(errors).toBe(0);
    expect(text).toContain(`Læst: ${ds.panel.rowCount.toLocaleString("da-DK")} rækker, 102 kolonner`);
    const usesNone = ds.panel.columns.ai_brug.filter((v) => v === 1).length;
    expect(text).toMatch(new RegExp(`\\n  ai_brug +1=${usesNone} `));
    const small = ds.panel.columns.stoerrelse.filter((v) => v === 1).length;
    expect(text).toMatch(new RegExp(`1 Under 10 årsværk +stikprøve +${small.toLocaleString("da-DK")} `));
    expect(text).toContain(`Rakning: konvergeret efter ${ds.rake.iterations} iterationer`);
    const w = ds.rake.diagnostics;
    expect(text).toContain(
      `Vægtenes designeffekt (Kish): ${w.deff.toFixed(3).replace(".", ",")}; effektivt n ${Math.round(w.effectiveN).toLocaleString("da-DK")}`,
    );
    expect(text).toContain("Oprindelse (efter indhold): det syntetiske panel");
    expect(text).toMatch(/OK: ingen fejl\.$/);
  });

  it("a bad panel: every problem counted with its first rows, as the loader's named errors", () => {
    const lines = readFileSync(shipped, "utf8").split("\n");
    const header = lines[0].split(",");
    const k = header.indexOf("oekonomi");
    const j = header.indexOf("pot_salg");
    const notAsked = lines.findIndex((line, i) => i > 0 && line.split(",")[j] === "");
    const bad = lines.map((line, i) => {
      if (i === 0 || line === "") return line;
      const cells = line.split(",");
      if (i === 5 || i === 9) cells[k] = "3.0"; // not an integer literal
      if (i === notAsked) cells[j] = "2"; // answered where not asked
      return cells.join(",");
    });
    const file = join(dir, "bad.csv");
    writeFileSync(file, bad.join("\n"));
    const { lines: out, errors } = validatePanel({ panelFile: file, marginsFile: margins, shippedPanelFile: shipped });
    const text = out.join("\n");
    expect(errors).toBeGreaterThanOrEqual(2);
    expect(text).toContain("  oekonomi: 2 ugyldige celler (første rækker: 5, 9)");
    expect(text).toContain('FEJL bad.csv, række 5, kolonne "oekonomi": værdien "3.0" er ikke en gyldig kode');
    // the same error the loader throws for the first problem (its message is the English form)
    expect(() => parsePanel(bad.join("\n"), "bad.csv")).toThrowError(
      'bad.csv, row 5, column "oekonomi": value "3.0" is not a valid code',
    );
    expect(text).toMatch(/\n  oekonomi +1=\d+ .* ugyldige=2\n/);
    expect(text).not.toContain("FEJL oekonomi: 2 rækker"); // no follow-on skip-logic error for the invalid cells
    expect(text).toContain(
      `FEJL pot_salg: 1 række (første: ${notAsked}) — bad.csv, række ${notAsked}, kolonne "pot_salg": værdien "2" er besvaret, hvor spørgsmålet ikke blev stillet`,
    );
    expect(text).toMatch(/\d+ fejl\.$/);
  });
});

describe("npm run validate", () => {
  it("exits 0 on a good file and 1 on a bad one, with the loader's named errors", () => {
    const good = validate(join(FIX, "contract.csv"));
    expect(good.stdout).toContain("Læst: 60 rækker, 102 kolonner");
    const bad = validate(join(FIX, "delivered-bad.sav"), "--mapping", join(FIX, "mapping.json"));
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain(
      'FEJL delivered-bad.sav, række 3, kolonne "Q7": værdien "98" er ikke en gyldig kode for ai_brug',
    );
    expect(bad.stdout).toContain("kolonner læst under et andet navn (7): id <- respid");
    const unmapped = validate(join(FIX, "delivered.sav"));
    expect(unmapped.status).toBe(1);
    expect(unmapped.stdout).toMatch(/7 kontraktkolonner mangler: "id", "branche"/);
    const english = validate(join(FIX, "delivered-bad.sav"), "--mapping", join(FIX, "mapping.json"), "--lang", "en");
    expect(english.stdout).toContain(
      'ERROR delivered-bad.sav, row 3, column "Q7": value "98" is not a valid code of ai_brug',
    );
    expect(validate().status).toBe(2);
    expect(validate(join(FIX, "contract.csv"), "--mapping").status).toBe(2);
  });

  it("a mapped .sav of a full panel validates with exit 0", () => {
    // the shipped panel, delivered with the fixture's names and codes, written as CSV (no R needed here)
    const text = readFileSync(shipped, "utf8").split("\n");
    const header = text[0].split(",");
    const rename: Record<string, string> = { id: "respid", ai_brug: "Q7", alder: "Q2" };
    const a = header.indexOf("alder");
    const out = text.map((line, i) => {
      if (i === 0) return header.map((h) => rename[h] ?? h).join(";");
      if (line === "") return line;
      const cells = line.split(",");
      cells[a] = String(Number(cells[a]) + 10);
      return cells.join(";");
    });
    const file = join(dir, "levering.csv");
    writeFileSync(file, "\uFEFF" + out.join("\r\n"));
    writeFileSync(
      join(dir, "m.json"),
      JSON.stringify({ columns: rename, codes: { alder: { "11": 1, "12": 2, "13": 3 } } }),
    );
    const r = validate(file, "--mapping", join(dir, "m.json"));
    expect(r.stdout).toContain('Format: tekst, adskilt af ";"');
    expect(r.stdout).toContain("OK: ingen fejl.");
    expect(r.status).toBe(0);
  });
});
