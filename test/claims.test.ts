/**
 * The register of the report's claims: every number of the report's text stands in an entry, every entry's text
 * is the report's, statuses follow the 5 % rule, and differences of overlapping domains use their covariance.
 */
import { readFileSync } from "fs";
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import { LARGE_POTENTIAL } from "../src/codebook";
import { claimsPath, evaluateClaims, readClaims, type ClaimResult } from "../src/report/claims";
import { judgeDifference, worstStatus } from "../src/report/claim-tests";
import { compareDomains, domainValues } from "../src/report/contrast";
import { loadDataset, type Dataset } from "../src/report/dataset";
import { publishedFigures } from "../src/report/figures";
import { reproduceFigures } from "../src/report/reproduce";
import { baseDesign, inBase } from "../src/report/bases";
import { DataError, subset, svydiff, svyciprop, svydesign } from "../src/survey";
import { tempDir } from "./helpers/temp-dirs";
import { claimsJson, claimsPageBody, overviewHtml } from "../src/notebook/claims-page";
import { marginSensitivity, scaledMargins } from "../src/report/margin-sensitivity";

const REPORT_FILE = path.resolve(__dirname, "..", "data", "published", "report-ai-smv-2025.txt");
/** As test/published.test.ts: one space for any run of white space, no line-break hyphens, one word for the board. */
const normalise = (s: string): string =>
  s
    .replace(/\s+/g, " ")
    .replace(/-\s/g, "")
    .replace(/Erhvervsfremme ?bestyrelses/g, "Erhvervsfremmebestyrelses")
    .trim();

describe("data/published/claims.csv", () => {
  const claims = readClaims(claimsPath(), publishedFigures());
  const report = normalise(readFileSync(REPORT_FILE, "utf8"));

  it("quotes the report verbatim in every entry", () => {
    const missing = claims.filter((c) => !report.includes(normalise(c.text))).map((c) => c.id);
    expect(missing).toEqual([]);
  });

  it("has every number of the report's text inside an entry's text", () => {
    const covered = new Uint8Array(report.length);
    for (const c of claims) {
      const text = normalise(c.text);
      for (let at = report.indexOf(text); at >= 0; at = report.indexOf(text, at + 1))
        covered.fill(1, at, at + text.length);
    }
    const numbers = [...report.matchAll(/\d+(?:\.\d{3})*/g)];
    expect(numbers.length).toBeGreaterThan(40);
    const outside = numbers
      .filter((m) => covered[m.index!] === 0)
      .map((m) => report.slice(m.index! - 40, m.index! + 10));
    expect(outside).toEqual([]);
  });

  it("refuses a reason beside a test, an unknown test and a claim with nothing to check it", () => {
    const dir = tempDir("claims-");
    const header = "id,section,place,text,meaning,figures,test,reason\n";
    const write = (row: string): string => {
      const file = path.join(dir, `c${row.length}.csv`);
      require("fs").writeFileSync(file, header + row + "\n");
      return file;
    };
    const figures = publishedFigures();
    expect(() => readClaims(write("a.b,summary,text,T,M,,size_potential,why"), figures)).toThrow(/column "reason"/);
    expect(() => readClaims(write("a.b,summary,text,T,M,,no_such_test,"), figures)).toThrow(DataError);
    expect(() => readClaims(write("a.b,summary,text,T,M,context.sme_share_of_firms,,"), figures)).toThrow(
      /why the claim cannot be checked here/,
    );
    expect(() => readClaims(write("a.b,nowhere,text,T,M,,,why"), figures)).toThrow(/column "section"/);
  });
});

describe("judging a claim", () => {
  it("says 'holds' only below 5 %, in the claimed direction", () => {
    expect(judgeDifference({ value: 0.048, p: 0.228 }, 1)).toBe("same_direction");
    expect(judgeDifference({ value: 0.048, p: 0.049 }, 1)).toBe("holds");
    expect(judgeDifference({ value: 0.048, p: 0.001 }, -1)).toBe("does_not_hold");
    expect(judgeDifference({ value: -0.01, p: 0.5 }, 0)).toBe("same_direction");
    expect(worstStatus(["reproduced", "holds", "same_direction"])).toBe("same_direction");
    expect(worstStatus(["holds", "does_not_hold", "not_checkable"])).toBe("does_not_hold");
  });
});

describe("the register on the synthetic panel", () => {
  let ds: Dataset;
  let results: ClaimResult[];
  beforeAll(async () => {
    ds = loadDataset();
    const claims = readClaims(claimsPath(), publishedFigures());
    results = await evaluateClaims(claims, reproduceFigures(ds.design), { design: ds.design, margins: ds.margins });
  });

  it("never says 'holds' with a check at p ≥ 0.05, and every entry's status is its worst check's", () => {
    for (const r of results) {
      for (const c of r.checks)
        if (c.p !== null && c.p >= 0.05) expect(c.status, `${r.id}: ${c.label}`).not.toBe("holds");
      if (r.checks.length > 0) expect(r.status, r.id).toBe(worstStatus(r.checks.map((c) => c.status)));
      else expect([r.status, r.reason === ""], r.id).toEqual(["not_checkable", false]);
    }
  });

  it("reads the summary's 84 pct. literally too: knowledge or competences is not 84 pct.", () => {
    const entry = results.find((r) => r.id === "summary.barriers_knowledge")!;
    const literal = entry.checks.find((c) => /Viden eller kompetencer/.test(c.label))!;
    expect(literal.ciHigh!).toBeLessThan(0.84);
    expect(entry.status).toBe("does_not_hold");
  });

  it("judges rådgivning by economic situation by its test, not its sign", () => {
    const entry = results.find((r) => r.id === "offers.by_economy")!;
    const advice = entry.checks[0];
    const d = svydiff(baseDesign(ds.design, "barrier"), "tilbud_raadgivning_ai", [1], "oekonomi", [
      [1, 2],
      [3, 4, 5],
    ]);
    expect([advice.value, advice.p]).toEqual([d.value, d.p]);
    expect(advice.status).toBe(d.p < 0.05 && d.value > 0 ? "holds" : d.value > 0 ? "same_direction" : "does_not_hold");
  });

  it("compares disjoint domains exactly as svydiff, and overlapping ones with their covariance", () => {
    const des = baseDesign(ds.design, "relevant");
    const large = inBase(des, "all").map((_, i) => des.data.stoerrelse[i] !== 1);
    const small = large.map((x) => !x);
    const d = compareDomains(
      des,
      domainValues(des, "pot_salg", LARGE_POTENTIAL, large),
      domainValues(des, "pot_salg", LARGE_POTENTIAL, small),
    );
    const reference = svydiff(des, "pot_salg", LARGE_POTENTIAL as unknown as number[], "stoerrelse", [[2, 3], [1]]);
    expect(d.value).toBeCloseTo(reference.value, 12);
    expect(d.se).toBeCloseTo(reference.se, 10);
    expect(d.p).toBeCloseTo(reference.p, 8);
    // Two areas on one base: the covariance of two positively related shares makes the difference's SE smaller
    // than the SE of independent samples.
    const salg = domainValues(des, "pot_salg", LARGE_POTENTIAL);
    const udvikling = domainValues(des, "pot_udvikling", LARGE_POTENTIAL);
    const both = compareDomains(des, salg, udvikling);
    const [a, b] = ["pot_salg", "pot_udvikling"].map((c) => svyciprop(des, c, LARGE_POTENTIAL, { ci: "wald" }));
    expect(both.first).toBeCloseTo(a.value, 12);
    expect(both.value).toBeCloseTo(a.value - b.value, 12);
    expect(both.se).toBeLessThan(Math.sqrt(a.se ** 2 + b.se ** 2));
  });

  it("gives the same difference as svydiff on a tiny design by hand", () => {
    const tiny = svydesign({
      data: { g: [1, 1, 2, 2, 2], y: [1, 0, 1, 1, 0] },
      weights: [1, 2, 1, 1, 2],
      source: "tiny",
    });
    const d = compareDomains(
      tiny,
      domainValues(tiny, "y", [1], [true, true, false, false, false]),
      domainValues(tiny, "y", [1], [false, false, true, true, true]),
    );
    expect(d.first).toBeCloseTo(1 / 3, 12);
    expect(d.second).toBeCloseTo(2 / 4, 12);
    expect(d.se).toBeCloseTo(svydiff(tiny, "y", [1], "g", [[1], [2]]).se, 12);
    expect(subset(tiny, { g: [1] }).n).toBe(5);
  });
});

describe("the register's files and the overview", () => {
  let ds: Dataset;
  beforeAll(() => {
    ds = loadDataset();
  });

  it("writes the same claims.json twice, and escapes the register's text on the page", async () => {
    const claims = readClaims(claimsPath(), publishedFigures());
    const run = () => evaluateClaims(claims, reproduceFigures(ds.design), { design: ds.design, margins: ds.margins });
    const first = await run();
    expect(claimsJson(first)).toBe(claimsJson(await run()));
    const hostile = { ...first[0], text: "<script>alert(1)</script>", reason: "<img src=x onerror=alert(2)>" };
    const html = claimsPageBody([hostile]);
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain("&lt;script&gt;");
  });

  it("moves one estimated margin keeping the total, and says so when no margin is an estimate", async () => {
    const moved = scaledMargins(ds.margins, "alder", 3, 1.1);
    const alder = moved.rows.filter((r) => r.variable === "alder");
    expect(alder.reduce((s, r) => s + r.count, 0)).toBeCloseTo(ds.margins.total, 6);
    expect(alder.find((r) => r.level === 3)!.count).toBeCloseTo(
      1.1 * ds.margins.rows.find((r) => r.variable === "alder" && r.level === 3)!.count,
      6,
    );
    const exact = { ...ds.margins, rows: ds.margins.rows.map((r) => ({ ...r, sourceStatus: "verbatim" as const })) };
    expect(await marginSensitivity(ds.panel, exact)).toEqual([]);
    expect(overviewHtml([], [])).toContain("Ingen af vægtningens marginer er skøn");
  });
});
