import { beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { loadDataset } from "../src/report/dataset";
import { proportion } from "../src/survey/estimate";

const root = path.join(__dirname, "..");
const cli = path.join(root, "lib", "cli", "ask.js");

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function ask(...args: string[]): Run {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A small RFC 4180 reader (quoted fields, doubled quotes), independent of the code under test. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else if (ch !== "\r") field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** True when lib/ is missing a compiled file or is older than its source (npm test builds first; a lone vitest run may not). */
function libIsStale(): boolean {
  const pairs: [string, string][] = [
    ["src/cli/ask.ts", "lib/cli/ask.js"],
    ["src/query.ts", "lib/query.js"],
  ];
  return pairs.some(([src, out]) => {
    const built = path.join(root, out);
    return !fs.existsSync(built) || fs.statSync(built).mtimeMs < fs.statSync(path.join(root, src)).mtimeMs;
  });
}

beforeAll(() => {
  // `npm run ask` builds first; build here only when lib/ is stale, so that a full `npm test`
  // (which has just built) does not rewrite lib/ under other test files.
  if (libIsStale()) {
    spawnSync(process.execPath, [path.join(root, "node_modules", "typescript", "bin", "tsc"), "-p", root], { cwd: root, encoding: "utf8" });
  }
  if (!fs.existsSync(cli)) throw new Error(`${cli} was not built`);
});

describe("ask: formats", () => {
  it("table: aligned columns, Danish labels, notice", () => {
    const r = ask("ai_brug");
    expect(r.status).toBe(0);
    const lines = r.stdout.split("\n");
    const headerIndex = lines.findIndex((l) => l.startsWith("Svarmulighed"));
    expect(headerIndex).toBeGreaterThan(0);
    const table = lines.slice(headerIndex, headerIndex + 2 + 5);
    expect(table[1]).toMatch(/^-+( +-+)+$/);
    const width = table[0].length;
    for (const line of table) expect(line.length).toBe(width);
    // every column boundary of the separator line is blank in every row
    const gaps = [...table[1].matchAll(/ +/g)].map((m) => m.index as number);
    for (const line of table) for (const g of gaps) expect(line[g]).toBe(" ");
    expect(r.stdout).toContain("Bruger ikke AI, og det er ikke relevant");
    expect(r.stdout).toContain("Andel (%)");
    const dataset = loadDataset();
    if (dataset.isSynthetic) expect(r.stdout.toLowerCase()).toContain("syntetisk");
  });

  it("table with --by prints one Rao–Scott line per item", () => {
    const r = ask("tilbud", "--by", "stoerrelse");
    expect(r.status).toBe(0);
    const testLines = r.stdout.split("\n").filter((l) => /F = .*, p [=<] /.test(l));
    expect(testLines).toHaveLength(9);
  });

  it("csv: parseable, header, one row per group × option, estimates as proportion() gives", () => {
    const r = ask("ai_brug", "--by", "stoerrelse", "--format", "csv");
    expect(r.status).toBe(0);
    const rows = parseCsv(r.stdout);
    const header = rows[0];
    expect(header.slice(0, 12)).toEqual(["group", "option", "estimate", "ci_low", "ci_high", "se", "n", "weighted_base", "effective_n", "suppressed", "test_f", "test_p"]);
    const body = rows.slice(1);
    expect(body).toHaveLength(4 * 5);
    for (const row of body) expect(row).toHaveLength(header.length);
    const col = (name: string): number => header.indexOf(name);
    const { panel, design } = loadDataset();
    const domain = panel.columns.stoerrelse.map((v) => v === 2);
    const y = panel.columns.ai_brug.map((v) => (v === 3 ? 1 : 0));
    const direct = proportion(design, y, domain);
    const row = body.find((b) => b[col("group_code")] === "2" && b[col("option_code")] === "3");
    expect(row).toBeDefined();
    expect(Number((row as string[])[col("estimate")])).toBeCloseTo(100 * direct.value, 8);
    expect(Number((row as string[])[col("test_p")])).toBeGreaterThanOrEqual(0);
  });

  it("json: an array of row objects with estimate (percent) and test_f/test_p", () => {
    const r = ask("tilbud", "--by", "oekonomi", "--format", "json", "--lang", "en");
    expect(r.status).toBe(0);
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(Array.isArray(rows)).toBe(true);
    expect(rows).toHaveLength(6 * 9);
    for (const row of rows) {
      expect(row).toHaveProperty("estimate");
      expect(row.estimate === null || (typeof row.estimate === "number" && row.estimate >= 0 && row.estimate <= 100)).toBe(true);
      expect(typeof row.test_f).toBe("number");
      expect(typeof row.test_p).toBe("number");
    }
    expect(rows[0].group).toBe("Total");
    const total = rows.find((x) => x.group === "Total" && x.option_code === "raadgivning_ai");
    expect(Math.round(total?.estimate as number)).toBe(58); // published figure offers.raadgivning_ai
  });
});

describe("ask: named groupings", () => {
  it("--by stoerrelse_2grp prints the two groups and one Rao–Scott line per item", () => {
    const r = ask("tilbud", "--by", "stoerrelse_2grp");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Opdelt efter: stoerrelse_2grp");
    expect(r.stdout).toMatch(/^Under 10 årsværk +raadgivning_ai /m);
    expect(r.stdout).toMatch(/^Mindst 10 årsværk +raadgivning_ai /m);
    expect(r.stdout.split("\n").filter((l) => /F = .*, p [=<] /.test(l))).toHaveLength(9);
  });

  it("--by oekonomi_2grp in csv: group 1 estimate as proportion() on codes 1–2", () => {
    const r = ask("tilbud", "--by", "oekonomi_2grp", "--format", "csv");
    expect(r.status).toBe(0);
    const rows = parseCsv(r.stdout);
    const header = rows[0];
    const col = (name: string): number => header.indexOf(name);
    const { panel, design } = loadDataset();
    const domain = panel.columns.tilbud_raadgivning_ai.map((v, i) => v !== null && [1, 2].includes(panel.columns.oekonomi[i] as number));
    const direct = proportion(design, panel.columns.tilbud_raadgivning_ai.map((v) => (v === 1 ? 1 : 0)), domain);
    const row = rows.slice(1).find((b) => b[col("group_code")] === "1" && b[col("option_code")] === "raadgivning_ai");
    expect(Number((row as string[])[col("estimate")])).toBeCloseTo(100 * direct.value, 8);
  });

  it("an unknown --by name lists the groupings too", () => {
    const r = ask("tilbud", "--by", "size_2grp");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/groupings: stoerrelse_2grp, oekonomi_2grp/);
  });
});

describe("ask: errors", () => {
  it("an unknown question exits non-zero listing the valid questions", () => {
    const r = ask("potentiale");
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('Unknown question "potentiale"');
    for (const name of ["ai_brug", "pot_salg", "tilbud", "bar_salg"]) expect(r.stderr).toMatch(new RegExp(`\\b${name}\\b`));
  });

  it("an unknown --by variable exits non-zero listing the valid variables", () => {
    const r = ask("tilbud", "--by", "size");
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/Unknown variable "size".*stoerrelse/s);
  });

  it("an unknown --base exits non-zero listing the valid bases", () => {
    const r = ask("ai_brug", "--base", "nobody");
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/Unknown base "nobody".*all.*relevant.*barrier/s);
  });

  it("an unknown format exits non-zero listing the valid formats", () => {
    const r = ask("ai_brug", "--format", "xml");
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/table, csv, json/);
  });
});
