/** The Rao–Scott tests of an answer: the question against each `by`, and with two, the second within the first's groups. */
import { column, subset, svychisq, update, type SurveyDesign } from "../survey";
import type { ResolvedBy, ResolvedQuestion } from "./question";
import type { AskTest } from "./result";
import type { AskSpec } from "./spec";
import { ANSWER_TEXT } from "../codebook/messages";

/**
 * Each tested column of `q` against each `by` (Rao–Scott, as R's svychisq); with two `by` and one tested column, also
 * the second within each group of the first. A test that cannot be computed says why (in the spec's language).
 * @example raoScottTests(design, spec, resolveQuestion(spec), bys, byColumns).tests[0].p
 */
export function raoScottTests(
  design: SurveyDesign,
  spec: AskSpec,
  q: ResolvedQuestion,
  bys: ResolvedBy[],
  byColumns: string[],
): { tests: AskTest[]; design: SurveyDesign } {
  const out: AskTest[] = [];
  let d = design;
  /** The Rao–Scott test of the tested column against `byColumn` on `on` (`within`: the group it is restricted to). */
  const test = (
    on: SurveyDesign,
    t: (typeof q.tested)[number],
    tested: string,
    by: string,
    byColumn: string,
    within?: string,
  ) => {
    const where = within === undefined ? {} : { within };
    try {
      const rs = svychisq(on, tested, byColumn);
      const finite = [rs.f, rs.ndf, rs.ddf, rs.p].every(Number.isFinite);
      out.push({
        by,
        ...where,
        item: t.item,
        label: t.label,
        f: finite ? rs.f : null,
        ndf: finite ? rs.ndf : null,
        ddf: finite ? rs.ddf : null,
        p: finite ? rs.p : null,
        problem: finite ? null : "not defined here",
      });
    } catch (error) {
      const why = ANSWER_TEXT.raoScottUndefined[spec.lang];
      out.push({
        by,
        ...where,
        item: t.item,
        label: t.label,
        f: null,
        ndf: null,
        ddf: null,
        p: null,
        problem: `${why}: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  };
  for (const t of q.tested) {
    let tested = t.column;
    if (t.recode !== null) {
      tested = `${t.column}__answers`;
      d = update(d, { [tested]: Array.from(column(d, t.column), t.recode) });
    }
    bys.forEach((b, k) => test(d, t, tested, b.name, byColumns[k]));
    // With two by-variables: the second tested within each group of the first, for a question of one tested column
    // (a single item of a multi-response question is one: its items times the groups would be a test per cell).
    if (bys.length === 2 && q.tested.length === 1) {
      const present = new Set(Array.from(column(d, byColumns[0])));
      for (const level of bys[0].levels.filter((l) => present.has(l.code))) {
        const within = subset(d, { [byColumns[0]]: [level.code] });
        test(within, t, tested, bys[1].name, byColumns[1], `${bys[0].name} = ${level.label}`);
      }
    }
  }
  return { tests: out, design: d };
}
