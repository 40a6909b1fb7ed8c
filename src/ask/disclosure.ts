/**
 * Disclosure control, one set of rules for `npm run serve` and `bin/ask.js` on a real panel: thresholds only raised,
 * suppressed cells without counts, secondary suppression, and refusal of restrictions that leave out too few.
 */
import { baseChain, holdsMask, label, type Condition, type Label } from "../codebook";
import { CONTROL_NOTES, SPEC_MESSAGES } from "../codebook/messages";
import { column } from "../survey";
import { askResult, type AskSource } from "./compute";
import { resolveBy, resolveQuestion, scaleOf } from "./names";
import { filterText, notes, type AskResult, type AskRow } from "./result";
import { DEFAULT_MIN_EFFECTIVE_N, DEFAULT_MIN_N, SpecError, type AskSpec } from "./spec";

/** The thresholds: fewer respondents, or a smaller Kish effective number of them, and a cell is suppressed. */
export interface DisclosureRules {
  minN: number;
  minEffectiveN: number;
}

function refused(why: Label): SpecError {
  return new SpecError("disclosure", SPEC_MESSAGES.refused(why));
}

/** The rules, checked: raised above the defaults (10 and 5), never below: `checkRules({ minN: 20, minEffectiveN: 5 })`. */
export function checkRules(rules: DisclosureRules): DisclosureRules {
  if (rules.minN >= DEFAULT_MIN_N && rules.minEffectiveN >= DEFAULT_MIN_EFFECTIVE_N) return rules;
  const message = SPEC_MESSAGES.thresholdsFloor(
    DEFAULT_MIN_N,
    DEFAULT_MIN_EFFECTIVE_N,
    rules.minN,
    rules.minEffectiveN,
  );
  throw new SpecError("disclosure", message);
}

/** A spec's answer under the rules, small groups hidden; refused if it lowers them or could disclose too much. */
export function controlledResult(source: AskSource, spec: AskSpec, rules: DisclosureRules): AskResult {
  if (spec.minN < rules.minN || spec.minEffectiveN < rules.minEffectiveN)
    throw refused(SPEC_MESSAGES.thresholdsFromRequest(rules.minN, rules.minEffectiveN));
  const result = askResult(source, spec);
  if (result.rows[0].suppressed) throw refused(SPEC_MESSAGES.tooFewLeft(spec.minN, spec.minEffectiveN));
  checkLeftOut(source, spec);
  const rows = withSecondarySuppression(result.rows, spec).map((r) => (r.suppressed ? hidden(r) : r));
  return { meta: { ...result.meta, notes: [...notes(result.meta, rows), CONTROL_NOTES.on[spec.lang]] }, rows };
}

/** The command line's answer: a real panel's under its own thresholds unless `control` is false (the notes say so). */
export function commandResult(source: AskSource, spec: AskSpec, control: boolean): AskResult {
  if (source.isSynthetic) return askResult(source, spec);
  if (control) return controlledResult(source, spec, checkRules(spec));
  const result = askResult(source, spec);
  return { ...result, meta: { ...result.meta, notes: [...result.meta.notes, CONTROL_NOTES.off[spec.lang]] } };
}

/** A suppressed row: no estimate and nothing that counts its respondents. */
function hidden(row: AskRow): AskRow {
  const none = { estimate: null, ci_low: null, ci_high: null, se: null, one_sided: false };
  return { ...row, ...none, n: null, weighted_base: null, effective_n: null, suppressed: true, uncertain: false };
}

/** Each restriction (base link, filter, off-scale answers) leaves out none or at least `minN`, in all and per group. */
function checkLeftOut(source: AskSource, spec: AskSpec): void {
  const design = source.design;
  const asked = resolveQuestion(spec).asked;
  // The base in its links (a named base's chain: "barrier" within "potential" within …), each a restriction.
  const base = spec.base ?? asked.name;
  const links = base === null ? [asked] : baseChain(base).map((b) => ({ label: b.label.da, condition: b.condition }));
  const restrictions: { what: Label; condition: Condition }[] = links.map((link) => ({
    what: label(`basen «${link.label}»`, `the base "${link.label}"`),
    condition: link.condition,
  }));
  for (const f of spec.filters) {
    const [da, en] = [filterText(f.variable, f.codes, "da").text, filterText(f.variable, f.codes, "en").text];
    restrictions.push({
      what: label(`filteret «${da}»`, `the filter "${en}"`),
      condition: { variable: f.variable, in: f.codes },
    });
  }
  const scale = spec.stat === "mean" ? scaleOf(spec.question) : null;
  const offScale = label(
    "udeladelsen af svar uden for skalaen (fx «ved ikke»)",
    "leaving out the answers off the scale (e.g. «ved ikke»)",
  );
  if (scale !== null) restrictions.push({ what: offScale, condition: { variable: spec.question, in: scale.scale } });
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

/** More groups suppressed until the suppressed groups of each total (either `by`) count none or at least `minN`. */
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
