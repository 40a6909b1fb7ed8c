/**
 * Models on the project's panel against R's survey 4.1.1 (test/fixtures/svyglm/panel.json, written by
 * scripts/r/svyglm-panel-fixtures.R): the logistic svyglm, regTermTest and svypredmeans that notebook 09 and
 * `ask --adjust` fit on the raked design's base, and `ask --adjust`'s own numbers. Coefficients to 1e-8 relative, SEs,
 * margins and tests to 1e-6.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { adjustedShares } from "../src/ask/adjust";
import { askResult } from "../src/ask/compute";
import { resolveBy } from "../src/ask/names";
import { csvDanishText } from "../src/ask/export";
import { normalizeSpec, SpecError } from "../src/ask/spec";
import { textTable } from "../src/ask/text";
import { baseDesign } from "../src/report/bases";
import { loadDataset } from "../src/report/dataset";
import {
  column,
  regTermTest,
  svydesign,
  svyglm,
  svypredmeans,
  update,
  type ColumnValues,
  type SurveyDesign,
} from "../src/survey";
import { rel, type Json } from "./helpers/api-fixtures";

const fixtures: Json[] = JSON.parse(readFileSync(join(__dirname, "fixtures", "svyglm", "panel.json"), "utf8")).fixtures;
const dataset = loadDataset();
const close = (got: number, want: number, tolerance: number, what: string) =>
  expect(rel(got, want), `${what}: ${got} vs R ${want}`).toBeLessThan(tolerance);

/** The fixture's base with y, the group g and the controls as factors (codes as two-digit text: R's level order). */
function designOf(f: Json): SurveyDesign {
  const d = baseDesign(dataset.design, f.base);
  const inside = (i: number) => d.domain === null || d.domain[i] === 1;
  const text = (values: ColumnValues) =>
    Array.from(values, (v, i) => (inside(i) && v !== null ? String(v).padStart(2, "0") : null));
  const size = column(d, "stoerrelse");
  const groups =
    f.by === "stoerrelse_2grp" ? Array.from(size, (v) => (v === null ? null : v === 1 ? 1 : 2)) : column(d, f.by);
  return update(d, {
    y: Array.from(column(d, f.question), (v, i) => (inside(i) && v !== null ? (f.codes.includes(v) ? 1 : 0) : null)),
    g: text(groups),
    ...Object.fromEntries(f.adjust.map((a: string) => [a, text(column(d, a))])),
  });
}

describe.each(fixtures)("$id on the raked panel, as R", (f) => {
  const d = designOf(f);
  const controls = f.adjust.join(" + ");
  it("svyglm: coefficients, SEs and df", () => {
    const m = svyglm(d, `y ~ g + ${controls}`, { family: "quasibinomial" });
    expect(m.coefficients.length).toBe(f.model.coef.length);
    expect(m.df).toBe(f.model.df_residual);
    f.model.coef.forEach((c: number, k: number) => {
      close(m.coefficients[k], c, 1e-8, `coef ${f.model.names[k]}`);
      close(m.se[k], f.model.se[k], 1e-6, `se ${f.model.names[k]}`);
      close(m.p[k], f.model.p[k], 1e-6, `p ${f.model.names[k]}`);
    });
    const t = regTermTest(m, "~g");
    close(t.f, f.regTermTest.Ftest, 1e-6, "Wald F");
    close(t.p, f.regTermTest.p, 1e-6, "Wald p");
    expect([t.df, t.ddf]).toEqual([f.regTermTest.df, f.regTermTest.ddf]);
  });
  it("svypredmeans (R's steps by hand where 4.1.1 itself fails)", () => {
    const pm = svypredmeans(svyglm(d, `y ~ ${controls}`, { family: "quasibinomial" }), "g");
    const r = f.predmeans;
    expect(pm.names.map(Number).sort()).toEqual(r.names.map(Number).sort());
    r.names.forEach((name: string, k: number) => {
      const j = pm.names.findIndex((n) => Number(n) === Number(name));
      close(pm.estimate[j], r.estimate[k], 1e-8, `margin ${name}`);
      close(pm.se[j], r.se[k], 1e-6, `se ${name}`);
    });
  });
  it("ask --adjust gives R's margins, intervals and Wald test", () => {
    const answers = f.question === "pot_salg" ? f.codes.join(",") : undefined;
    const spec = normalizeSpec({ question: f.question, answers, by: f.by, adjust: f.adjust.join(","), base: f.base });
    const result = askResult(dataset, spec);
    const [test] = result.meta.adjust?.tests ?? [];
    close(test.f ?? NaN, f.regTermTest.Ftest, 1e-6, "ask Wald F");
    close(test.p ?? NaN, f.regTermTest.p, 1e-6, "ask Wald p");
    expect([test.df, test.ddf]).toEqual([f.regTermTest.df, f.regTermTest.ddf]);
    const groups = result.rows.filter((row) => row.by1_code !== null);
    expect(groups.map((row) => row.by1_code)).toEqual(f.predmeans.names.map(Number).sort());
    for (const row of groups) {
      const k = f.predmeans.names.map(Number).indexOf(row.by1_code);
      close(row.adjusted_estimate ?? NaN, 100 * f.predmeans.estimate[k], 1e-8, `ask margin ${row.group}`);
      close(row.adjusted_se ?? NaN, 100 * f.predmeans.se[k], 1e-6, `ask se ${row.group}`);
      close(row.adjusted_ci_low ?? NaN, 100 * f.predmeans.ci_low[k], 1e-6, `ask CI low ${row.group}`);
      close(row.adjusted_ci_high ?? NaN, 100 * f.predmeans.ci_high[k], 1e-6, `ask CI high ${row.group}`);
    }
    expect(result.rows[0].adjusted_estimate).toBeNull(); // "I alt" has no margin
  });
});

describe("ask --adjust: refusals and models that cannot be fitted, in Danish", () => {
  const spec = (input: Record<string, string>) => () =>
    normalizeSpec({ question: "pot_salg", answers: "1-2", ...input });
  it.each([
    [{ by: "stoerrelse", adjust: "branche", stat: "mean", answers: "" }, /--stat share/],
    [{ adjust: "branche" }, /én --by/],
    [{ by: "stoerrelse,alder", adjust: "branche" }, /én --by/],
    [{ by: "stoerrelse", adjust: "stoerrelse_2grp" }, /stoerrelse er allerede spørgsmålet, --by/],
    [{ by: "stoerrelse", adjust: "pot_salg" }, /pot_salg er allerede spørgsmålet/],
    [{ by: "stoerrelse", adjust: "branche,branche" }, /branche er allerede/],
    [{ by: "stoerrelse", adjust: "brance" }, /Ukendt justeringsvariabel "brance".*branche/],
  ])("%j", (input, message) => {
    expect(spec(input)).toThrow(SpecError);
    expect(spec(input)).toThrow(message);
  });
  it("too few answers per parameter: no number, the reason by the test, a dash in the table", () => {
    const result = askResult(
      dataset,
      normalizeSpec({ question: "tilbud_andet", by: "stoerrelse", adjust: "branche,alder,erhvervshus" }),
    );
    const [test] = result.meta.adjust?.tests ?? [];
    expect(test.f).toBeNull();
    expect(test.problem).toMatch(/ingen model: \d+ svar af den sjældneste slags .* mindst 10 pr\. parameter/);
    expect(result.rows.every((row) => row.adjusted_estimate === null)).toBe(true);
    expect(textTable(result)).toMatch(/justeret\s+–\s+–\s+–/);
  });
  it("separation (a group with the answer only): no number, the reason in Danish", () => {
    const n = 600;
    const size = Array.from({ length: n }, (_, i) => 1 + (i % 3));
    const design = svydesign({
      data: {
        stoerrelse: size,
        branche: Array.from({ length: n }, (_, i) => 1 + (Math.floor(i / 3) % 2)),
        pot_salg: size.map((s, i) => (s === 3 ? 1 : 1 + (Math.floor(i / 6) % 4))),
      },
      source: "separation.csv",
    });
    const item = { column: "pot_salg", code: "1+2", label: "Stort", codes: [1, 2] };
    const by = resolveBy("stoerrelse", "da");
    const { adjustment, shares } = adjustedShares(design, ["branche"], [item], by, "stoerrelse", "da", 0.95);
    expect(shares).toEqual([null]);
    expect(adjustment.tests[0].problem).toMatch(/^modellen kan ikke fittes: .*adskillelse/);
  });
  it("a variable not asked of everyone in the base is refused", () => {
    const input = { question: "ai_brug", by: "stoerrelse", adjust: "pot_salg" };
    expect(() => askResult(dataset, normalizeSpec(input))).toThrow(
      /--adjust pot_salg er tom \(ikke spurgt\) for \d+ svarpersoner/,
    );
  });
  it("a variable with one value in the base (a filter on it): no model, said so", () => {
    const result = askResult(
      dataset,
      normalizeSpec({ question: "pot_salg", answers: "1-2", by: "stoerrelse", adjust: "branche", filter: "branche=4" }),
    );
    expect(result.meta.adjust?.tests[0].problem).toMatch(/Branche.*har kun én værdi i basen/);
  });
  it("csv-da carries the adjusted columns with Danish headings; without --adjust the columns are as before", () => {
    const input = { question: "pot_salg", answers: "1-2", by: "stoerrelse" };
    const plain = csvDanishText(askResult(dataset, normalizeSpec(input)));
    const adjusted = csvDanishText(askResult(dataset, normalizeSpec({ ...input, adjust: "branche" })));
    expect(plain.split("\r\n")[0]).not.toMatch(/Justeret/);
    expect(adjusted.split("\r\n")[0]).toMatch(/;Justeret andel \(%\);Justeret KI nedre;Justeret KI øvre;Justeret SE$/);
    expect(adjusted.split("\r\n")[2]).toMatch(/;\d+,\d+;\d+,\d+;\d+,\d+;\d+,\d+$/);
  });
});
