/**
 * Disclosure control, one set of rules for `npm run serve` and for `bin/ask.js` on a real panel: thresholds set by
 * whoever starts the command (a request may raise them, never lower them); a suppressed cell shows no n, weighted
 * base or effective n; cells that would give a suppressed cell back as the table's total minus the shown cells are
 * suppressed too; a question whose base, filters or left-out scale answers leave out fewer respondents than the
 * threshold (in total or in one of its groups) is refused, which stops recovering them by differencing.
 */
import { baseChain, holdsMask, type Condition, type Label, type Lang } from "../codebook";
import { CONTROL_NOTES, SPEC_MESSAGES } from "../codebook/messages";
import { column } from "../survey";
import { askResult, type AskSource } from "./compute";
import { scaleOf } from "./names";
import { resolveBy, resolveQuestion } from "./question";
import type { AskResult, AskRow } from "./result";
import { DEFAULT_MIN_EFFECTIVE_N, DEFAULT_MIN_N, SpecError, type AskSpec } from "./spec";
import { filterText, notes } from "./result";

/** The thresholds: fewer respondents, or a smaller Kish effective number of them, and a cell is suppressed. */
export interface DisclosureRules {
  minN: number;
  minEffectiveN: number;
}

function refused(why: Label): SpecError {
  return new SpecError("disclosure", SPEC_MESSAGES.refused(why));
}

/**
 * The rules as given, checked: they may be raised above the defaults (10 and 5), never set below them.
 * @example checkRules({ minN: 20, minEffectiveN: 5 }) // the same rules; { minN: 0, … } throws a Danish SpecError
 */
export function checkRules(rules: DisclosureRules): DisclosureRules {
  if (rules.minN >= DEFAULT_MIN_N && rules.minEffectiveN >= DEFAULT_MIN_EFFECTIVE_N) return rules;
  throw new SpecError(
    "disclosure",
    SPEC_MESSAGES.thresholdsFloor(DEFAULT_MIN_N, DEFAULT_MIN_EFFECTIVE_N, rules.minN, rules.minEffectiveN),
  );
}

/**
 * Answers a spec under the rules: refused (a Danish `SpecError`) when it lowers them, when the base after the
 * filters is itself too small, or when a restriction leaves out too few; else the answer with small groups hidden.
 * @example controlledResult(loadDataset(), normalizeSpec({ question: "ai_brug", by: "branche" }), { minN: 10, minEffectiveN: 5 })
 */
export function controlledResult(source: AskSource, spec: AskSpec, rules: DisclosureRules): AskResult {
  if (spec.minN < rules.minN || spec.minEffectiveN < rules.minEffectiveN)
    throw refused(SPEC_MESSAGES.thresholdsFromRequest(rules.minN, rules.minEffectiveN));
  const result = askResult(source, spec);
  if (result.rows[0].suppressed) throw refused(SPEC_MESSAGES.tooFewLeft(spec.minN, spec.minEffectiveN));
  checkLeftOut(source, spec);
  const rows = withSecondarySuppression(result.rows, spec).map((r) => (r.suppressed ? hidden(r) : r));
  const meta = { ...result.meta };
  meta.notes = [...notes(meta, rows), CONTROL_NOTES.on[spec.lang]];
  return { meta, rows };
}

/**
 * The command line's answer: on a real panel under the rules of its own `--min-n` / `--min-effective-n` unless
 * `control` is false (`--no-disclosure-control`), which the notes then say; on the synthetic panel as `askResult`.
 * @example commandResult(loadDataset(), spec, true).meta.notes
 */
export function commandResult(source: AskSource, spec: AskSpec, control: boolean): AskResult {
  if (source.isSynthetic) return askResult(source, spec);
  if (control) return controlledResult(source, spec, checkRules(spec));
  const result = askResult(source, spec);
  return { ...result, meta: { ...result.meta, notes: [...result.meta.notes, CONTROL_NOTES.off[spec.lang]] } };
}

/** A suppressed row: no estimate and nothing that counts its respondents. */
function hidden(row: AskRow): AskRow {
  const none = { estimate: null, ci_low: null, ci_high: null, se: null, n: null, weighted_base: null };
  return { ...row, ...none, effective_n: null, one_sided: false, suppressed: true, uncertain: false };
}

/**
 * Each restriction (each link of the base, each filter, the scale's left-out answers) against the others: the
 * respondents it leaves out, in total and in each group of `by`, must be none or at least `minN`.
 */
function checkLeftOut(source: AskSource, spec: AskSpec): void {
  const design = source.design;
  const asked = resolveQuestion(spec).asked;
  // The base in its links (a named base's chain: "barrier" within "potential" within …), each a restriction.
  const base = spec.base ?? asked.name;
  const links: { label: string; condition: Condition }[] =
    base !== null
      ? baseChain(base).map((b) => ({ label: b.label.da, condition: b.condition }))
      : [{ label: asked.label, condition: asked.condition }];
  const restrictions: { what: Label; condition: Condition }[] = links.map(({ label, condition }) => ({
    what: { da: `basen «${label}»`, en: `the base "${label}"` },
    condition,
  }));
  for (const f of spec.filters)
    restrictions.push({
      what: {
        da: `filteret «${filterText(f.variable, f.codes, "da").text}»`,
        en: `the filter "${filterText(f.variable, f.codes, "en").text}"`,
      },
      condition: { variable: f.variable, in: f.codes },
    });
  const scale = spec.stat === "mean" ? scaleOf(spec.question) : null;
  if (scale !== null)
    restrictions.push({
      what: {
        da: "udeladelsen af svar uden for skalaen (fx «ved ikke»)",
        en: "leaving out the answers off the scale (e.g. «ved ikke»)",
      },
      condition: { variable: spec.question, in: scale.scale },
    });
  const bys = spec.by.map((name) => {
    const b = resolveBy(name, spec.lang);
    const values = column(design, b.variable);
    return b.recode === null ? values : Array.from(values, b.recode);
  });
  // A row left out by exactly one restriction is in that restriction's complement within its parent.
  const leftBy = new Int16Array(design.n).fill(-1);
  restrictions.forEach((r, k) => {
    const keeps = holdsMask(r.condition, (name) => column(design, name), design.n);
    for (let i = 0; i < design.n; i++) if (keeps[i] === 0) leftBy[i] = leftBy[i] === -1 ? k : -2;
  });
  const leftOut = restrictions.map(() => new Map<number, number>()); // -1 the total, else the group's codes
  for (let i = 0; i < design.n; i++) {
    if (leftBy[i] < 0) continue;
    const counts = leftOut[leftBy[i]];
    counts.set(-1, (counts.get(-1) ?? 0) + 1);
    let group = bys.length === 0 ? null : 0;
    for (const values of bys)
      group = group === null || values[i] === null ? null : group * 1000 + (values[i] as number);
    if (group !== null) counts.set(group, (counts.get(group) ?? 0) + 1);
  }
  const small = leftOut.findIndex((counts) => [...counts.values()].some((n) => n < spec.minN));
  if (small >= 0) throw refused(SPEC_MESSAGES.leavesOutTooFew(restrictions[small].what, spec.minN));
}

/**
 * The rows with more groups suppressed where needed: within the groups that make up a total (all groups; with two
 * `by`, also those of each level of either), the suppressed ones must together count none or at least `minN`,
 * else the smallest shown group is suppressed as well, until that holds.
 */
function withSecondarySuppression(rows: AskRow[], spec: AskSpec): AskRow[] {
  const key = (r: AskRow): string => `${r.by1_code},${r.by2_code}`;
  const groups = new Map<string, AskRow>();
  for (const r of rows) if (r.by1_code !== null && !groups.has(key(r))) groups.set(key(r), r);
  const all = [...groups.values()];
  const partitions = [all];
  if (spec.by.length === 2)
    for (const level of ["by1_code", "by2_code"] as const)
      for (const code of new Set(all.map((g) => g[level]))) partitions.push(all.filter((g) => g[level] === code));
  const suppressed = new Set(all.filter((g) => g.suppressed).map(key));
  for (let changed = true; changed;) {
    changed = false;
    for (const part of partitions) {
      const count = part.filter((g) => suppressed.has(key(g))).reduce((sum, g) => sum + (g.n ?? 0), 0);
      const shown = part.filter((g) => !suppressed.has(key(g))).sort((a, b) => (a.n ?? 0) - (b.n ?? 0));
      if (count > 0 && count < spec.minN && shown.length > 0) {
        suppressed.add(key(shown[0]));
        changed = true;
      }
    }
  }
  return rows.map((r) => (r.by1_code !== null && suppressed.has(key(r)) ? { ...r, suppressed: true } : r));
}
