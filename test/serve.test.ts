/**
 * `npm run serve` and disclosure control: the server answers as `bin/ask.js --format json` on the same panel, refuses
 * the differencing of two questions (issue 24), takes its thresholds from whoever starts it and never from a request,
 * hides n, weighted base and effective n of suppressed groups; `bin/ask.js` on a real panel applies the same rules
 * unless `--no-disclosure-control`, which it prints; the page without respondent data asks the server.
 */
import * as fs from "fs";
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import { SYNTHETIC_PANEL_FILE } from "../src/codebook";
import { projectRoot } from "../src/codebook/project-root";
import { askResult } from "../src/ask/compute";
import { commandResult } from "../src/ask/disclosure";
import { writeAskPage } from "../src/ask/page";
import { specFromQuery } from "../src/ask/parse";
import type { AskResult } from "../src/ask/result";
import { askServer } from "../src/ask/server";
import { inBase } from "../src/report/bases";
import { loadDataset, type Dataset } from "../src/report/dataset";
import { realLookingPanel } from "./helpers/real-panel";
import { tempDir } from "./helpers/temp-dirs";
import { askMain } from "./helpers/ask-main";

const root = projectRoot();
const RULES = { minN: 10, minEffectiveN: 5 };
const shipped = fs.readFileSync(path.join(root, SYNTHETIC_PANEL_FILE), "utf8").trim().split("\n");
const header = shipped[0].split(",");
const cells = shipped.slice(1).map((line) => line.split(","));
const values = (name: string): string[] => cells.map((c) => c[header.indexOf(name)]);

/** Counted in the file itself: an industry and a region with 1–9 firms in it and at least 10 in the rest. */
function smallRegion(): { branche: string; erhvervshus: string; others: string; parent: number; cell: number } {
  const [b, e] = [values("branche"), values("erhvervshus")];
  const regions = [...new Set(e)].sort();
  for (const branche of [...new Set(b)].sort())
    for (const erhvervshus of regions) {
      const parent = b.filter((x) => x === branche).length;
      const cell = b.filter((x, i) => x === branche && e[i] === erhvervshus).length;
      if (cell > 0 && cell < 10 && parent - cell >= 10) {
        const others = regions.filter((r) => r !== erhvervshus).join(",");
        return { branche, erhvervshus, others, parent, cell };
      }
    }
  throw new Error("the shipped panel has no industry with a region of 1–9 firms");
}

let panel: string;
let real: Dataset;
let server: ReturnType<typeof askServer>;
const attack = smallRegion();
const parentQuery = `question=ai_brug&filter=branche%3D${attack.branche}`;
const childQuery = `${parentQuery}&filter=erhvervshus%3D${attack.others}`;
const byRegion = `question=ai_brug&by=erhvervshus&filter=branche%3D${attack.branche}`;

beforeAll(() => {
  panel = realLookingPanel(tempDir("serve-"));
  real = loadDataset({ panelFile: panel });
  server = askServer(real, { rules: RULES, roots: [tempDir("serve-root-")] });
});

/** bin/ask.js on the real-looking panel (its `main`, in this process). */
const ask = (args: string[]) => askMain(args, { PANEL_FILE: panel });
/** The command line of a query: `question=x&by=y` → ["x", "--by", "y"]. */
const argsOf = (query: string): string[] =>
  [...new URLSearchParams(query)].flatMap(([k, v]) => (k === "question" ? [v] : [`--${k}`, v]));
const get = (query: string, format = "json") => server.inject({ method: "GET", url: `/api/svar/${format}?${query}` });

describe("npm run serve: the same answers as bin/ask.js", () => {
  it("the panel is real (so that the rules apply on both sides)", () => {
    expect(real.isSynthetic).toBe(false);
  });

  it.each(["question=tilbud&by=stoerrelse", byRegion, "question=oekonomi&stat=mean&by=stoerrelse_2grp"])(
    "%s: the server's json and csv-da are bin/ask.js's bytes",
    async (query) => {
      const cli = await ask([...argsOf(query), "--format", "json"]);
      expect(cli.stderr).toBe("");
      const answer = await get(query);
      expect(answer.statusCode).toBe(200);
      expect(answer.headers["content-type"]).toBe("application/json; charset=utf-8");
      expect(answer.body).toBe(cli.stdout);
      const csv = (await ask([...argsOf(query), "--format", "csv-da"])).stdout;
      expect((await get(query, "csv-da")).body).toBe(csv);
    },
  );
});

describe("disclosure control in the server", () => {
  it("refuses the differencing of issue 24: a total minus the same total without a small region", async () => {
    // Without the rules the two totals give the small region's count back exactly.
    const n = (q: string) => askResult(real, specFromQuery(q)).meta.n;
    expect([n(parentQuery), n(parentQuery) - n(childQuery)]).toEqual([attack.parent, attack.cell]);
    expect((await get(parentQuery)).statusCode).toBe(200);
    const refused = await get(childQuery);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().fejl).toMatch(
      /^Spørgsmålet afvises af diskretionskontrollen: filteret «Erhvervshusområde.*færre end 10 svar/,
    );
    expect(refused.body).not.toContain(String(attack.parent - attack.cell));
  });

  it("a question left with fewer than 10 respondents is refused, and so is a filter that leaves out 1–9 in one group", async () => {
    const small = await get(
      `question=ai_brug&filter=branche%3D${attack.branche}&filter=erhvervshus%3D${attack.erhvervshus}`,
    );
    expect([small.statusCode, small.json().fejl]).toEqual([403, expect.stringMatching(/færre end 10 svar .*tilbage/)]);
    const grouped = await get(`question=ai_brug&by=branche&filter=erhvervshus%3D${attack.others}`);
    expect([grouped.statusCode, grouped.json().fejl]).toEqual([403, expect.stringContaining("en af grupperne")]);
  });

  it("a base is checked within its parent base: barrier against potential in an industry where they differ by 1–9", async () => {
    const [potential, barrier] = [inBase(real.design, "potential"), inBase(real.design, "barrier")];
    const branche = real.design.data.branche;
    const count = (inside: boolean[], code: number) => inside.filter((x, i) => x && branche[i] === code).length;
    const code = [...new Set(Array.from(branche))].find((c) => {
      const gap = count(potential, c as number) - count(barrier, c as number);
      return gap > 0 && gap < 10 && count(barrier, c as number) >= 10;
    });
    if (code === undefined) throw new Error("no industry where barrier leaves 1–9 of potential out");
    expect((await get(`question=ai_brug&base=potential&filter=branche%3D${code}`)).statusCode).toBe(200);
    const refused = await get(`question=ai_brug&base=barrier&filter=branche%3D${code}`);
    expect([refused.statusCode, refused.json().fejl]).toEqual([
      403,
      expect.stringMatching(/basen «.*barriere» udelader/),
    ]);
  });

  it("a suppressed group shows no n, weighted base or effective n, and the shown groups do not give it back", async () => {
    const result = (await get(byRegion)).json() as AskResult;
    const suppressed = result.rows.filter((r) => r.suppressed);
    expect(suppressed.length).toBeGreaterThan(0);
    for (const r of suppressed)
      expect([r.n, r.weighted_base, r.effective_n, r.estimate, r.se]).toEqual([null, null, null, null, null]);
    const first = new Map(result.rows.filter((r) => r.by1_code !== null).map((r) => [r.by1_code, r]));
    const shown = [...first.values()].reduce((sum, r) => sum + (r.n ?? 0), 0);
    const hiddenCount = result.meta.n - shown;
    expect(hiddenCount >= 10).toBe(true);
    // The same question without the rules shows the small region's n.
    const open = askResult(real, specFromQuery(byRegion));
    expect(open.rows.some((r) => r.suppressed && r.n === attack.cell)).toBe(true);
  });

  it("thresholds come from whoever starts the server: a request may raise them, never lower them", async () => {
    for (const lower of ["min-n=0", "min-effective-n=1", "min-n=9"]) {
      const answer = await get(`${byRegion}&${lower}`);
      expect([answer.statusCode, answer.json().fejl]).toEqual([403, expect.stringContaining("kan ikke sænke")]);
    }
    const raised = (await get(`question=ai_brug&by=branche&min-n=200`)).json() as AskResult;
    expect(raised.meta.min_n).toBe(200);
    expect(raised.rows.filter((r) => r.suppressed).length).toBeGreaterThan(0);
    const strict = askServer(real, { rules: { minN: 200, minEffectiveN: 5 }, roots: [tempDir("serve-root-")] });
    const byStrict = (await strict.inject({ url: "/api/svar/json?question=ai_brug&by=branche" })).json() as AskResult;
    expect(JSON.stringify(byStrict.rows)).toBe(JSON.stringify(raised.rows));
    expect(() => askServer(real, { rules: { minN: 3, minEffectiveN: 5 }, roots: [] })).toThrow(/kan hæves, men ikke/);
  });

  it("a request is checked: unknown names, repeats, overlong values and another host get a Danish 4xx", async () => {
    const cases: [string, number, RegExp][] = [
      ["/api/svar/json?question=ai_brug&minn=0", 400, /parameteren «minn» kendes ikke/],
      ["/api/svar/json?question=ai_brug&by=alder&by=branche", 400, /«by» må kun gives én gang/],
      [`/api/svar/json?question=${"a".repeat(600)}`, 400, /for lang/],
      ["/api/svar/pdf?question=ai_brug", 400, /formatet skal være et af/],
      ["/api/svar/json?question=nosuch", 400, /Ukendt spørgsmål "nosuch"/],
    ];
    for (const [url, status, message] of cases) {
      const answer = await server.inject({ url });
      expect([answer.statusCode, answer.json().fejl]).toEqual([status, expect.stringMatching(message)]);
    }
    const rebound = await server.inject({ url: "/api/svar/json?question=ai_brug", headers: { host: "evil.example" } });
    expect([rebound.statusCode, rebound.json().fejl]).toEqual([403, expect.stringContaining("afvises")]);
  });
});

describe("bin/ask.js on a real panel", () => {
  it("applies the same rules: the differencing question is refused, a lower --min-n too", async () => {
    const refused = await ask([...argsOf(childQuery), "--format", "json"]);
    expect([refused.status, refused.stdout]).toEqual([2, ""]);
    expect(refused.stderr).toMatch(/^Spørgsmålet afvises af diskretionskontrollen/);
    const lower = await ask(["ai_brug", "--min-n", "0"]);
    expect([lower.status, lower.stderr]).toEqual([2, expect.stringContaining("--no-disclosure-control")]);
  });

  it("--no-disclosure-control answers and says so, in the answer and on stderr", async () => {
    const open = await ask([...argsOf(byRegion), "--format", "json", "--no-disclosure-control"]);
    expect(open.status).toBe(0);
    const result = JSON.parse(open.stdout) as AskResult;
    expect(result.meta.notes.at(-1)).toMatch(/^Diskretionskontrol slået fra \(--no-disclosure-control\)/);
    expect(result.rows.some((r) => r.suppressed && r.n === attack.cell)).toBe(true);
    expect(open.stderr).toContain("--no-disclosure-control");
    const csv = await ask([...argsOf(childQuery), "--format", "csv", "--no-disclosure-control"]);
    expect([csv.status, csv.stderr]).toEqual([0, expect.stringContaining("Diskretionskontrol slået fra")]);
  });

  it("on the synthetic panel the answer is askResult's, small groups and all", () => {
    const synthetic = loadDataset();
    const spec = specFromQuery(byRegion);
    const plain = askResult(synthetic, spec);
    expect(plain.rows.some((r) => r.suppressed && r.n === attack.cell)).toBe(true);
    expect(JSON.stringify(commandResult(synthetic, spec, true))).toBe(JSON.stringify(plain));
  });
});

describe("the page without respondent data", () => {
  it("writes no spoerg-data.js and asks the server; the server gives it and the report folder's files", async () => {
    const dir = tempDir("serve-page-");
    const files = writeAskPage(dir, real, { microdata: false });
    expect(files).toEqual(["spoerg.html", "spoerg.js", "exceljs.min.js", "plotly.min.js"]);
    expect(fs.readdirSync(dir).sort()).toEqual([...files].sort());
    const html = fs.readFileSync(path.join(dir, "spoerg.html"), "utf8");
    expect(html).not.toContain("spoerg-data.js");
    expect(html).toContain('data-answers="api/svar" data-port="8377"');
    const report = tempDir("serve-report-");
    fs.writeFileSync(path.join(report, "index.html"), "<p>rapport</p>");
    const app = askServer(real, { rules: RULES, roots: [dir, report] });
    expect((await app.inject({ url: "/spoerg.html" })).body).toBe(html);
    expect((await app.inject({ url: "/index.html" })).body).toBe("<p>rapport</p>");
    expect((await app.inject({ url: "/../levering.csv" })).statusCode).toBe(404);
  });
});
