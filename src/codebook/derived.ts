/** Questions derived from the panel's answers ("at least one …"): 1 where the condition holds, else 0. */
import { AREAS, BARRIER_ITEMS, NO_BARRIER, barrierColumn } from "./answers";
import { BARRIER_CONDITION, POTENTIAL_CONDITION, type BaseName } from "./base-specs";
import { holdsMask, type ColumnOf, type Condition } from "./conditions";
import { label, type Label } from "./labels";

/** A derived question: its name, label, the condition that makes it 1, and the base that was asked. */
export interface DerivedQuestion {
  name: string;
  label: Label;
  condition: Condition;
  askedOf: BaseName;
}

/** "At least one": large potential, a barrier, each barrier. @example DERIVED_QUESTIONS[0].name // "pot_mindst_et" */
export const DERIVED_QUESTIONS: readonly DerivedQuestion[] = [
  {
    name: "pot_mindst_et",
    label: label(
      "Stort/meget stort potentiale inden for mindst ét forretningsområde",
      "Large/very large potential in at least one business area",
    ),
    condition: POTENTIAL_CONDITION,
    askedOf: "relevant",
  },
  {
    name: "bar_mindst_en",
    label: label(
      "Mindst én barriere i mindst ét forretningsområde",
      "At least one barrier in at least one business area",
    ),
    condition: BARRIER_CONDITION,
    askedOf: "potential",
  },
  ...BARRIER_ITEMS.filter((b) => b.key !== NO_BARRIER).map((b) => ({
    name: `bar_${b.key}_mindst_et`,
    label: label(`${b.label.da} i mindst ét forretningsområde`, `${b.label.en} in at least one business area`),
    condition: { anyOf: AREAS.map((a) => ({ variable: barrierColumn(a.key, b.key), in: [1] })) },
    askedOf: "potential" as const,
  })),
];

/** 1 where the question's condition holds, else 0 (not asked counts as no). @example derivedValues(q, col, n) */
export function derivedValues(question: DerivedQuestion, column: ColumnOf, n: number): number[] {
  return Array.from(holdsMask(question.condition, column, n));
}
